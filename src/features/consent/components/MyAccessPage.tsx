import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../../lib/auth/useAuth';
import {
  ConsentApiError,
  listConsents,
  listMyAccessTrace,
  revokeConsent,
  type AccessRecord,
  type ConsentSummary,
} from '../api/consentApi';
import { formatDateTime } from './formatDate';
import styles from './Consent.module.css';

const messageOf = (err: unknown): string =>
  err instanceof ConsentApiError ? err.message : String(err);

/** `/mes-acces` — a patient's consents (withdrawn in one click) and who accessed their data. */
export function MyAccessPage() {
  const { t } = useTranslation();
  const { principal, accessToken } = useAuth();
  const enabled = accessToken !== null && principal?.role === 'patient';
  const consents = useQuery({
    queryKey: ['consent', 'mine'],
    queryFn: () => listConsents(accessToken ?? ''),
    enabled,
  });
  const trace = useQuery({
    queryKey: ['consent', 'trace'],
    queryFn: () => listMyAccessTrace(accessToken ?? ''),
    enabled,
  });

  if (principal?.role !== 'patient') {
    return <p role="alert">{t('consent.myAccess.noConsents')}</p>;
  }
  return (
    <div>
      <h1>{t('consent.myAccess.title')}</h1>
      <section aria-labelledby="my-consents" aria-busy={consents.isPending}>
        <h2 id="my-consents">{t('consent.myAccess.consentsTitle')}</h2>
        {consents.isPending && <p role="status">{t('consent.myAccess.loading')}</p>}
        {consents.isError && (
          <p role="alert" className={styles.error}>
            {t('consent.myAccess.failed', { message: messageOf(consents.error) })}
          </p>
        )}
        {consents.data && consents.data.length === 0 && <p>{t('consent.myAccess.noConsents')}</p>}
        {consents.data && consents.data.length > 0 && (
          <ul className={styles.list} data-testid="my-consents">
            {consents.data.map((c) => (
              <ConsentItem key={c.id} consent={c} accessToken={accessToken ?? ''} />
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="my-access" aria-busy={trace.isPending}>
        <h2 id="my-access">{t('consent.myAccess.accessTitle')}</h2>
        {trace.isPending && <p role="status">{t('consent.myAccess.loading')}</p>}
        {trace.isError && (
          <p role="alert" className={styles.error}>
            {t('consent.myAccess.failed', { message: messageOf(trace.error) })}
          </p>
        )}
        {trace.data && (
          <AccessTable records={trace.data.filter((r) => r.role === 'professional')} />
        )}
      </section>
    </div>
  );
}

function ConsentItem({ consent, accessToken }: { consent: ConsentSummary; accessToken: string }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const given = formatDateTime(consent.recordedAt, i18n.language);
  const status = consent.revokedAt
    ? t('consent.myAccess.statusRevoked', {
        date: formatDateTime(consent.revokedAt, i18n.language),
      })
    : consent.expired
      ? t('consent.myAccess.statusExpired')
      : t('consent.myAccess.statusActive');
  const canRevoke = consent.status === 'active';

  async function revoke(): Promise<void> {
    setBusy(true);
    setProblem(null);
    try {
      await revokeConsent(consent.id, accessToken);
      await queryClient.invalidateQueries({ queryKey: ['consent'] });
    } catch (err) {
      setProblem(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <li data-status={consent.status}>
      <span>
        {t('consent.myAccess.given', { date: given, rpps: consent.performerRpps })},{' '}
        {t('consent.myAccess.until', { date: formatDateTime(consent.end, i18n.language) })} —{' '}
        <strong>{status}</strong>
      </span>
      {canRevoke && (
        <button
          type="button"
          className={styles.danger}
          disabled={busy}
          aria-label={t('consent.myAccess.revokeLabel', { date: given })}
          onClick={() => void revoke()}
        >
          {t('consent.myAccess.revoke')}
        </button>
      )}
      {problem && (
        <span role="alert" className={styles.error}>
          {problem}
        </span>
      )}
    </li>
  );
}

function AccessTable({ records }: { records: AccessRecord[] }) {
  const { t, i18n } = useTranslation();
  if (records.length === 0) return <p>{t('consent.myAccess.noAccess')}</p>;
  const known = new Set(
    Object.keys(t('consent.myAccess.action', { returnObjects: true }) as object),
  );
  return (
    <table className={styles.table} data-testid="my-access-trace">
      <thead>
        <tr>
          <th scope="col">{t('consent.myAccess.when')}</th>
          <th scope="col">{t('consent.myAccess.who')}</th>
          <th scope="col">{t('consent.myAccess.what')}</th>
          <th scope="col">{t('consent.myAccess.outcome')}</th>
        </tr>
      </thead>
      <tbody>
        {records.map((r) => (
          <tr key={r.id}>
            <td>{formatDateTime(r.recorded, i18n.language)}</td>
            <td>
              {t('consent.myAccess.professional', { rpps: r.rpps ?? '?' })}
              {r.finess ? `, ${t('consent.myAccess.structure', { finess: r.finess })}` : ''}
            </td>
            <td>
              {known.has(r.action)
                ? t(`consent.myAccess.action.${r.action}` as 'consent.myAccess.action.search')
                : r.action}
              {r.sourceId ? ` (${r.sourceId})` : ''}
              {r.breakGlass && r.action !== 'break-glass'
                ? ` — ${t('consent.myAccess.breakGlass')}`
                : ''}
              {r.breakGlassReason !== undefined && (
                <>
                  {r.action === 'break-glass' ? ' — ' : ', '}
                  {t('consent.myAccess.reason')}{' '}
                  {/* Typed by a professional: shown as text, whatever it holds. */}
                  <span className={styles.reason} data-testid="break-glass-reason">
                    {r.breakGlassReason}
                  </span>
                </>
              )}
            </td>
            <td>{r.allowed ? t('consent.myAccess.allowed') : t('consent.myAccess.refused')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

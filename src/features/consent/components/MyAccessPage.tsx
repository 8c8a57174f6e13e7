import { useTranslation } from 'react-i18next';
import { instantText } from '../../../domain/dateText';
import { failureText } from '../../../lib/api/failureText';
import { useAuth } from '../../../lib/auth/useAuth';
import { useMyAccessTrace, type AccessRecord } from '../api/accessTrace';
import type { ConsentSummary } from '../api/consentSummary';
import { useMyConsents } from '../api/listConsents';
import { useRevokeConsent } from '../api/revokeConsent';
import styles from './Consent.module.css';

/** `/mes-acces` — a patient's consents (withdrawn in one click) and who accessed their data. */
export function MyAccessPage() {
  const { t } = useTranslation();
  const { principal } = useAuth();
  const consents = useMyConsents();
  const trace = useMyAccessTrace();

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
            {t('consent.myAccess.failed', { message: failureText(consents.error, t) })}
          </p>
        )}
        {consents.data && consents.data.length === 0 && <p>{t('consent.myAccess.noConsents')}</p>}
        {consents.data && consents.data.length > 0 && (
          <ul className={styles.list} data-testid="my-consents">
            {consents.data.map((c) => (
              <ConsentItem key={c.id} consent={c} />
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="my-access" aria-busy={trace.isPending}>
        <h2 id="my-access">{t('consent.myAccess.accessTitle')}</h2>
        {trace.isPending && <p role="status">{t('consent.myAccess.loading')}</p>}
        {trace.isError && (
          <p role="alert" className={styles.error}>
            {t('consent.myAccess.failed', { message: failureText(trace.error, t) })}
          </p>
        )}
        {trace.data && (
          <AccessTable records={trace.data.filter((r) => r.role === 'professional')} />
        )}
      </section>
    </div>
  );
}

function ConsentItem({ consent }: { consent: ConsentSummary }) {
  const { t, i18n } = useTranslation();
  const revoke = useRevokeConsent();
  const busy = revoke.isPending;
  const problem = revoke.error ? failureText(revoke.error, t) : null;
  const given = instantText(consent.recordedAt, i18n.language);
  const status = consent.revokedAt
    ? t('consent.myAccess.statusRevoked', {
        date: instantText(consent.revokedAt, i18n.language),
      })
    : consent.expired
      ? t('consent.myAccess.statusExpired')
      : t('consent.myAccess.statusActive');
  const canRevoke = consent.status === 'active';

  return (
    <li data-status={consent.status}>
      <span>
        {t('consent.myAccess.given', { date: given, rpps: consent.performerRpps })},{' '}
        {t('consent.myAccess.until', { date: instantText(consent.end, i18n.language) })} —{' '}
        <strong>{status}</strong>
      </span>
      {canRevoke && (
        <button
          type="button"
          className={styles.danger}
          disabled={busy}
          aria-label={t('consent.myAccess.revokeLabel', { date: given })}
          onClick={() => revoke.mutate(consent.id)}
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
            <td>{instantText(r.recorded, i18n.language)}</td>
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

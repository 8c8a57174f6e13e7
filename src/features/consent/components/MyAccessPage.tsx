import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { consentPerformers } from '../../../domain/consent/accessEntry';
import { instantText } from '../../../domain/dateText';
import { failureText } from '../../../lib/api/failureText';
import type { PublicSource } from '../../../domain/publicConfig';
import { useAuth } from '../../../lib/auth/useAuth';
import { useMyAccessTrace } from '../api/accessTrace';
import type { ConsentSummary } from '../api/consentSummary';
import { useMyConsents } from '../api/listConsents';
import { useRevokeConsent } from '../api/revokeConsent';
import { AccessSessionList } from './AccessSessionList';
import styles from './Consent.module.css';
import page from './MyAccessPage.module.css';

/**
 * `/mes-acces` — a patient's consents (withdrawn in one click) and who accessed their data,
 * one line per viewing. `sources`: the region's, to name each source by its label.
 */
export function MyAccessPage({ sources = [] }: { sources?: readonly PublicSource[] }) {
  const { t } = useTranslation();
  const { principal } = useAuth();
  const consents = useMyConsents();
  // The same query as the list below: the consents' authors by name, where the trace says.
  const trace = useMyAccessTrace();
  const performers = useMemo(
    () => consentPerformers(trace.data?.pages.flatMap((p) => p.entries) ?? []),
    [trace.data],
  );

  if (principal?.role !== 'patient') {
    return <p role="alert">{t('consent.myAccess.noConsents')}</p>;
  }
  return (
    <div className={page.page}>
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
              <ConsentItem key={c.id} consent={c} performer={performers.get(c.id)} />
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="my-access">
        <h2 id="my-access">{t('consent.myAccess.accessTitle')}</h2>
        <AccessSessionList sources={sources} />
      </section>
    </div>
  );
}

function ConsentItem({
  consent,
  performer,
}: {
  consent: ConsentSummary;
  performer: string | undefined;
}) {
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
        {performer !== undefined
          ? t('consent.myAccess.givenBy', { date: given, name: performer })
          : t('consent.myAccess.given', { date: given, rpps: consent.performerRpps })}
        , {t('consent.myAccess.until', { date: instantText(consent.end, i18n.language) })} —{' '}
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

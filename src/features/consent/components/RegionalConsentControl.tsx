import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { identifiersToQuery } from '../../../domain/federation/patientKeyValue';
import type { PatientIdentifier } from '../../../domain/identity/patientIdentifier';
import { useAuth } from '../../../lib/auth/useAuth';
import { ConsentApiError, listConsents, revokeConsent } from '../api/consentApi';
import { ConsentDialog } from './ConsentDialog';
import { formatDateTime } from './formatDate';
import styles from './Consent.module.css';

export interface ConsentPatient {
  identifiers: readonly PatientIdentifier[];
  label?: string | undefined;
}

export interface SourceLike {
  id: string;
  label: string;
  kind: string;
}

export function RegionalConsentControl({
  patient,
  source,
  state,
  retry,
}: {
  patient: ConsentPatient;
  source: SourceLike;
  state: string;
  retry: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { accessToken } = useAuth();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [revoking, setRevoking] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const asked = identifiersToQuery(patient.identifiers);
  const queryKey = ['consent', 'active', asked.map((i) => `${i.issuer}|${i.id}`).join(',')];

  const active = useQuery({
    queryKey,
    queryFn: async () => {
      if (!accessToken) return null;
      const all = await listConsents(accessToken, asked);
      return all.find((c) => c.status === 'active' && !c.expired) ?? null;
    },
    enabled: state === 'loaded' && accessToken !== null && asked.length > 0,
  });

  if (!accessToken || asked.length === 0) return null;

  async function revoke(id: string): Promise<void> {
    if (!accessToken) return;
    setRevoking(true);
    setProblem(null);
    try {
      await revokeConsent(id, accessToken);
      await queryClient.invalidateQueries({ queryKey: ['consent'] });
      retry();
    } catch (err) {
      setProblem(err instanceof ConsentApiError ? err.message : String(err));
    } finally {
      setRevoking(false);
    }
  }

  if (state === 'consentNeeded') {
    return (
      <span className={styles.action}>
        <button
          type="button"
          className={styles.primary}
          data-testid="extended-search-open"
          aria-label={t('consent.action.openLabel', { source: source.label })}
          onClick={() => setOpen(true)}
        >
          {t('consent.action.open')}
        </button>
        {open && (
          <ConsentDialog
            patientLabel={patient.label}
            identifiers={asked}
            accessToken={accessToken}
            onClose={() => setOpen(false)}
            onDone={() => {
              setOpen(false);
              void queryClient.invalidateQueries({ queryKey: ['consent'] });
              retry();
            }}
          />
        )}
      </span>
    );
  }

  if (state !== 'loaded' || active.data === undefined) return null;
  const consent = active.data;
  return (
    <span className={styles.action} aria-live="polite">
      {consent ? (
        <>
          <span className={styles.until} data-testid="consent-active-until">
            {t('consent.action.activeUntil', { date: formatDateTime(consent.end, i18n.language) })}
          </span>
          <button
            type="button"
            className={styles.danger}
            data-testid="consent-revoke"
            disabled={revoking}
            aria-label={t('consent.action.revokeLabel', {
              date: formatDateTime(consent.end, i18n.language),
            })}
            onClick={() => void revoke(consent.id)}
          >
            {revoking ? t('consent.action.revoking') : t('consent.action.revoke')}
          </button>
        </>
      ) : (
        <span className={styles.until}>{t('consent.action.breakGlassActive')}</span>
      )}
      {problem && (
        <span role="alert" className={styles.error}>
          {t('consent.action.failed', { message: problem })}
        </span>
      )}
    </span>
  );
}

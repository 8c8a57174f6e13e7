import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { instantText } from '../../../domain/dateText';
import { identifiersToQuery } from '../../../domain/federation/patientKeyValue';
import type { PatientIdentifier } from '../../../domain/identity/patientIdentifier';
import { failureText } from '../../../lib/api/failureText';
import { useAuth } from '../../../lib/auth/useAuth';
import { consentKeys } from '../api/consentKeys';
import { useActiveConsent } from '../api/listConsents';
import { useRevokeConsent } from '../api/revokeConsent';
import { ConsentDialog } from './ConsentDialog';
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
  const { status } = useAuth();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const asked = identifiersToQuery(patient.identifiers);
  const active = useActiveConsent(asked, state === 'loaded');
  const revoke = useRevokeConsent({ onRevoked: retry });

  if (status !== 'signedIn' || asked.length === 0) return null;
  const revoking = revoke.isPending;
  const problem = revoke.error ? failureText(revoke.error, t) : null;

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
            onClose={() => setOpen(false)}
            onDone={() => {
              setOpen(false);
              void queryClient.invalidateQueries({ queryKey: consentKeys.all });
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
            {t('consent.action.activeUntil', { date: instantText(consent.end, i18n.language) })}
          </span>
          <button
            type="button"
            className={styles.danger}
            data-testid="consent-revoke"
            disabled={revoking}
            aria-label={t('consent.action.revokeLabel', {
              date: instantText(consent.end, i18n.language),
            })}
            onClick={() => revoke.mutate(consent.id)}
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

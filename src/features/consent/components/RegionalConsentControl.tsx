import { useEffect, useId, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
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
  const [confirming, setConfirming] = useState(false);
  const asked = identifiersToQuery(patient.identifiers);
  const active = useActiveConsent(asked, state === 'loaded');
  const revoke = useRevokeConsent({ onRevoked: retry });
  const breakGlassKey = consentKeys.breakGlass(asked.map((i) => `${i.issuer}|${i.id}`).join(','));
  // Set when this page opened the window (ConsentDialog), never fetched.
  const breakGlass = useQuery({
    queryKey: breakGlassKey,
    queryFn: () => null as string | null,
    enabled: false,
    staleTime: Infinity,
  });

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
            onDone={({ breakGlassUntil }) => {
              setOpen(false);
              if (breakGlassUntil) queryClient.setQueryData(breakGlassKey, breakGlassUntil);
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
            onClick={() => setConfirming(true)}
          >
            {revoking ? t('consent.action.revoking') : t('consent.action.revoke')}
          </button>
          {confirming && (
            <ConfirmRevoke
              until={instantText(consent.end, i18n.language)}
              onConfirm={() => {
                setConfirming(false);
                revoke.mutate(consent.id);
              }}
              onCancel={() => setConfirming(false)}
            />
          )}
        </>
      ) : (
        <span className={styles.until} data-testid="break-glass-until">
          {/* Once past its end, the archive refuses again and the state leaves « loaded ». */}
          {breakGlass.data
            ? t('consent.action.breakGlassUntil', {
                date: instantText(breakGlass.data, i18n.language),
              })
            : t('consent.action.breakGlassActive')}
        </span>
      )}
      {problem && (
        <span role="alert" className={styles.error}>
          {t('consent.action.failed', { message: problem })}
        </span>
      )}
    </span>
  );
}

/**
 * Withdrawing a consent is one more click, not one less: the patient would have to be asked
 * again. A native modal <dialog> (focus trapped, Escape cancels); « Annuler » comes first.
 */
function ConfirmRevoke({
  until,
  onConfirm,
  onCancel,
}: {
  until: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      className={styles.dialog}
      aria-labelledby={titleId}
      onClose={onCancel}
      data-testid="consent-revoke-confirm"
    >
      <h2 id={titleId}>{t('consent.action.revokeTitle')}</h2>
      <p>{t('consent.action.revokeExplain', { date: until })}</p>
      <div className={styles.buttons}>
        <button type="button" className={styles.button} onClick={onCancel}>
          {t('consent.dialog.cancel')}
        </button>
        <button type="button" className={styles.danger} onClick={onConfirm}>
          {t('consent.action.revokeConfirm')}
        </button>
      </div>
    </dialog>
  );
}

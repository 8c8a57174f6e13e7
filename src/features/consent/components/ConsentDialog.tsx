import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientIdentifier } from '../../../domain/identity/patientIdentifier';
import { CONSENT_INFORMATION_VERSION } from '../../../lib/locales/features/consent.fr';
import { failureText } from '../../../lib/api/failureText';
import { openBreakGlass } from '../api/openBreakGlass';
import { recordConsent } from '../api/recordConsent';
import type { ConsentDuration, ConsentMethod } from '../../../domain/consent/consentExtensions';
import {
  BREAK_GLASS_REASON_MAX,
  BREAK_GLASS_REASON_MIN,
  checkBreakGlassReason,
} from '../../../domain/consent/breakGlassReason';
import styles from './Consent.module.css';

const REASON_LIMITS = { min: BREAK_GLASS_REASON_MIN, max: BREAK_GLASS_REASON_MAX };

/**
 * Records the patient's consent to the extended search, or — in an emergency — opens
 * break-the-glass with a reason. A native modal <dialog>: focus moves in and is trapped by
 * the browser, Escape closes it, and focus returns to the button that opened it.
 */
export function ConsentDialog({
  patientLabel,
  identifiers,
  onDone,
  onClose,
}: {
  patientLabel: string | undefined;
  /** The identifiers the list queries the archive with (each gets the consent). */
  identifiers: readonly PatientIdentifier[];
  /** `breakGlassUntil`: when the emergency access just opened closes (gateway's clock). */
  onDone: (result: { breakGlassUntil: string | null }) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const reasonHelpId = useId();
  const [method, setMethod] = useState<ConsentMethod>('oral');
  const [durationKind, setDurationKind] = useState<'visit' | 'days'>('visit');
  const [days, setDays] = useState('30');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  async function run(act: () => Promise<string | null>): Promise<void> {
    setBusy(true);
    setProblem(null);
    try {
      onDone({ breakGlassUntil: await act() });
    } catch (err) {
      setProblem(failureText(err, t));
      setBusy(false);
    }
  }

  function submitConsent(event: FormEvent): void {
    event.preventDefault();
    let duration: ConsentDuration = { kind: 'visit' };
    if (durationKind === 'days') {
      const n = Number(days);
      if (!Number.isInteger(n) || n < 1) {
        setProblem(t('consent.dialog.invalidDays'));
        return;
      }
      duration = { kind: 'days', days: n };
    }
    void run(async () => {
      for (const patient of identifiers) {
        await recordConsent({
          patient,
          method,
          duration,
          informationVersion: CONSENT_INFORMATION_VERSION,
        });
      }
      return null;
    });
  }

  function submitBreakGlass(event: FormEvent): void {
    event.preventDefault();
    // The gateway's own rule: what passes here passes there, and is what the patient will read.
    const checked = checkBreakGlassReason(reason);
    if (!checked.ok) {
      setProblem(
        checked.problem === 'tooShort'
          ? t('consent.dialog.reasonTooShort', { ...REASON_LIMITS, count: checked.visible })
          : t('consent.dialog.reasonTooLong', REASON_LIMITS),
      );
      return;
    }
    void run(async () => {
      // One window per identifier, opened one after the other: the first to close is when
      // the access ends.
      const ends: string[] = [];
      for (const patient of identifiers) {
        const { end } = await openBreakGlass({ patient, reason: checked.text });
        if (end) ends.push(end);
      }
      return ends.sort()[0] ?? null;
    });
  }

  return (
    <dialog
      ref={ref}
      className={styles.dialog}
      aria-labelledby={titleId}
      onClose={onClose}
      data-testid="consent-dialog"
    >
      <h2 id={titleId}>{t('consent.dialog.title')}</h2>
      <div className={styles.identity}>
        <strong>{t('consent.dialog.patient')} : </strong>
        <span data-testid="consent-patient">{patientLabel ?? ''}</span>
        {identifiers.map((i) => (
          <div key={`${i.issuer}|${i.id}`}>{t('consent.dialog.identifier', { id: i.id })}</div>
        ))}
      </div>
      <form onSubmit={submitConsent}>
        <h3>{t('consent.dialog.informationTitle', { version: CONSENT_INFORMATION_VERSION })}</h3>
        <p className={styles.information} data-testid="consent-information">
          {t('consent.dialog.information')}
        </p>
        <fieldset className={styles.fieldset}>
          <legend>{t('consent.dialog.method')}</legend>
          {(['oral', 'written'] as const).map((m) => (
            <label key={m} className={styles.choice}>
              <input
                type="radio"
                name="method"
                value={m}
                checked={method === m}
                onChange={() => setMethod(m)}
              />
              {t(`consent.dialog.${m}`)}
            </label>
          ))}
        </fieldset>
        <fieldset className={styles.fieldset}>
          <legend>{t('consent.dialog.duration')}</legend>
          <label className={styles.choice}>
            <input
              type="radio"
              name="duration"
              value="visit"
              checked={durationKind === 'visit'}
              onChange={() => setDurationKind('visit')}
            />
            {t('consent.dialog.visit')}
          </label>
          <label className={styles.choice}>
            <input
              type="radio"
              name="duration"
              value="days"
              checked={durationKind === 'days'}
              onChange={() => setDurationKind('days')}
            />
            {t('consent.dialog.days')}
          </label>
          {durationKind === 'days' && (
            <label className={styles.choice}>
              {t('consent.dialog.daysCount')}
              <input
                className={styles.days}
                type="number"
                inputMode="numeric"
                min={1}
                step={1}
                value={days}
                onChange={(e) => setDays(e.target.value)}
              />
            </label>
          )}
        </fieldset>
        {problem && (
          <p role="alert" className={styles.error}>
            {problem}
          </p>
        )}
        <div className={styles.buttons}>
          <button type="button" className={styles.button} onClick={() => ref.current?.close()}>
            {t('consent.dialog.cancel')}
          </button>
          <button type="submit" className={styles.primary} disabled={busy}>
            {busy ? t('consent.dialog.saving') : t('consent.dialog.confirm')}
          </button>
        </div>
      </form>
      <details className={styles.breakGlass}>
        <summary>{t('consent.dialog.breakGlassTitle')}</summary>
        <form onSubmit={submitBreakGlass}>
          <p>{t('consent.dialog.breakGlassHelp')}</p>
          <label>
            {t('consent.dialog.reason', REASON_LIMITS)}
            <textarea
              value={reason}
              aria-describedby={reasonHelpId}
              onChange={(e) => setReason(e.target.value)}
            />
          </label>
          <p id={reasonHelpId}>{t('consent.dialog.reasonHelp')}</p>
          <div className={styles.buttons}>
            <button type="submit" className={styles.danger} disabled={busy}>
              {t('consent.dialog.breakGlass')}
            </button>
          </div>
        </form>
      </details>
    </dialog>
  );
}

// The patient's other studies beside the series panel, best first (usePriors.ts): each with
// its date, modality, CISIS region, description, where it is held, whether it has a report,
// and why it ranks there (« même examen, 2 ans avant »); the proposed one marked. « Comparer »
// puts one beside the current study, « Ajouter » a second one. A source that failed or waits
// for the patient's consent says so here, with the consent feature's action beside it
// (« Recherche étendue », passed down by src/app) — the viewer never imports that feature.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { regionLabel } from '../../../domain/anatomy/regions';
import { numericDate } from '../../../domain/dateText';
import type { PatientIdentifier } from '../../../domain/identity/patientIdentifier';
import type { PublicSource } from '../../../domain/publicConfig';
import type { RankedPrior } from '../../../domain/viewer/priors';
import type { RenderSourceAction } from '../../../lib/federation/sourceAction';
import type { SourceState } from '../../../lib/federation/useFederatedStudies';
import { currentLanguage } from '../../../lib/i18n';
import { MAX_PRIORS } from '../compare/compareUrl';
import { priorReason } from './priorReason';
import styles from './Priors.module.css';

interface Props {
  ranked: readonly RankedPrior[];
  sources: readonly SourceState[];
  settled: boolean;
  /** The studies compared now, in the address' order (prior 1, prior 2). */
  compared: readonly string[];
  /** A study whose key is being sealed for comparison. */
  busy: string | null;
  onCompare: (prior: RankedPrior, how: 'replace' | 'add') => void;
  onRemove: (studyInstanceUID: string) => void;
  patient: readonly PatientIdentifier[];
  renderSourceAction?: RenderSourceAction | undefined;
  /** Under a compared prior: its series, to drag onto a view (compare/PriorSeriesList.tsx). */
  seriesOf?: (studyInstanceUID: string) => ReactNode;
}

export function PriorsPanel({
  ranked,
  sources,
  settled,
  compared,
  busy,
  onCompare,
  onRemove,
  patient,
  renderSourceAction,
  seriesOf,
}: Props) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const byId = new Map<string, PublicSource>(sources.map((s) => [s.source.id, s.source]));
  const notes = sources.filter(
    (s) => s.status.kind === 'failed' || s.status.kind === 'consentNeeded',
  );
  return (
    <section
      className={styles.panel}
      aria-labelledby="priors-title"
      data-testid="priors-panel"
      data-settled={settled}
    >
      <h2 id="priors-title" className={styles.title}>
        {t('viewer.priors.title')}
      </h2>
      <p role="status" className={styles.muted} data-testid="priors-status">
        {!settled
          ? t('viewer.priors.searching')
          : ranked.length === 0
            ? t('viewer.priors.none')
            : t('viewer.priors.count', { count: ranked.length })}
      </p>
      {notes.length > 0 && (
        <ul className={styles.notes}>
          {notes.map(({ source, status, retry }) => (
            <li
              key={source.id}
              className={styles.note}
              data-testid={`priors-source-${source.id}`}
              data-state={status.kind}
            >
              <span>
                {status.kind === 'failed'
                  ? t('viewer.priors.sourceFailed', {
                      source: source.label,
                      reason: t(`failure.${status.reason}`),
                    })
                  : t('viewer.priors.sourceConsent', { source: source.label })}
              </span>
              {status.kind === 'failed' && (
                <button type="button" className={styles.smallButton} onClick={retry}>
                  {t('viewer.priors.retry')}
                </button>
              )}
              {renderSourceAction?.({ source, status, retry, patient: { identifiers: patient } })}
            </li>
          ))}
        </ul>
      )}
      <ol className={styles.timeline}>
        {ranked.map((prior) => {
          const s = prior.study;
          const uid = s.studyInstanceUID;
          const at = compared.indexOf(uid);
          const date = numericDate(s.date, lang) ?? t('viewer.priors.undated');
          const description = s.description || t('viewer.priors.noDescription');
          const reason = priorReason(t, prior);
          const region = s.regions.map((r) => regionLabel(r.code, lang)).join(', ');
          return (
            <li
              key={uid}
              className={styles.prior}
              data-testid="prior-row"
              data-study-uid={uid}
              data-proposed={prior.proposed}
              data-compared={at >= 0}
            >
              <div className={styles.priorHead}>
                <span className={styles.date}>{date}</span>
                <span className={styles.modalities}>
                  {s.modalities.images.map((m) => (
                    <span key={m} className={styles.modality}>
                      {m}
                    </span>
                  ))}
                </span>
                {prior.proposed && (
                  <span className={styles.proposed} data-testid="prior-proposed">
                    {t('viewer.priors.proposed')}
                  </span>
                )}
              </div>
              <p className={styles.description}>{description}</p>
              {region && <p className={styles.muted}>{region}</p>}
              <p className={styles.reason} data-testid="prior-reason">
                {reason}
              </p>
              <p className={styles.badges}>
                {s.sources.map((id) => (
                  <span
                    key={id}
                    className={styles.sourceBadge}
                    data-kind={byId.get(id)?.kind}
                    data-testid="prior-source"
                    data-source-id={id}
                  >
                    {byId.get(id)?.label ?? id}
                  </span>
                ))}
                {s.hasReport && <span className={styles.report}>{t('viewer.priors.report')}</span>}
              </p>
              <div className={styles.actions}>
                {at >= 0 ? (
                  <>
                    <span className={styles.compared}>
                      {t('viewer.priors.comparedAs', { n: at + 1 })}
                    </span>
                    <button
                      type="button"
                      className={styles.smallButton}
                      onClick={() => onRemove(uid)}
                      aria-label={t('viewer.priors.removeLabel', { description, date })}
                    >
                      {t('viewer.priors.remove')}
                    </button>
                  </>
                ) : (
                  <>
                    <button
                      type="button"
                      className={styles.smallButton}
                      onClick={() => onCompare(prior, 'replace')}
                      disabled={busy !== null}
                      aria-label={t('viewer.priors.compareLabel', { description, date, reason })}
                      data-testid="prior-compare"
                    >
                      {busy === uid ? t('viewer.priors.opening') : t('viewer.priors.compare')}
                    </button>
                    {compared.length > 0 && compared.length < MAX_PRIORS && (
                      <button
                        type="button"
                        className={styles.smallButton}
                        onClick={() => onCompare(prior, 'add')}
                        disabled={busy !== null}
                        aria-label={t('viewer.priors.addLabel', { description, date })}
                        data-testid="prior-add"
                      >
                        {t('viewer.priors.add')}
                      </button>
                    )}
                  </>
                )}
              </div>
              {at >= 0 && seriesOf?.(uid)}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

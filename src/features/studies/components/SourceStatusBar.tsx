import { useTranslation } from 'react-i18next';
import type { SourceStatus } from '../../../domain/federation/sourceStatus';
import type { RenderSourceAction, SourceActionPatient } from '../../../lib/federation/sourceAction';
import type { SourceState } from '../../../lib/federation/useFederatedStudies';
import styles from './Studies.module.css';

function useStatusText(status: SourceStatus): string {
  const { t } = useTranslation();
  switch (status.kind) {
    case 'idle':
      return t('studies.status.idle');
    case 'loading':
      return t('studies.status.loading');
    case 'loaded':
      return status.limitReached
        ? t('studies.status.atLeast', { count: status.count })
        : t('studies.status.loaded', { count: status.count });
    case 'failed':
      return t(`studies.status.reason.${status.reason}`);
    case 'consentNeeded':
      return t('studies.status.consentNeeded');
  }
}

function SourceStatusItem({
  state,
  patient,
  renderSourceAction,
}: {
  state: SourceState;
  patient: SourceActionPatient;
  renderSourceAction: RenderSourceAction | undefined;
}) {
  const { t } = useTranslation();
  const { source, status, retry } = state;
  const text = useStatusText(status);
  return (
    <li
      className={styles.sourceItem}
      data-testid={`studies-source-${source.id}`}
      data-state={status.kind}
      data-kind={source.kind}
      aria-busy={status.kind === 'loading'}
    >
      <span className={styles.sourceLabel}>{source.label}</span>
      <span className={styles.dot} data-state={status.kind} aria-hidden="true" />
      <span className={styles.sourceText} data-testid="source-state-text">
        {text}
      </span>
      {status.kind === 'failed' && (
        <button
          type="button"
          className={styles.smallButton}
          onClick={retry}
          aria-label={t('studies.status.retryLabel', { source: source.label })}
        >
          {t('studies.status.retry')}
        </button>
      )}
      {renderSourceAction?.({ source, status, retry, patient })}
    </li>
  );
}

/**
 * Every source with its own state: a failing or slow site is always visible, never dropped.
 * On a phone the DRIMboxes that answered fold into one line (« 3 sources ont répondu —
 * 6 examens », each study row still names its sources), so the list stays in view; a
 * source still asked, failing, or waiting for consent keeps its own line and its action.
 */
export function SourceStatusBar({
  states,
  patient,
  renderSourceAction,
}: {
  states: readonly SourceState[];
  /** Whom the sources were asked for, handed to `renderSourceAction`. */
  patient: SourceActionPatient;
  renderSourceAction?: RenderSourceAction | undefined;
}) {
  const { t } = useTranslation();
  const answered = states.filter((s) => s.source.kind !== 'regional' && s.status.kind === 'loaded');
  const studies = answered.reduce(
    (n, s) => n + (s.status.kind === 'loaded' ? s.status.count : 0),
    0,
  );
  return (
    <section aria-labelledby="studies-sources-title" className={styles.statusBar}>
      <h2 id="studies-sources-title" className={styles.smallTitle}>
        {t('studies.status.title')}
      </h2>
      {answered.length > 0 && (
        <p className={styles.sourcesSummary} data-testid="sources-summary">
          <span className={styles.dot} data-state="loaded" aria-hidden="true" />
          {t('studies.status.answered', {
            count: answered.length,
            studies: t('studies.status.loaded', { count: studies }),
          })}
        </p>
      )}
      {/* Polite live region: each source's answer is announced as it lands. */}
      <ul className={styles.sourceList} aria-live="polite">
        {states.map((state) => (
          <SourceStatusItem
            key={state.source.id}
            state={state}
            patient={patient}
            renderSourceAction={renderSourceAction}
          />
        ))}
      </ul>
    </section>
  );
}

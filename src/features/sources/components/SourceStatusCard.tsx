import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProbeChoice } from '../../../domain/probePatient';
import type { PublicSource } from '../../../domain/publicConfig';
import { useSourceStatus, type SourceStatus } from '../hooks/useSourceStatus';
import styles from './SourceStatus.module.css';

function useStatusText(status: SourceStatus, probe: ProbeChoice): string {
  const { t } = useTranslation();
  switch (status.state) {
    case 'loading':
      return t('sources.state.loading');
    case 'online':
      if (status.atLimit) return t('sources.state.atLeast', { count: status.count });
      return probe.kind === 'probe' && probe.whose === 'self'
        ? t('sources.state.onlineSelf', { count: status.count })
        : t('sources.state.onlineTestPatient', { count: status.count });
    case 'offline':
      return t('sources.state.offline', { reason: t(`failure.${status.reason}`) });
    case 'consentNeeded':
      return t('consent.sourceCard.consentNeeded');
    case 'configured':
      if (probe.kind === 'none' && probe.why === 'noIns') return t('sources.state.noIns');
      if (probe.kind === 'none' && probe.why === 'noRole') return t('sources.state.noRole');
      return t('sources.state.noTestPatient');
  }
}

export function SourceStatusCard({ source, probe }: { source: PublicSource; probe: ProbeChoice }) {
  const { t } = useTranslation();
  const titleId = useId();
  const { status, retry, canRetry } = useSourceStatus(source, probe);
  const statusText = useStatusText(status, probe);

  return (
    <li
      className={styles.card}
      data-testid={`source-status-${source.id}`}
      data-state={status.state}
      aria-labelledby={titleId}
      aria-busy={status.state === 'loading'}
    >
      <div className={styles.heading}>
        <h3 id={titleId} className={styles.label}>
          {source.label}
        </h3>
        <span className={styles.kind} data-kind={source.kind}>
          {t(`sources.kind.${source.kind}`)}
        </span>
      </div>
      <p className={styles.status} role="status" aria-live="polite">
        <span className={styles.dot} data-state={status.state} aria-hidden="true" />
        <span>{statusText}</span>
      </p>
      {canRetry && (
        <button type="button" className={styles.retry} onClick={retry} aria-describedby={titleId}>
          {t('sources.retry')}
        </button>
      )}
    </li>
  );
}

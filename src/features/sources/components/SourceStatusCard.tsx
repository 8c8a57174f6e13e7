import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicSource } from '../../../domain/publicConfig';
import { useSourceStatus, type SourceStatus } from '../hooks/useSourceStatus';
import styles from './SourceStatus.module.css';

function useStatusText(status: SourceStatus): string {
  const { t } = useTranslation();
  switch (status.state) {
    case 'loading':
      return t('sources.state.loading');
    case 'online':
      return t('sources.state.online');
    case 'offline':
      return t('sources.state.offline', { reason: t(`failure.${status.reason}`) });
    case 'consentNeeded':
      return t('consent.sourceCard.consentNeeded');
  }
}

export function SourceStatusCard({ source }: { source: PublicSource }) {
  const { t } = useTranslation();
  const titleId = useId();
  const { status, retry, canRetry } = useSourceStatus(source);
  const statusText = useStatusText(status);
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

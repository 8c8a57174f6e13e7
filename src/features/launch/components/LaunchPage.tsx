import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import type { PublicSource } from '../../../domain/publicConfig';
import { useLaunch } from '../hooks/useLaunch';
import { LaunchProblemView } from './LaunchProblemView';
import styles from './Launch.module.css';

/** /launch/:key — where a DPI's IID link or contextual call lands after the gateway. */
export function LaunchPage({ sources }: { sources: readonly PublicSource[] }) {
  const { t } = useTranslation();
  const { key = '' } = useParams();
  const { step, retry, retryLogin, choose, choosing } = useLaunch(key, sources);
  const sourceLabel = useCallback(
    (id: string) => sources.find((s) => s.id === id)?.label ?? id,
    [sources],
  );

  if (step.step === 'failed') {
    return (
      <LaunchProblemView
        problem={step.problem}
        sourceLabel={sourceLabel}
        {...(step.canRetry ? { onRetry: () => void retry() } : {})}
        onChoose={(choice) => void choose(choice)}
        choosing={choosing}
      />
    );
  }

  return (
    <div className={styles.page}>
      <h1>{t('launch.title')}</h1>
      {step.step === 'loginUnavailable' ? (
        <>
          <p role="alert" className={styles.problem}>
            {t('launch.loginUnavailable')}
          </p>
          <div className={styles.actions}>
            <button type="button" onClick={retryLogin}>
              {t('launch.retryLogin')}
            </button>
          </div>
        </>
      ) : (
        <p role="status" aria-live="polite" className={styles.status} data-testid="launch-status">
          {t(`launch.${step.step}`)}
        </p>
      )}
    </div>
  );
}

import { useCallback, useLayoutEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import type { PublicSource } from '../../../domain/publicConfig';
import type { RenderSourceAction } from '../../../lib/federation/sourceAction';
import { endLaunchPreview } from '../../../lib/launchPreview/launchPreview';
import { useLaunch } from '../hooks/useLaunch';
import { LaunchProblemView } from './LaunchProblemView';
import styles from './Launch.module.css';

/**
 * /launch/:key — where a DPI's IID link or contextual call lands after the gateway.
 * `renderSourceAction`: the consent feature's action, offered when only a consent-gated
 * source may hold the exam (src/app passes it; this feature does not know consent).
 */
export function LaunchPage({
  sources,
  renderSourceAction,
  prepareViewer,
}: {
  sources: readonly PublicSource[];
  renderSourceAction?: RenderSourceAction;
  /** Fetches the viewer's code ahead (src/app passes it; this feature does not know the viewer). */
  prepareViewer?: { route: () => Promise<unknown>; study: () => void };
}) {
  const { t } = useTranslation();
  const { key = '' } = useParams();
  const { step, retry, retryLogin, choose, choosing } = useLaunch(key, sources, prepareViewer);
  const sourceLabel = useCallback(
    (id: string) => sources.find((s) => s.id === id)?.label ?? id,
    [sources],
  );

  // The exam's first image, drawn ahead (previewLaunchAhead.ts), gives way to what went wrong.
  const wentWrong = step.step === 'failed' || step.step === 'loginUnavailable';
  useLayoutEffect(() => {
    if (wentWrong) endLaunchPreview();
  }, [wentWrong]);

  if (step.step === 'failed') {
    return (
      <LaunchProblemView
        problem={step.problem}
        sourceLabel={sourceLabel}
        sources={sources}
        renderSourceAction={renderSourceAction}
        {...(step.canRetry ? { onRetry: () => void retry() } : {})}
        onChoose={(choice) => void choose(choice)}
        choosing={choosing}
      />
    );
  }

  return (
    <div className={styles.page} data-testid="launch-opening">
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

// Axial, sagittal and coronal reformats of a CT/MR volume, linked by crosshairs
// (lib/cornerstone/mprViewports.ts builds them from the frames already in the image cache).
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MPR_PLANES,
  mprViewportId,
  showMpr,
  type MprPlane,
} from '../../../lib/cornerstone/mprViewports';
import type { ViewerEngine } from '../../../lib/cornerstone/renderingEngine';
import type { LoadedSeries } from '../session/seriesState';
import styles from '../viewer.module.css';

export function MprView({ engine, series }: { engine: ViewerEngine; series: LoadedSeries }) {
  const { t } = useTranslation();
  const refs = useRef<Partial<Record<MprPlane, HTMLDivElement | null>>>({});
  const [state, setState] = useState<'loading' | 'rendered' | 'error'>('loading');

  useEffect(
    () =>
      showMpr(
        engine,
        refs.current,
        { seriesInstanceUID: series.summary.seriesInstanceUID, imageIds: series.imageIds },
        { rendered: () => setState('rendered'), failed: () => setState('error') },
      ),
    [engine, series],
  );

  return (
    <div className={styles.mprGrid} data-testid="mpr" data-render-state={state}>
      {MPR_PLANES.map((plane) => (
        <section
          key={plane}
          className={styles.pane}
          aria-label={t(`viewer.mpr.${plane}`)}
          data-testid={`mpr-${plane}`}
          data-viewport-id={mprViewportId(plane)}
        >
          <div
            ref={(el) => {
              refs.current[plane] = el;
            }}
            className={styles.canvasHost}
            onContextMenu={(e) => e.preventDefault()}
          />
          <span className={styles.planeLabel}>{t(`viewer.mpr.${plane}`)}</span>
          {state === 'loading' && (
            <p className={styles.paneMessage} role="status">
              {t('viewer.mpr.loading')}
            </p>
          )}
          {state === 'error' && (
            <p className={styles.paneError} role="alert">
              {t('viewer.error.load')}
            </p>
          )}
        </section>
      ))}
    </div>
  );
}

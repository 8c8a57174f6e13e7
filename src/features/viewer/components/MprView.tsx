// Axial, sagittal and coronal reformats of a CT/MR volume, linked by crosshairs. The
// volume is built from the frames already loaded for the stack (the image cache), so
// entering MPR after scrolling a series costs little.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Enums,
  setVolumesForViewports,
  volumeLoader,
  type RenderingEngine,
  type Types,
} from '@cornerstonejs/core';
import { ToolGroupManager } from '@cornerstonejs/tools';
import { MPR_TOOL_GROUP } from '../../../lib/cornerstone/viewerTools';
import type { LoadedSeries } from '../hooks/useSeriesContents';
import styles from '../viewer.module.css';

const PLANES = [
  { id: 'axial', orientation: Enums.OrientationAxis.AXIAL },
  { id: 'sagittal', orientation: Enums.OrientationAxis.SAGITTAL },
  { id: 'coronal', orientation: Enums.OrientationAxis.CORONAL },
] as const;

const mprViewportId = (plane: string) => `drim-mpr-${plane}`;

export function MprView({
  engine,
  engineId,
  series,
}: {
  engine: RenderingEngine;
  engineId: string;
  series: LoadedSeries;
}) {
  const { t } = useTranslation();
  const refs = useRef<Record<string, HTMLDivElement | null>>({});
  const [state, setState] = useState<'loading' | 'rendered' | 'error'>('loading');

  useEffect(() => {
    let cancelled = false;
    const ids = PLANES.map((p) => mprViewportId(p.id));
    for (const plane of PLANES) {
      const element = refs.current[plane.id];
      if (!element) continue;
      engine.enableElement({
        viewportId: mprViewportId(plane.id),
        element,
        type: Enums.ViewportType.ORTHOGRAPHIC,
        defaultOptions: { orientation: plane.orientation, background: [0, 0, 0] },
      });
    }
    const group = ToolGroupManager.getToolGroup(MPR_TOOL_GROUP);
    for (const id of ids) group?.addViewport(id, engineId);

    const volumeId = `cornerstoneStreamingImageVolume:${series.summary.seriesInstanceUID}`;
    const onRendered = () => {
      if (!cancelled) setState('rendered');
    };
    const sagittal = refs.current['sagittal'];
    sagittal?.addEventListener(Enums.Events.IMAGE_RENDERED, onRendered);
    (async () => {
      const volume = (await volumeLoader.createAndCacheVolume(volumeId, {
        imageIds: series.imageIds,
      })) as Types.IStreamingImageVolume;
      if (cancelled) return;
      volume.load();
      await setVolumesForViewports(engine, [{ volumeId }], ids);
      if (!cancelled) engine.renderViewports(ids);
    })().catch(() => {
      if (!cancelled) setState('error');
    });
    const resize = new ResizeObserver(() => engine.resize(true, true));
    for (const plane of PLANES) {
      const el = refs.current[plane.id];
      if (el) resize.observe(el);
    }
    return () => {
      cancelled = true;
      resize.disconnect();
      sagittal?.removeEventListener(Enums.Events.IMAGE_RENDERED, onRendered);
      group?.removeViewports(engineId);
      for (const id of ids) engine.disableElement(id);
    };
  }, [engine, engineId, series]);

  return (
    <div className={styles.mprGrid} data-testid="mpr" data-render-state={state}>
      {PLANES.map((plane) => (
        <section
          key={plane.id}
          className={styles.pane}
          aria-label={t(`viewer.mpr.${plane.id}`)}
          data-testid={`mpr-${plane.id}`}
          data-viewport-id={mprViewportId(plane.id)}
        >
          <div
            ref={(el) => {
              refs.current[plane.id] = el;
            }}
            className={styles.canvasHost}
            onContextMenu={(e) => e.preventDefault()}
          />
          <span className={styles.planeLabel}>{t(`viewer.mpr.${plane.id}`)}</span>
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

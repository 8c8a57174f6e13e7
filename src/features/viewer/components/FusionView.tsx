// The PET/CT fusion view (lib/cornerstone/fusionViewports.ts): the CT, the PET, the PET over
// the CT and the PET's coronal MIP, with the fused layer's opacity and colour map. Opened by
// the hanging protocol of a study holding a PET and its CT (domain/viewer/hangingProtocols.ts),
// or from the toolbar. Says what is loading and, in words, what failed.
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DEFAULT_SUV_WINDOW,
  NUCLEAR_COLORMAPS,
  type NuclearColormap,
} from '../../../domain/viewer/nuclearDisplay';
import {
  FUSION_PANES,
  fusionViewportId,
  petInSuv,
  showFusion,
  type FusionControl,
  type FusionFailure,
  type FusionPane,
  type FusionProgress,
} from '../../../lib/cornerstone/fusionViewports';
import type { ViewerEngine } from '../../../lib/cornerstone/renderingEngine';
import type { LoadedSeries } from '../session/seriesState';
import viewerStyles from '../viewer.module.css';
import styles from './FusionView.module.css';

/** Soft-tissue window (W 400, L 40): the CT under a PET is read for its organs. */
const CT_SOFT_TISSUE = { lower: -160, upper: 240 } as const;
const DEFAULT_OPACITY_PERCENT = 60;

const percent = (part: { loaded: number; total: number }) =>
  part.total > 0 ? Math.floor((100 * part.loaded) / part.total) : 0;

export function FusionView({
  engine,
  ct,
  pet,
  onSettled,
}: {
  engine: ViewerEngine;
  ct: LoadedSeries;
  pet: LoadedSeries;
  /** Drawn or failed: what the study's first view says (background loading waits on it). */
  onSettled?: () => void;
}) {
  const { t } = useTranslation();
  const refs = useRef<Partial<Record<FusionPane, HTMLDivElement | null>>>({});
  const control = useRef<FusionControl | null>(null);
  const [state, setState] = useState<'loading' | 'rendered' | 'error'>('loading');
  const [failure, setFailure] = useState<FusionFailure | null>(null);
  const [progress, setProgress] = useState<FusionProgress | null>(null);
  const [opacityPercent, setOpacityPercent] = useState(DEFAULT_OPACITY_PERCENT);
  const [colormap, setColormap] = useState<NuclearColormap>('hotIron');
  // The layer as it is when the view is built; later changes go through the control.
  const layer = useRef({ opacity: opacityPercent / 100, colormap });
  const settled = useRef(onSettled);
  useEffect(() => {
    settled.current = onSettled;
  }, [onSettled]);
  const inSuv = petInSuv(pet.imageIds);
  const opacityId = useId();
  const colormapId = useId();

  // Keyed on the pair by its parent: another pair is a new view, with its state afresh.
  useEffect(() => {
    const shown = showFusion(
      engine,
      refs.current,
      {
        ct: { seriesInstanceUID: ct.summary.seriesInstanceUID, imageIds: ct.imageIds },
        pet: { seriesInstanceUID: pet.summary.seriesInstanceUID, imageIds: pet.imageIds },
      },
      {
        ctWindow: CT_SOFT_TISSUE,
        petWindow: inSuv ? DEFAULT_SUV_WINDOW : null,
        petColormap: 'greyInverted',
        fusionColormap: layer.current.colormap,
        opacity: layer.current.opacity,
      },
      {
        rendered: () => {
          setState('rendered');
          settled.current?.();
        },
        failed: (what) => {
          setFailure(what);
          setState('error');
          settled.current?.();
        },
        progress: setProgress,
      },
    );
    control.current = shown;
    return () => {
      shown.dispose();
      control.current = null;
    };
  }, [engine, ct, pet, inSuv]);

  useEffect(() => {
    layer.current = { opacity: opacityPercent / 100, colormap };
    control.current?.setFusionLayer(opacityPercent / 100, colormap);
  }, [opacityPercent, colormap]);

  const title = t('fusion.title', {
    pet: pet.summary.description || pet.facts.seriesDescription || t('fusion.labels.pet'),
    ct: ct.summary.description || ct.facts.seriesDescription || t('fusion.labels.ct'),
  });

  return (
    <div
      className={styles.fusion}
      data-testid="fusion"
      data-view="fusion"
      data-render-state={state}
      data-pet-units={inSuv ? 'suv' : 'stored'}
      data-ct-series={ct.summary.seriesInstanceUID}
      data-pet-series={pet.summary.seriesInstanceUID}
    >
      <div className={styles.controls} role="group" aria-label={t('fusion.controls')}>
        <span className={styles.title}>{title}</span>
        <label className={styles.field} htmlFor={opacityId}>
          {t('fusion.opacity')}
        </label>
        <input
          id={opacityId}
          className={styles.range}
          type="range"
          min={0}
          max={100}
          step={5}
          value={opacityPercent}
          aria-valuetext={`${opacityPercent} %`}
          onChange={(e) => setOpacityPercent(Number(e.target.value))}
          data-testid="fusion-opacity"
        />
        <output htmlFor={opacityId} className={styles.value}>
          {opacityPercent} %
        </output>
        <label className={styles.field} htmlFor={colormapId}>
          {t('fusion.colormap')}
        </label>
        <select
          id={colormapId}
          className={viewerStyles.presetSelect}
          value={colormap}
          onChange={(e) => {
            const id = NUCLEAR_COLORMAPS.find((c) => c === e.target.value);
            if (id) setColormap(id);
          }}
          data-testid="fusion-colormap"
        >
          {NUCLEAR_COLORMAPS.map((id) => (
            <option key={id} value={id}>
              {t(`nuclear.colormaps.${id}`)}
            </option>
          ))}
        </select>
        <span className={styles.units} data-testid="fusion-pet-units">
          {inSuv ? t('fusion.petWindowSuv') : t('fusion.petWindowStored')}
        </span>
      </div>
      <div className={styles.grid}>
        {FUSION_PANES.map((pane) => (
          <section
            key={pane}
            className={`${viewerStyles.pane} ${styles.pane}`}
            aria-label={t(`fusion.panes.${pane}`)}
            data-testid={`fusion-${pane}`}
            data-viewport-id={fusionViewportId(pane)}
          >
            <div
              ref={(el) => {
                refs.current[pane] = el;
              }}
              className={viewerStyles.canvasHost}
              onContextMenu={(e) => e.preventDefault()}
            />
            <span className={viewerStyles.planeLabel}>{t(`fusion.labels.${pane}`)}</span>
            {pane === 'mip' && state === 'rendered' && (
              <span className={styles.hint}>{t('fusion.mipHint')}</span>
            )}
          </section>
        ))}
        {state === 'loading' && (
          <p className={`${viewerStyles.paneMessage} ${styles.message}`} role="status">
            {progress
              ? t('fusion.loading', { ct: percent(progress.ct), pet: percent(progress.pet) })
              : t('fusion.building')}
          </p>
        )}
        {state === 'error' && failure && (
          <p className={`${viewerStyles.paneError} ${styles.message}`} role="alert">
            {t(`fusion.failed.${failure}`)}
          </p>
        )}
      </div>
    </div>
  );
}

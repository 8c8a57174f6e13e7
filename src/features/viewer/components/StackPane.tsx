// One viewport showing a series as a stack. It owns its Cornerstone viewport (enabled on
// mount, disabled on unmount), reports what it shows to its overlay, and exposes the
// commands the toolbar and the keyboard send to the active view.
import { useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { Enums, eventTarget, type RenderingEngine, type Types } from '@cornerstonejs/core';
import { ToolGroupManager, utilities as toolUtilities } from '@cornerstonejs/tools';
import { rangeOfWindow, type WindowPreset } from '../../../domain/viewer/windowPresets';
import { STACK_TOOL_GROUP } from '../../../lib/cornerstone/viewerTools';
import { FirstImagePreview } from '../preview/FirstImagePreview';
import type { SeriesState } from '../hooks/useSeriesContents';
import { ViewportOverlay, type ViewState } from './ViewportOverlay';
import styles from '../viewer.module.css';

export interface PaneCommands {
  scroll: (delta: number) => void;
  goTo: (index: number | 'first' | 'last') => void;
  applyPreset: (preset: WindowPreset) => void;
  invert: () => void;
  rotate: () => void;
  flipHorizontal: () => void;
  flipVertical: () => void;
  reset: () => void;
  setCine: (playing: boolean, fps: number) => void;
}

type RenderState = 'empty' | 'loading' | 'rendered' | 'error';

interface Props {
  engine: RenderingEngine;
  engineId: string;
  viewportId: string;
  index: number;
  content: SeriesState | null;
  active: boolean;
  onActivate: () => void;
  commandsRef: Ref<PaneCommands | null>;
  /** Called each time the view draws an image (the workspace waits for the first one). */
  onRendered?: () => void;
  /** Called when the view cannot show an image: the workspace stops waiting for one. */
  onFailed?: () => void;
  /** The source's rendering of the image this view opens on, shown until it is drawn. */
  preview?: ImageBitmap | null;
}

export function StackPane({
  engine,
  engineId,
  viewportId,
  index,
  content,
  active,
  onActivate,
  commandsRef,
  onRendered: notifyRendered,
  onFailed: notifyFailed,
  preview = null,
}: Props) {
  const { t } = useTranslation();
  const elementRef = useRef<HTMLDivElement>(null);
  // Both are tagged with the series they belong to, so showing another series resets them
  // without an extra render.
  const [renderedSeries, setRenderedSeries] = useState<unknown>(null);
  const [failure, setFailure] = useState<{ series: unknown; kind: 'decode' | 'load' } | null>(null);
  const [view, setView] = useState<ViewState | null>(null);
  const [enabled, setEnabled] = useState(false);
  const series = content?.state === 'ready' ? content.series : null;
  // A segmentation or a dose grid is explained, not drawn (domain/viewer/declinedObjects.ts).
  const declined = content?.state === 'declined' ? content.kind : null;
  // Another person's images under this series UID: said, never drawn.
  const otherPatient = content?.state === 'otherPatient';
  const error = failure && failure.series === series ? failure.kind : null;
  // Its image failed, its series has none or could not be read, or it is explained rather
  // than drawn: this view will not draw.
  const cannotShow =
    declined !== null ||
    otherPatient ||
    error !== null ||
    content?.state === 'failed' ||
    content?.state === 'empty';
  useEffect(() => {
    if (cannotShow) notifyFailed?.();
  }, [cannotShow, notifyFailed]);
  const renderState: RenderState =
    declined || otherPatient
      ? 'error'
      : !series
        ? 'empty'
        : error
          ? 'error'
          : renderedSeries === series
            ? 'rendered'
            : 'loading';

  const viewport = (): Types.IStackViewport | null => {
    try {
      return (engine.getViewport(viewportId) as Types.IStackViewport | undefined) ?? null;
    } catch {
      return null;
    }
  };

  // Enable the element once; the viewport outlives series changes.
  useEffect(() => {
    const element = elementRef.current;
    if (!element) return;
    engine.enableElement({
      viewportId,
      element,
      type: Enums.ViewportType.STACK,
      defaultOptions: { background: [0, 0, 0] },
    });
    ToolGroupManager.getToolGroup(STACK_TOOL_GROUP)?.addViewport(viewportId, engineId);
    setEnabled(true);
    const resize = new ResizeObserver(() => engine.resize(true, true));
    resize.observe(element);
    return () => {
      resize.disconnect();
      try {
        toolUtilities.cine.stopClip(element, { stopDynamicCine: true, viewportId });
      } catch {
        // Not playing.
      }
      ToolGroupManager.getToolGroup(STACK_TOOL_GROUP)?.removeViewports(engineId, viewportId);
      engine.disableElement(viewportId);
      setEnabled(false);
    };
  }, [engine, engineId, viewportId]);

  // What the overlay shows follows Cornerstone's events, not React's idea of the view.
  useEffect(() => {
    const element = elementRef.current;
    if (!element || !enabled || !series) return;
    const refresh = () => {
      const vp = viewport();
      if (!vp) return;
      const camera = vp.getCamera();
      const props = vp.getProperties();
      setView({
        imageIndex: vp.getCurrentImageIdIndex(),
        imageCount: vp.getImageIds().length,
        voi: props.voiRange ?? null,
        zoom: vp.getZoom(),
        viewUp: camera.viewUp ?? null,
        viewPlaneNormal: camera.viewPlaneNormal ?? null,
        parallelScale: camera.parallelScale ?? null,
        heightPx: element.clientHeight,
      });
    };
    const onRendered = () => {
      setRenderedSeries(series);
      refresh();
      notifyRendered?.();
    };
    const onNewImage = () => {
      setFailure(null);
      refresh();
    };
    const onLoadError = (evt: Event) => {
      const detail = (evt as CustomEvent<{ imageId?: string; error?: unknown }>).detail;
      const vp = viewport();
      // A source's refusal to send a frame as stored was already asked again by the loader
      // (lib/cornerstone/frameRetrieval.ts): what arrives here is final.
      if (!vp || !detail?.imageId || detail.imageId !== vp.getCurrentImageId()) return;
      setFailure({ series, kind: detail.error instanceof XMLHttpRequest ? 'load' : 'decode' });
    };
    element.addEventListener(Enums.Events.IMAGE_RENDERED, onRendered);
    element.addEventListener(Enums.Events.STACK_NEW_IMAGE, onNewImage);
    element.addEventListener(Enums.Events.VOI_MODIFIED, refresh);
    element.addEventListener(Enums.Events.CAMERA_MODIFIED, refresh);
    eventTarget.addEventListener(Enums.Events.IMAGE_LOAD_ERROR, onLoadError);
    return () => {
      element.removeEventListener(Enums.Events.IMAGE_RENDERED, onRendered);
      element.removeEventListener(Enums.Events.STACK_NEW_IMAGE, onNewImage);
      element.removeEventListener(Enums.Events.VOI_MODIFIED, refresh);
      element.removeEventListener(Enums.Events.CAMERA_MODIFIED, refresh);
      eventTarget.removeEventListener(Enums.Events.IMAGE_LOAD_ERROR, onLoadError);
    };
    // viewport() reads the engine, which is in the deps through `enabled`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enabled, series]);

  // Show the series: the first image as soon as the metadata is in.
  useEffect(() => {
    if (!enabled || !series) return;
    const vp = viewport();
    if (!vp) return;
    let cancelled = false;
    vp.setStack(series.imageIds, 0).then(
      () => {
        if (!cancelled) vp.render();
      },
      (err: unknown) => {
        if (cancelled) return;
        setFailure({ series, kind: err instanceof XMLHttpRequest ? 'load' : 'decode' });
      },
    );
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enabled, series]);

  useImperativeHandle(
    commandsRef,
    (): PaneCommands => ({
      scroll: (delta) => {
        const vp = viewport();
        if (!vp || vp.getImageIds().length === 0) return;
        const last = vp.getImageIds().length - 1;
        const next = Math.min(last, Math.max(0, vp.getCurrentImageIdIndex() + delta));
        void vp.setImageIdIndex(next);
      },
      goTo: (target) => {
        const vp = viewport();
        if (!vp || vp.getImageIds().length === 0) return;
        const last = vp.getImageIds().length - 1;
        const next =
          target === 'first' ? 0 : target === 'last' ? last : Math.min(last, Math.max(0, target));
        void vp.setImageIdIndex(next);
      },
      applyPreset: (preset) => {
        const vp = viewport();
        if (!vp) return;
        vp.setProperties({ voiRange: rangeOfWindow(preset.width, preset.center) });
        vp.render();
      },
      invert: () => {
        const vp = viewport();
        if (!vp) return;
        vp.setProperties({ invert: !(vp.getProperties().invert ?? false) });
        vp.render();
      },
      rotate: () => {
        const vp = viewport();
        if (!vp) return;
        const rotation = vp.getViewPresentation().rotation ?? 0;
        vp.setViewPresentation({ rotation: (rotation + 90) % 360 });
        vp.render();
      },
      flipHorizontal: () => {
        const vp = viewport();
        if (!vp) return;
        vp.setCamera({ flipHorizontal: !(vp.getCamera().flipHorizontal ?? false) });
        vp.render();
      },
      flipVertical: () => {
        const vp = viewport();
        if (!vp) return;
        vp.setCamera({ flipVertical: !(vp.getCamera().flipVertical ?? false) });
        vp.render();
      },
      reset: () => {
        const vp = viewport();
        if (!vp) return;
        vp.resetCamera();
        vp.resetProperties();
        vp.render();
      },
      setCine: (playing, fps) => {
        const element = elementRef.current;
        if (!element || !viewport()) return;
        toolUtilities.cine.stopClip(element, { stopDynamicCine: true, viewportId });
        if (playing) toolUtilities.cine.playClip(element, { framesPerSecond: fps, loop: true });
      },
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [engine, viewportId],
  );

  const label = t('viewer.overlay.viewport', { index: index + 1 });
  let message: string | null = null;
  if (!content) message = t('viewer.overlay.empty');
  else if (content.state === 'loading' || (series && renderState === 'loading'))
    message = t('viewer.overlay.loading');
  else if (content.state === 'failed') message = t('viewer.error.metadata', { reason: '' });
  else if (content.state === 'empty') message = t('viewer.error.noImage');
  if (error) message = t(`viewer.error.${error}`);
  if (declined) message = t(`viewer.declined.${declined}`);
  if (otherPatient) message = t('viewer.isolation.seriesOtherPatient');
  const showPreview =
    preview !== null &&
    (content?.state === 'loading' || (series !== null && renderState === 'loading'));
  if (showPreview) message = null;

  return (
    <section
      className={`${styles.pane} ${active ? styles.paneActive : ''}`}
      aria-label={label}
      data-testid={`viewport-${index}`}
      data-viewport-id={viewportId}
      data-render-state={renderState}
      data-image-index={view?.imageIndex ?? ''}
      onPointerDown={onActivate}
      onFocus={onActivate}
    >
      {/* Cornerstone draws into this element; keyboard focus stays on the workspace. */}
      <div
        ref={elementRef}
        className={styles.canvasHost}
        // The series shown before stays in Cornerstone's viewport: not under this message.
        style={declined || otherPatient ? { visibility: 'hidden' } : undefined}
        onContextMenu={(e) => e.preventDefault()}
      />
      {showPreview && preview && <FirstImagePreview bitmap={preview} />}
      {series && view && <ViewportOverlay series={series} view={view} />}
      {series && view && view.imageCount > 1 && (
        <input
          type="range"
          className={styles.sliceSlider}
          min={1}
          max={view.imageCount}
          value={view.imageIndex + 1}
          aria-label={t('viewer.tools.slice')}
          aria-valuetext={t('viewer.overlay.slice', {
            index: view.imageIndex + 1,
            count: view.imageCount,
          })}
          onChange={(e) => void viewport()?.setImageIdIndex(Number(e.target.value) - 1)}
          data-testid={`slice-slider-${index}`}
        />
      )}
      {message && (
        <p
          className={error || declined || otherPatient ? styles.paneError : styles.paneMessage}
          role={error || declined || otherPatient ? 'alert' : 'status'}
        >
          {message}
        </p>
      )}
    </section>
  );
}

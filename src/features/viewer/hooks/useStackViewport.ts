// A stack view's Cornerstone viewport over its element: enabled once (it outlives series
// changes), shown a series from its first image, and followed through Cornerstone's events
// — what the overlay says follows those events, not React's idea of the view.
import { useEffect, useState, type RefObject } from 'react';
import { defaultColormap } from '../../../domain/viewer/nuclearDisplay';
import { applyColormap, clearColormap } from '../../../lib/cornerstone/nuclearColormaps';
import type { ViewerEngine } from '../../../lib/cornerstone/renderingEngine';
import {
  enableStackViewport,
  showStack,
  stackViewportOf,
  viewStateOf,
  watchStackViewport,
  type ImageFailure,
  type StackViewState,
} from '../../../lib/cornerstone/stackViewport';
import { AS_STORED, type Flips } from '../../../lib/cornerstone/viewportCommands';
import type { LoadedSeries } from '../session/seriesState';

export interface StackViewportState {
  /** Null until the view has shown an image of this series. */
  view: StackViewState | null;
  /** An image of this series has been drawn. */
  rendered: boolean;
  /** Why this series' image is not shown, if it cannot be. */
  failure: ImageFailure | null;
}

export function useStackViewport(
  engine: ViewerEngine,
  viewportId: string,
  elementRef: RefObject<HTMLDivElement | null>,
  series: LoadedSeries | null,
  /** Each time the view draws an image. */
  onRendered?: () => void,
  /** How the view hangs its images (a hanging protocol's mirrored mammogram). */
  flips: Flips = AS_STORED,
): StackViewportState {
  const { flipHorizontal, flipVertical } = flips;
  // Both are tagged with the series they belong to, so showing another series resets them
  // without an extra render.
  const [renderedSeries, setRenderedSeries] = useState<LoadedSeries | null>(null);
  const [failure, setFailure] = useState<{ series: LoadedSeries; kind: ImageFailure } | null>(null);
  const [view, setView] = useState<StackViewState | null>(null);
  const [enabled, setEnabled] = useState(false);

  useEffect(() => {
    const element = elementRef.current;
    if (!element) return;
    const disable = enableStackViewport(engine, viewportId, element);
    setEnabled(true);
    return () => {
      disable();
      setEnabled(false);
    };
  }, [engine, viewportId, elementRef]);

  useEffect(() => {
    const element = elementRef.current;
    if (!element || !enabled || !series) return;
    const refresh = () => {
      const vp = stackViewportOf(engine, viewportId);
      if (vp) setView(viewStateOf(vp));
    };
    return watchStackViewport(engine, viewportId, element, {
      rendered: () => {
        setRenderedSeries(series);
        refresh();
        onRendered?.();
      },
      newImage: () => {
        setFailure(null);
        refresh();
      },
      viewChanged: refresh,
      failed: (kind) => setFailure({ series, kind }),
    });
    // onRendered is the workspace's stable callback; a new one must not re-subscribe.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [engine, viewportId, elementRef, enabled, series]);

  // The first image as soon as the series' metadata is in.
  useEffect(() => {
    if (!enabled || !series) return;
    const vp = stackViewportOf(engine, viewportId);
    if (!vp) return;
    let cancelled = false;
    void showStack(vp, series.imageIds, () => !cancelled, { flipHorizontal, flipVertical }).then(
      (kind) => {
        if (kind && !cancelled) setFailure({ series, kind });
        // A PET or NM opens in its colour map (domain/viewer/nuclearDisplay.ts); any other
        // series shown in this view after one gets its grey back.
        if (kind || cancelled) return;
        const look = defaultColormap(series.facts.modality);
        if (look) applyColormap(vp, look);
        else clearColormap(vp);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [engine, viewportId, enabled, series, flipHorizontal, flipVertical]);

  return {
    view,
    rendered: series !== null && renderedSeries === series,
    failure: failure && failure.series === series ? failure.kind : null,
  };
}

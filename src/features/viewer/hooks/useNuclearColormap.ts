// The colour map of the active view when it shows a PET or an NM series: the one it opened
// in (useStackViewport applies it) until the user chooses another, per view and series.
import { useCallback, useState } from 'react';
import { defaultColormap, type NuclearColormap } from '../../../domain/viewer/nuclearDisplay';
import { applyColormap } from '../../../lib/cornerstone/nuclearColormaps';
import type { ViewerEngine } from '../../../lib/cornerstone/renderingEngine';
import { stackViewportOf } from '../../../lib/cornerstone/stackViewport';
import type { LoadedSeries } from '../session/seriesState';

export interface NuclearColormapChoice {
  /** Null: the active view shows no PET or NM series (no choice to offer). */
  value: NuclearColormap | null;
  choose: (id: NuclearColormap) => void;
  /** After « Réinitialiser »: back to the map the series opens in. */
  reset: () => void;
}

export function useNuclearColormap(
  engine: ViewerEngine | null,
  viewportId: string,
  series: LoadedSeries | null,
): NuclearColormapChoice {
  const [chosen, setChosen] = useState<{
    viewportId: string;
    series: LoadedSeries;
    id: NuclearColormap;
  } | null>(null);
  const opening = series ? defaultColormap(series.facts.modality) : null;
  const value =
    opening && chosen && chosen.viewportId === viewportId && chosen.series === series
      ? chosen.id
      : opening;
  const choose = useCallback(
    (id: NuclearColormap) => {
      const vp = engine && stackViewportOf(engine, viewportId);
      if (!vp || !series) return;
      applyColormap(vp, id);
      setChosen({ viewportId, series, id });
    },
    [engine, viewportId, series],
  );
  const reset = useCallback(() => {
    const vp = engine && stackViewportOf(engine, viewportId);
    if (!vp || !series || !opening) return;
    applyColormap(vp, opening);
    setChosen(null);
  }, [engine, viewportId, series, opening]);
  return { value, choose, reset };
}

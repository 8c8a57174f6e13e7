// What the user changed in a plan: a series put in a view (a current series from the series
// panel, a prior series dragged from the priors panel or chosen in the view's menu). A prior's
// view compared with a current view the user changed follows it — it shows the prior series
// paired with the new one — unless it was itself changed.
import type { PanePlan } from './panePlan';

/** Series shown per viewport id, by the user's choice. */
export type PaneOverrides = Readonly<Record<string, string>>;

export function withOverrides(
  plan: PanePlan,
  overrides: PaneOverrides,
  /** The prior's series paired with a current series (seriesPairing.ts), null if none. */
  pairOf: (study: number, currentSeriesUID: string) => string | null,
): PanePlan {
  const chosen = plan.panes.map((pane) => {
    const seriesUID = overrides[pane.viewportId];
    if (seriesUID === undefined) return pane;
    // Another series than the protocol's: the whole stack, as stored.
    return { ...pane, seriesUID, image: null, flipHorizontal: false, flipVertical: false };
  });
  const panes = chosen.map((pane) => {
    if (pane.study === 0 || pane.comparedWith === null || overrides[pane.viewportId]) return pane;
    const partner = chosen[pane.comparedWith];
    if (!partner || overrides[partner.viewportId] === undefined || partner.seriesUID === null) {
      return pane;
    }
    return {
      ...pane,
      seriesUID: pairOf(pane.study, partner.seriesUID),
      image: null,
      flipHorizontal: false,
      flipVertical: false,
    };
  });
  return { ...plan, panes };
}

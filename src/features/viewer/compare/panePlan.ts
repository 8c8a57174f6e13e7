// What each view of the workspace shows, as one list whatever the mode: the user's layout of
// the current study (1×1, 1×2, 2×2), a hanging protocol's panes (the mirrored mammography
// four views), or a comparison (the current beside one or two priors). Each pane gets its
// Cornerstone viewport id from its study and its place among that study's panes: the current
// study's stay `drim-stack-N` whatever the mode, so opening a comparison keeps the current's
// view as it was (same element, same slice and window) and the tests' hook finds it; a
// prior's are `drim-prior{P}-stack-N`. All share the workspace's one rendering engine.
import type { LayoutId } from '../components/toolbarChoices';

export interface PaneSpec {
  /** 0 the current study, 1 and 2 the priors in the address' order. */
  study: number;
  seriesUID: string | null;
  /** One image of the series (a mammography view), or the whole stack (null). */
  image: number | null;
  flipHorizontal: boolean;
  flipVertical: boolean;
  /** What the protocol calls this place (« RCC »), if anything. */
  label: string | null;
  /**
   * For a prior's pane: the index (in the plan) of the current study's pane it is compared
   * with — what it is paired, synchronised and re-paired against.
   */
  comparedWith: number | null;
}

export interface PlannedPane extends PaneSpec {
  viewportId: string;
  /** The e2e specs' name for it: `viewport-N` (current), `prior{P}-viewport-N`. */
  testId: string;
  /** …and for its slice slider: `slice-slider-N`, `prior{P}-slice-slider-N`. */
  sliderTestId: string;
}

export interface PanePlan {
  rows: number;
  columns: number;
  panes: PlannedPane[];
}

export const LAYOUT_GRID: Readonly<Record<LayoutId, { rows: number; columns: number }>> = {
  '1x1': { rows: 1, columns: 1 },
  '1x2': { rows: 1, columns: 2 },
  '2x2': { rows: 2, columns: 2 },
};

export function viewportIdOf(study: number, n: number): string {
  return study === 0 ? `drim-stack-${n}` : `drim-prior${study}-stack-${n}`;
}

export function testIdOf(study: number, n: number): string {
  return study === 0 ? `viewport-${n}` : `prior${study}-viewport-${n}`;
}

function sliderTestIdOf(study: number, n: number): string {
  return study === 0 ? `slice-slider-${n}` : `prior${study}-slice-slider-${n}`;
}

/** Names each pane after its study and its rank among that study's panes, in plan order. */
export function planOf(rows: number, columns: number, specs: readonly PaneSpec[]): PanePlan {
  const seen = new Map<number, number>();
  const panes = specs.map((spec) => {
    const n = seen.get(spec.study) ?? 0;
    seen.set(spec.study, n + 1);
    return {
      ...spec,
      viewportId: viewportIdOf(spec.study, n),
      testId: testIdOf(spec.study, n),
      sliderTestId: sliderTestIdOf(spec.study, n),
    };
  });
  return { rows, columns, panes };
}

const plain = (study: number, seriesUID: string | null, comparedWith: number | null): PaneSpec => ({
  study,
  seriesUID,
  image: null,
  flipHorizontal: false,
  flipVertical: false,
  label: null,
  comparedWith,
});

/** The current study alone, in the user's layout. */
export function layoutPlan(layout: LayoutId, assigned: readonly (string | null)[]): PanePlan {
  const { rows, columns } = LAYOUT_GRID[layout];
  const specs = Array.from({ length: rows * columns }, (_, i) =>
    plain(0, assigned[i] ?? null, null),
  );
  return planOf(rows, columns, specs);
}

/** What the current view compared shows: a series, or one of its images as it hangs. */
export type CurrentView = Pick<
  PaneSpec,
  'seriesUID' | 'image' | 'flipHorizontal' | 'flipVertical' | 'label'
>;

/**
 * The view the user was reading, then each prior's series beside it (1×2 or 1×3): compare
 * mode until a protocol can place the priors' images, or when one failed.
 */
export function sideBySidePlan(
  current: CurrentView | string | null,
  priorSeriesUIDs: readonly (string | null)[],
): PanePlan {
  const view =
    current === null || typeof current === 'string'
      ? plain(0, current, null)
      : { ...plain(0, current.seriesUID, null), ...current };
  const specs = [view, ...priorSeriesUIDs.map((uid, i) => plain(i + 1, uid, 0))];
  return planOf(1, specs.length, specs);
}

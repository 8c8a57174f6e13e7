// Which views move together in a comparison, and how (lib/cornerstone/viewportLinks.ts does
// the moving). Each prior view is linked both ways with the current view it is compared
// with, and with the other prior's view compared with the same one (1×3):
// - window, zoom/pan and rotation/flips, each when its toggle is on and both show the same
//   modality (a CT's window means nothing on an MR);
// - the slice, when its toggle is on and both are stacks in parallel planes: by position in
//   one frame of reference, else only once the user has lined them up (« Aligner »), by the
//   offset that recorded (domain/viewer/sliceSync.ts). Past either end nothing moves.
import {
  alignmentOffset,
  matchingIndex,
  needsAlignment,
  positionAlong,
  stackGeometry,
  type StackGeometry,
} from '../../../domain/viewer/sliceSync';
import type { ViewportLink } from '../../../lib/cornerstone/viewportLinks';
import type { LoadedSeries } from '../session/seriesState';
import type { PanePlan, PaneSpec } from './panePlan';

export interface SyncToggles {
  slice: boolean;
  voi: boolean;
  zoomPan: boolean;
  presentation: boolean;
}

/** What « Aligner » recorded between the current study and one prior, in mm. */
export interface Alignment {
  /** From a current slice's position to the prior's (sliceSync's offset, current → prior). */
  forward: number;
  /** From a prior slice's position to the current's. */
  backward: number;
}

/** Per prior (1, 2): its alignment with the current study, once lined up. */
export type Alignments = Readonly<Partial<Record<number, Alignment>>>;

/** Within 5° of parallel, as domain/viewer/sliceSync.ts matches slices. */
const PARALLEL_MIN_COS = Math.cos((5 * Math.PI) / 180);

const geometries = new WeakMap<LoadedSeries, StackGeometry>();

export function geometryOf(series: LoadedSeries): StackGeometry {
  let g = geometries.get(series);
  if (!g) {
    g = stackGeometry(
      series.frames,
      series.placement.frameOfReferenceUID,
      series.placement.sliceThickness,
    );
    geometries.set(series, g);
  }
  return g;
}

export type SliceLink =
  /** Not stacks that can scroll together (a single image, no geometry, other planes). */
  | 'unavailable'
  /** Other frames of reference: the user lines them up first. */
  | 'needsAlignment'
  | 'linked';

export function sliceLinkOf(
  current: LoadedSeries,
  prior: LoadedSeries,
  alignment: Alignment | undefined,
): SliceLink {
  const a = geometryOf(current);
  const b = geometryOf(prior);
  if (a.positions.length < 2 || b.positions.length < 2 || !a.normal || !b.normal) {
    return 'unavailable';
  }
  // Parallel planes only (sliceSync's own tolerance): an axial stack does not scroll a sagittal.
  if (Math.abs(positionAlong(a.normal, b.normal)) < PARALLEL_MIN_COS) return 'unavailable';
  if (!alignment && needsAlignment(a, b)) return 'needsAlignment';
  return 'linked';
}

/** The alignment that puts these two slices on one level. */
export function alignmentAt(
  current: LoadedSeries,
  currentIndex: number,
  prior: LoadedSeries,
  priorIndex: number,
): Alignment {
  const a = geometryOf(current);
  const b = geometryOf(prior);
  return {
    forward: alignmentOffset(a, currentIndex, b, priorIndex),
    backward: alignmentOffset(b, priorIndex, a, currentIndex),
  };
}

type SliceFn = (index: number) => number | null;

/** How two views' hanging differs: a flip made on one is the other's flip relative to it. */
function flipsDiffer(a: PaneSpec, b: PaneSpec): { horizontal: boolean; vertical: boolean } {
  return {
    horizontal: a.flipHorizontal !== b.flipHorizontal,
    vertical: a.flipVertical !== b.flipVertical,
  };
}

export function syncLinks(
  plan: PanePlan,
  seriesAt: (paneIndex: number) => LoadedSeries | null,
  toggles: SyncToggles,
  alignments: Alignments,
): ViewportLink[] {
  const links: ViewportLink[] = [];
  /** Per current pane: its priors' panes with the slice functions both ways. */
  const groups = new Map<number, { pane: number; to: SliceFn | null; from: SliceFn | null }[]>();

  plan.panes.forEach((pane, p) => {
    if (pane.study === 0 || pane.comparedWith === null) return;
    const c = pane.comparedWith;
    const current = seriesAt(c);
    const prior = seriesAt(p);
    const currentPane = plan.panes[c];
    if (!current || !prior || !currentPane) return;
    const sameModality = current.facts.modality === prior.facts.modality;
    const alignment = alignments[pane.study];
    let to: SliceFn | null = null;
    let from: SliceFn | null = null;
    if (toggles.slice && sliceLinkOf(current, prior, alignment) === 'linked') {
      const a = geometryOf(current);
      const b = geometryOf(prior);
      const forward = alignment?.forward ?? 0;
      const backward = alignment?.backward ?? 0;
      to = (i) => matchingIndex(a, i, b, forward);
      from = (i) => matchingIndex(b, i, a, backward);
    }
    const common = {
      voi: toggles.voi && sameModality,
      zoomPan: toggles.zoomPan && sameModality,
      presentation: toggles.presentation && sameModality,
      flipsDiffer: flipsDiffer(currentPane, pane),
    };
    links.push({
      source: currentPane.viewportId,
      target: pane.viewportId,
      ...common,
      slice: to,
      leads: true,
    });
    links.push({
      source: pane.viewportId,
      target: currentPane.viewportId,
      ...common,
      slice: from,
      leads: false,
    });
    const group = groups.get(c) ?? [];
    group.push({ pane: p, to, from });
    groups.set(c, group);
  });

  // Two priors beside one current view: each follows the other through the current's level.
  for (const group of groups.values()) {
    for (const x of group) {
      for (const y of group) {
        if (x === y) continue;
        const px = plan.panes[x.pane];
        const py = plan.panes[y.pane];
        const sx = seriesAt(x.pane);
        const sy = seriesAt(y.pane);
        if (!px || !py || !sx || !sy) continue;
        const sameModality = sx.facts.modality === sy.facts.modality;
        const viaCurrent: SliceFn | null =
          x.from && y.to
            ? (i) => {
                const level = x.from?.(i) ?? null;
                return level === null ? null : (y.to?.(level) ?? null);
              }
            : null;
        links.push({
          source: px.viewportId,
          target: py.viewportId,
          voi: toggles.voi && sameModality,
          zoomPan: toggles.zoomPan && sameModality,
          presentation: toggles.presentation && sameModality,
          flipsDiffer: flipsDiffer(px, py),
          slice: viaCurrent,
          leads: false,
        });
      }
    }
  }
  return links;
}

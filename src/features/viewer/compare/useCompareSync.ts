// Compare mode's synchronisation as the user sets it: the toggles (on by default where it
// makes sense — the slice and the views always, the window only where values mean the same
// on both studies: CT in Hounsfield units, PET in SUV), the alignments « Aligner » recorded
// per prior, and the links they make between the views (syncLinks.ts, usePaneSync.ts).
import { useMemo, useState } from 'react';
import type { ViewerEngine } from '../../../lib/cornerstone/renderingEngine';
import { imageIndexIn } from '../../../lib/cornerstone/stackViewport';
import type { LoadedSeries } from '../session/seriesState';
import type { PriorSlices } from './CompareBar';
import type { PanePlan } from './panePlan';
import {
  alignmentAt,
  sliceLinkOf,
  syncLinks,
  type Alignment,
  type Alignments,
  type SyncToggles,
} from './syncLinks';
import { usePaneSync } from './usePaneSync';

/** Modalities whose values mean the same on two studies: one window fits both. */
const SAME_SCALE = new Set(['CT', 'PT']);

export function syncDefaults(modality: string): SyncToggles {
  return { slice: true, voi: SAME_SCALE.has(modality), zoomPan: true, presentation: true };
}

/** The same array as last time when every element is the same: memos keep their value. */
function useSameArray<T>(values: readonly T[]): readonly T[] {
  const [kept, setKept] = useState(values);
  const same = kept.length === values.length && kept.every((v, i) => Object.is(v, values[i]));
  // Adjusted while rendering (React's way to keep what a previous render computed).
  if (!same) setKept(values);
  return same ? kept : values;
}

export interface CompareSync {
  toggles: SyncToggles;
  setToggle: (which: keyof SyncToggles, on: boolean) => void;
  /** For the priors beside the current view the user works in. */
  slices: PriorSlices[];
  canAlign: boolean;
  align: () => void;
  resetAlignment: (prior: number) => void;
}

export function useCompareSync(options: {
  engine: ViewerEngine | null;
  plan: PanePlan;
  seriesOfPane: (index: number) => LoadedSeries | null;
  comparing: boolean;
  /** The current study's modality, which the defaults follow. */
  modality: string;
  /** Each prior's study UID (1, 2), when known: alignments belong to a prior, not a place. */
  priorIds: readonly (string | null)[];
  /** The current study's view the user works in (the active one, or the one it is compared with). */
  currentPaneIndex: number;
}): CompareSync {
  const { engine, plan, comparing, priorIds, currentPaneIndex } = options;
  const [choice, setChoice] = useState<Partial<SyncToggles>>({});
  const defaults = syncDefaults(options.modality);
  const toggles: SyncToggles = { ...defaults, ...choice };
  const [aligned, setAligned] = useState<Readonly<Record<string, Alignment>>>({});

  const paneSeries = useSameArray(plan.panes.map((_, i) => options.seriesOfPane(i)));
  const priorKey = priorIds.join('|');
  const alignments = useMemo((): Alignments => {
    const out: Record<number, Alignment> = {};
    priorKey.split('|').forEach((id, i) => {
      const a = id ? aligned[id] : undefined;
      if (a) out[i + 1] = a;
    });
    return out;
  }, [aligned, priorKey]);
  const { slice, voi, zoomPan, presentation } = toggles;
  const links = useMemo(
    () =>
      comparing
        ? syncLinks(
            plan,
            (i) => paneSeries[i] ?? null,
            { slice, voi, zoomPan, presentation },
            alignments,
          )
        : [],
    [comparing, plan, paneSeries, slice, voi, zoomPan, presentation, alignments],
  );
  usePaneSync(engine, links);

  const current = paneSeries[currentPaneIndex] ?? null;
  const compared = plan.panes
    .map((pane, i) => ({ pane, i }))
    .filter(({ pane }) => pane.study > 0 && pane.comparedWith === currentPaneIndex);
  const slices = compared.flatMap(({ pane, i }): PriorSlices[] => {
    const prior = paneSeries[i];
    if (!current || !prior) return [];
    const alignment = alignments[pane.study];
    return [
      {
        prior: pane.study,
        state: sliceLinkOf(current, prior, alignment),
        offsetMm: alignment ? alignment.forward : null,
      },
    ];
  });

  const align = () => {
    const currentPane = plan.panes[currentPaneIndex];
    if (!engine || !current || !currentPane) return;
    const at = imageIndexIn(engine, currentPane.viewportId);
    if (at === null) return;
    const recorded: Record<string, Alignment> = {};
    for (const { pane, i } of compared) {
      const prior = paneSeries[i];
      const id = priorIds[pane.study - 1];
      const priorAt = imageIndexIn(engine, pane.viewportId);
      if (!prior || !id || priorAt === null) continue;
      if (sliceLinkOf(current, prior, undefined) === 'unavailable') continue;
      recorded[id] = alignmentAt(current, at, prior, priorAt);
    }
    setAligned((a) => ({ ...a, ...recorded }));
    // Lining up is for scrolling together: the slice follows from now on.
    setChoice((c) => ({ ...c, slice: true }));
  };

  return {
    toggles,
    setToggle: (which, on) => setChoice((c) => ({ ...c, [which]: on })),
    slices,
    canAlign: comparing && slices.some((s) => s.state !== 'unavailable'),
    align,
    resetAlignment: (prior) => {
      const id = priorIds[prior - 1];
      if (!id) return;
      setAligned((a) => {
        const { [id]: _dropped, ...rest } = a;
        return rest;
      });
    },
  };
}

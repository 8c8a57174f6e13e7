// A hanging protocol's panes (domain/viewer/hangingProtocols.ts) as the workspace's plan:
// each pane's study by its UID (current, prior 1, prior 2 in the address' order), its image
// by SOP instance and frame within the loaded series, its flips as the protocol says, and,
// for a prior's pane, the current pane it is compared with — the one with the same label
// (RCC with RCC, PA with PA), else the first current pane of its row.
import type { HangingProtocol, PaneAssignment } from '../../../domain/viewer/hangingProtocols';
import type { SeriesState } from '../session/seriesState';
import { imageIndexOf } from './paneContent';
import { planOf, type PanePlan, type PaneSpec } from './panePlan';

export interface PlannedStudy {
  studyInstanceUID: string;
  contents: ReadonlyMap<string, SeriesState>;
}

function byPlace(a: PaneAssignment, b: PaneAssignment): number {
  return a.row - b.row || a.column - b.column;
}

export function protocolPlan(
  protocol: HangingProtocol,
  /** Index 0 the current study, then the priors. */
  studies: readonly PlannedStudy[],
): PanePlan | null {
  const assignments = [...protocol.panes].sort(byPlace);
  const specs: (PaneSpec & { row: number })[] = [];
  for (const a of assignments) {
    const study =
      a.role === 'current'
        ? 0
        : studies.findIndex((s, i) => i > 0 && s.studyInstanceUID === a.studyInstanceUID);
    if (study < 0) return null;
    let image: number | null = null;
    if (a.sopInstanceUID) {
      const state = studies[study]?.contents.get(a.seriesInstanceUID);
      image =
        state?.state === 'ready'
          ? imageIndexOf(state.series, a.sopInstanceUID, a.frame ?? 1)
          : null;
      if (image === null) return null;
    }
    specs.push({
      row: a.row,
      study,
      seriesUID: a.seriesInstanceUID,
      image,
      flipHorizontal: a.flipHorizontal,
      flipVertical: a.flipVertical ?? false,
      label: a.label,
      comparedWith: null,
    });
  }
  const paired = specs.map((spec): PaneSpec => {
    const { row, ...rest } = spec;
    if (spec.study === 0) return rest;
    const sameLabel = specs.findIndex((s) => s.study === 0 && s.label === spec.label);
    const sameRow = specs.findIndex((s) => s.study === 0 && s.row === row);
    const any = specs.findIndex((s) => s.study === 0);
    const partner = [sameLabel, sameRow, any].find((i) => i >= 0);
    return { ...rest, comparedWith: partner ?? null };
  });
  return planOf(protocol.rows, protocol.columns, paired);
}

// Whether the workspace shows the PET/CT fusion view, and with which series. The view is the
// hanging table's petCtFusion row (domain/viewer/hangingProtocols.ts): chosen by itself when
// the study holds a PET and its CT, or from the toolbar's « Fusion TEP-TDM » button, which
// switches to that row or back to the user's own layout. Compare mode has no fusion view.
import { useMemo } from 'react';
import { PET_CT_FUSION_PROTOCOL } from '../../../domain/viewer/hangingProtocols';
import type { OpenedStudy } from '../api/openStudy';
import type { WorkspacePlan } from '../compare/useWorkspacePlan';
import { petCtPairIn } from '../session/petCtPairIn';
import type { LoadedSeries, SeriesState } from '../session/seriesState';

/** The hanging table's row for the user's own layout (useWorkspacePlan's FREE_LAYOUT). */
const FREE_LAYOUT = 'fallback';

export interface PetCtFusion {
  /** The two series, once both are read and fuse. */
  pair: { ct: LoadedSeries; pet: LoadedSeries } | null;
  shown: boolean;
  /** The toolbar button's action; null when there is nothing to fuse. */
  toggle: (() => void) | null;
  /**
   * A series chosen in the panel: back to the user's own layout, and kept there — the fusion
   * view, if its series are read later, does not take the view the user asked for.
   */
  keepUsersLayout: () => void;
}

export function usePetCtFusion(options: {
  study: OpenedStudy;
  contents: ReadonlyMap<string, SeriesState>;
  protocol: WorkspacePlan['protocol'];
  comparing: boolean;
}): PetCtFusion {
  const { study, contents, protocol, comparing } = options;
  const pair = useMemo(() => {
    const found = petCtPairIn(study, contents);
    const ct = found && contents.get(found.ctSeriesInstanceUID);
    const pet = found && contents.get(found.petSeriesInstanceUID);
    return ct?.state === 'ready' && pet?.state === 'ready'
      ? { ct: ct.series, pet: pet.series }
      : null;
  }, [study, contents]);
  const shown = !comparing && pair !== null && protocol.value === PET_CT_FUSION_PROTOCOL;
  return {
    pair,
    shown,
    toggle:
      pair && !comparing
        ? () => protocol.onChange(shown ? FREE_LAYOUT : PET_CT_FUSION_PROTOCOL)
        : null,
    keepUsersLayout: () => {
      const mayFuse = study.series.some((s) => s.modality.trim().toUpperCase() === 'PT');
      if (shown || (mayFuse && !comparing && protocol.value === FREE_LAYOUT)) {
        protocol.onChange(FREE_LAYOUT);
      }
    },
  };
}

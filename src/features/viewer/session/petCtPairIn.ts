// The study's PET/CT pair as the fusion view and the hanging protocols read it: each loaded
// series' frame of reference, slice geometry and correction words, handed to the pure rule
// (domain/viewer/petCtPairing.ts). Series still loading are not candidates yet: the pair
// appears once both the PET and its CT are read.
import {
  petCtPairOf,
  type FusionCandidate,
  type PetCtPair,
} from '../../../domain/viewer/petCtPairing';
import type { OpenedStudy } from '../api/openStudy';
import type { SeriesState } from './seriesState';

export function petCtPairIn(
  study: OpenedStudy,
  contents: ReadonlyMap<string, SeriesState>,
): PetCtPair | null {
  const candidates: FusionCandidate[] = [];
  for (const summary of study.series) {
    const state = contents.get(summary.seriesInstanceUID);
    if (state?.state !== 'ready') continue;
    const { series } = state;
    candidates.push({
      seriesInstanceUID: summary.seriesInstanceUID,
      modality: summary.modality || series.facts.modality,
      description: summary.description || series.facts.seriesDescription,
      frameOfReferenceUID: series.placement.frameOfReferenceUID,
      orientation: series.frames[0]?.imageOrientationPatient ?? null,
      positions: series.frames.map((f) => f.imagePositionPatient),
      imageType: series.placement.imageType ?? [],
      correctedImage: series.placement.correctedImage ?? [],
    });
  }
  return petCtPairOf(candidates);
}

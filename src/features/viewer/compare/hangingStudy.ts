// A study as the hanging protocols and the series pairing read it (domain/viewer/
// hangingProtocols.ts, seriesPairing.ts): its series from the list (modality, description)
// and, once each series' metadata is in, their plane, body part, and every image's view,
// laterality and orientation. Before the metadata, pairing goes by description and modality.
import type { HangingStudy } from '../../../domain/viewer/hangingProtocols';
import type { SeriesSummary } from '../../../domain/viewer/firstSeries';
import { isImageModality } from '../../../domain/dicom/modalities';
import type { PairableSeries } from '../../../domain/viewer/seriesPairing';
import type { OpenedStudy } from '../api/openStudy';
import { petCtPairIn } from '../session/petCtPairIn';
import type { SeriesState } from '../session/seriesState';

export function pairableOf(summary: SeriesSummary, state: SeriesState | undefined): PairableSeries {
  const loaded = state?.state === 'ready' ? state.series : null;
  const first = loaded?.placement.images[0];
  return {
    seriesInstanceUID: summary.seriesInstanceUID,
    modality: summary.modality || loaded?.facts.modality || '',
    description: summary.description,
    numberOfInstances: loaded?.frames.length ?? summary.numberOfInstances,
    seriesNumber: summary.seriesNumber,
    ...(loaded ? { bodyPartExamined: loaded.placement.bodyPartExamined } : {}),
    plane: first?.plane ?? null,
    laterality: first?.laterality ?? null,
    viewCode: first?.viewCode ?? null,
  };
}

export function pairablesOf(
  study: OpenedStudy,
  contents: ReadonlyMap<string, SeriesState>,
): PairableSeries[] {
  return study.series
    .filter((s) => isImageModality(s.modality))
    .map((s) => pairableOf(s, contents.get(s.seriesInstanceUID)));
}

export function hangingStudyOf(
  role: HangingStudy['role'],
  study: OpenedStudy,
  contents: ReadonlyMap<string, SeriesState>,
  /** CISIS region codes, as the federated list or the study's own series say. */
  regions: readonly string[],
): HangingStudy {
  const series = pairablesOf(study, contents);
  const images = [...contents.values()].flatMap((s) =>
    s.state === 'ready' ? s.series.placement.images : [],
  );
  return {
    role,
    studyInstanceUID: study.studyInstanceUID,
    modalities: [...new Set(series.map((s) => s.modality.trim().toUpperCase()))],
    regions: [...regions],
    series,
    images,
    // Today's study only: a prior's PET is not fused.
    petCt: role === 'current' ? petCtPairIn(study, contents) : null,
  };
}

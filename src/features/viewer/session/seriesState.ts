// What a view can be given for a series: its frames once read and handed to Cornerstone,
// or why there is nothing to draw.
import type { DerivedKind, DerivedProblem } from '../../../domain/viewer/derivedObjects';
import type { SeriesSummary } from '../../../domain/viewer/firstSeries';
import type { NuclearSeries } from '../../../domain/viewer/nuclearSeries';
import type { SeriesContent } from '../../../domain/viewer/seriesInstances';
import type { DerivedContent } from '../derived/derivedContent';
import type { SeriesPlacement } from './imageFacts';

export interface LoadedSeries extends SeriesContent {
  summary: SeriesSummary;
  imageIds: string[];
  /** Where its slices lie and how its images hang (comparison, hanging protocols). */
  placement: SeriesPlacement;
  /** PET: its SUV scaling or why there is none; NM: what each frame shows. */
  nuclear?: NuclearSeries;
}

/** Why a derived object is not drawn (each has its French sentence). */
export type DeclinedProblem = DerivedProblem | 'referenceMissing';

export type SeriesState =
  | { state: 'loading' }
  | { state: 'failed'; error: unknown }
  | { state: 'empty' }
  | { state: 'ready'; series: LoadedSeries }
  /** Every image of it names another patient than the study was opened for. */
  | { state: 'otherPatient' }
  /** A SEG, RTSTRUCT or RTDOSE drawn over the series it lies on (features/viewer/derived). */
  | {
      state: 'overlay';
      kind: DerivedKind;
      /** The derived series itself (the one shown is `series`, which it lies over). */
      seriesInstanceUID: string;
      series: LoadedSeries;
      derived: DerivedContent;
    }
  /** A SEG or RTDOSE whose series is not in the study: drawn alone, on its own geometry. */
  | { state: 'alone'; kind: DerivedKind; seriesInstanceUID: string; derived: DerivedContent }
  /** A derived object that cannot be drawn: its viewport says why. */
  | { state: 'declined'; kind: DerivedKind; problem: DeclinedProblem };

// What a view can be given for a series: its frames once read and handed to Cornerstone,
// or why there is nothing to draw.
import type { DeclinedKind } from '../../../domain/viewer/declinedObjects';
import type { SeriesSummary } from '../../../domain/viewer/firstSeries';
import type { SeriesContent } from '../../../domain/viewer/seriesInstances';
import type { SeriesPlacement } from './imageFacts';

export interface LoadedSeries extends SeriesContent {
  summary: SeriesSummary;
  imageIds: string[];
  /** Where its slices lie and how its images hang (comparison, hanging protocols). */
  placement: SeriesPlacement;
}

export type SeriesState =
  | { state: 'loading' }
  | { state: 'failed'; error: unknown }
  | { state: 'empty' }
  | { state: 'ready'; series: LoadedSeries }
  /** Every image of it names another patient than the study was opened for. */
  | { state: 'otherPatient' }
  /** A segmentation or a dose grid: its viewport says what it is instead of drawing it. */
  | { state: 'declined'; kind: DeclinedKind };

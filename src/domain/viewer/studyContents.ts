// What a study holds decides what the viewer opens: its images (with the report beside
// them), or — for a study whose only objects are documents, as when a report is sent to
// the DRIMbox apart from its images — the report alone, said plainly, rather than an error.
import { isImageModality, isReportModality } from '../dicom/modalities';
import { seriesToShowFirst, type SeriesSummary } from './firstSeries';

export type StudyContents<T extends SeriesSummary> =
  /** At least one image series: the viewer opens on `first`. */
  | { kind: 'images'; first: T }
  /** No image, but series that can hold a report (encapsulated PDF/CDA, SR). */
  | { kind: 'reportsOnly'; reportSeries: T[] }
  /** Neither (key-object selections, presentation states… alone): nothing to show. */
  | { kind: 'nothingToShow' };

export function studyContents<T extends SeriesSummary>(series: readonly T[]): StudyContents<T> {
  const first = seriesToShowFirst(series);
  if (first) return { kind: 'images', first };
  const reportSeries = series.filter(
    (s) => !isImageModality(s.modality) && isReportModality(s.modality),
  );
  return reportSeries.length > 0
    ? { kind: 'reportsOnly', reportSeries }
    : { kind: 'nothingToShow' };
}

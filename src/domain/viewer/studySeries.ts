// A study's series as one source listed them, read the one way both the browser
// (features/viewer/api/openStudy.ts) and the gateway (server/launch/claimLookup.ts, which
// asks ahead at a launch's claim) read them: rows parsed, sorted by person
// (seriesByPatient.ts), a series UID listed twice merged (repeatedSeries.ts). And the first
// image's preview request as the viewer will compute it from the first series' metadata
// (firstImagePreview.ts), so that what the gateway asked ahead can be told equal or not.
import { num, type DicomDataset } from '../dicom/dicomJson';
import { parseSeriesItem } from '../dicom/studyRecords';
import { TAG } from '../dicom/tags';
import type { PatientIdentifier } from '../identity/patientIdentifier';
import type { SeriesSummary } from './firstSeries';
import { firstImagePreview, type PreviewRequest } from './firstImagePreview';
import { keepPatientInstances } from './instancesOfPatient';
import { lostNumberTags, mendSeparators } from './misreadSeparators';
import { mergeRepeatedSeries } from './repeatedSeries';
import { seriesByPatient, type SeriesRow, type SeriesSplit } from './seriesByPatient';
import { readSeries } from './seriesInstances';

/**
 * What a launch's claim brings of what the viewer asks first (docs/CONTRACTS.md), written by
 * the gateway (server/launch/claimLookup.ts) and kept by the page (lib/api/studyAhead.ts).
 */
export interface StudyAhead {
  /** The source's answer to the viewer's series search, as it came (checked by the viewer). */
  series?: { sourceId: string; datasets: DicomDataset[] };
  /** The series the viewer opens first, and its first image's preview request. */
  first?: { seriesInstanceUID: string; preview: PreviewRequest | null };
}

/** Orthanc's DICOMweb answers these at series level when asked (verified against 1.7). */
export const SERIES_PATIENT_FIELDS: readonly string[] = [
  TAG.PatientName,
  TAG.PatientID,
  TAG.IssuerOfPatientID,
  TAG.PatientBirthDate,
  TAG.OtherPatientIDsSequence,
];

/**
 * The series a source listed, split by person; null when it listed none that can be read
 * (the next source may hold the study). An opened split's series are merged by UID.
 */
export function readStudySeries(
  items: readonly DicomDataset[],
  opts: { patient?: readonly PatientIdentifier[]; mayChoose: boolean },
): SeriesSplit<SeriesSummary> | null {
  const rows = items.flatMap((ds): SeriesRow<SeriesSummary>[] => {
    const s = parseSeriesItem(ds);
    if (!s) return [];
    const series = {
      seriesInstanceUID: s.seriesInstanceUID,
      modality: s.modality,
      description: s.description,
      numberOfInstances: s.numberOfInstances,
      seriesNumber: num(ds, TAG.SeriesNumber),
    };
    return [{ series, dataset: ds }];
  });
  if (rows.length === 0) return null;
  const split = seriesByPatient(rows, {
    ...(opts.patient ? { patient: opts.patient } : {}),
    mayChoose: opts.mayChoose,
  });
  // A source may list one series UID twice (repeatedSeries.ts).
  return split.kind === 'open' ? { ...split, series: mergeRepeatedSeries(split.series) } : split;
}

/** The preview request of a series' first image, from its metadata held to the patient. */
export function previewOfInstances(instances: readonly DicomDataset[]): PreviewRequest | null {
  const content = readSeries(instances);
  return content ? firstImagePreview(instances, content) : null;
}

/**
 * The preview request the viewer will compute once it has the series' metadata, from the
 * metadata as the source answered it: mended and held to the patient as the viewer does
 * (fetchSeriesMetadata.ts, seriesMetadataQuery.ts). Null when it cannot be known from the
 * metadata alone — numbers the viewer reads back from the files may change the first image
 * or its window.
 */
export function previewAheadOf(
  metadata: readonly DicomDataset[],
  patient: readonly PatientIdentifier[] | undefined,
): PreviewRequest | null {
  const mended = metadata.map((ds) => mendSeparators(ds) as DicomDataset);
  const { kept } = keepPatientInstances(mended, patient);
  if (kept.some((ds) => lostNumberTags(ds).length > 0)) return null;
  return previewOfInstances(kept);
}

/** The very same image, frame and rendering. */
export function samePreview(a: PreviewRequest, b: PreviewRequest): boolean {
  return a.sopInstanceUID === b.sopInstanceUID && a.frame === b.frame && a.query === b.query;
}

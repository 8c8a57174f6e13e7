// The study's report objects, asked of the source through the gateway: its series first
// (cheap), then the instances of the few DOC/SR series — never the image series, which can
// hold a thousand instances.
import {
  REPORT_INCLUDE_FIELDS,
  newestFirst,
  reportObjectsOf,
  reportSeriesUids,
  type ReportObject,
} from '../../../domain/reports/reportObjects';
import { TAG } from '../../../domain/dicom/tags';
import type { PatientIdentifier } from '../../../domain/identity/patientIdentifier';
import { surelyAnotherPerson } from '../../../domain/identity/distinctPersons';
import { identifiersOf } from '../../../domain/identity/identifiersOf';
import { gateway } from '../../../lib/api/gatewayClient';
import { sourcePath } from '../../../lib/api/sourcePath';

export const REPORT_SEARCH_TIMEOUT_MS = 20_000;

export interface StudyRef {
  sourceId: string;
  studyInstanceUID: string;
  /** Only these series are the patient's (seriesByPatient.ts); absent: every series. */
  seriesUIDs?: readonly string[] | undefined;
  /** Whom the study was opened for: a report naming another INS is not shown. */
  patient?: readonly PatientIdentifier[] | undefined;
}

/** What a report instance says of its patient, to hold it to the one the study is for. */
const PATIENT_FIELDS = [TAG.PatientID, TAG.IssuerOfPatientID, TAG.OtherPatientIDsSequence];

export async function findStudyReports(
  study: StudyRef,
  signal?: AbortSignal,
): Promise<ReportObject[]> {
  const { sourceId, studyInstanceUID: uid } = study;
  const within = { timeoutMs: REPORT_SEARCH_TIMEOUT_MS, ...(signal ? { signal } : {}) };
  // Modality is a required return key of a series search: no field to name.
  const series = await gateway.dicomJson(sourcePath(sourceId, `studies/${uid}/series`), within);
  const allowed = study.seriesUIDs ? new Set(study.seriesUIDs) : null;
  const perSeries = await Promise.all(
    reportSeriesUids(series)
      .filter((seriesUid) => allowed === null || allowed.has(seriesUid))
      .map(async (seriesUid) => {
        const path = sourcePath(sourceId, `studies/${uid}/series/${seriesUid}/instances`);
        // URLSearchParams keeps one value per key: the fields go as one comma-separated list,
        // which QIDO-RS accepts (PS3.18 8.3.4.3).
        const instances = await gateway.dicomJson(path, {
          query: { includefield: [...REPORT_INCLUDE_FIELDS, ...PATIENT_FIELDS].join(',') },
          ...within,
        });
        // A search answers PatientID and its issuer, not always Other Patient IDs: a report
        // is left out only when it surely names someone else (another INS), not when its
        // site's own number is all it shows.
        const theirs = instances.filter(
          (ds) => !surelyAnotherPerson(identifiersOf(ds), study.patient ?? []),
        );
        return reportObjectsOf(seriesUid, theirs);
      }),
  );
  return newestFirst(perSeries.flat());
}

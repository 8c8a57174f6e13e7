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
import { fetchDicomJson, sourcePath } from '../../../lib/dicomweb';

export const REPORT_SEARCH_TIMEOUT_MS = 20_000;

export interface StudyRef {
  sourceId: string;
  studyInstanceUID: string;
  accessToken: string;
}

export async function findStudyReports(
  study: StudyRef,
  signal?: AbortSignal,
): Promise<ReportObject[]> {
  const { sourceId, studyInstanceUID: uid, accessToken } = study;
  const series = await fetchDicomJson({
    // Modality is a required return key of a series search: no field to name.
    path: sourcePath(sourceId, `studies/${uid}/series`),
    accessToken,
    timeoutMs: REPORT_SEARCH_TIMEOUT_MS,
    signal,
  });
  const perSeries = await Promise.all(
    reportSeriesUids(series).map(async (seriesUid) => {
      const path = sourcePath(sourceId, `studies/${uid}/series/${seriesUid}/instances`);
      // URLSearchParams keeps one value per key: the fields go as one comma-separated list,
      // which QIDO-RS accepts (PS3.18 8.3.4.3).
      const instances = await fetchDicomJson({
        path,
        query: { includefield: REPORT_INCLUDE_FIELDS.join(',') },
        accessToken,
        timeoutMs: REPORT_SEARCH_TIMEOUT_MS,
        signal,
      });
      return reportObjectsOf(seriesUid, instances);
    }),
  );
  return newestFirst(perSeries.flat());
}

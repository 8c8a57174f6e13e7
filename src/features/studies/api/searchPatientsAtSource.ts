// Finding a patient at one source: the QIDO studies query of buildPatientSearchQuery, whose
// items carry the patient's identifiers and demographics for matchPatients.
import { isDataset } from '../../../domain/dicom/dicomJson';
import type { DicomDataset } from '../../../domain/dicom/dicomJson';
import { buildPatientSearchQuery } from '../../../domain/federation/buildStudyQuery';
import type { PatientSearch } from '../../../domain/federation/buildStudyQuery';
import type { PublicSource } from '../../../domain/publicConfig';
import { fetchDicomJson, sourcePath } from '../../../lib/dicomweb';

const GATEWAY_ANSWER_MARGIN_MS = 3_000;

export async function searchPatientsAtSource(options: {
  source: PublicSource;
  search: PatientSearch;
  accessToken: string;
  signal?: AbortSignal;
}): Promise<DicomDataset[]> {
  const { source } = options;
  const params = buildPatientSearchQuery(source, options.search);
  if (params === null) return [];
  const items = await fetchDicomJson({
    path: sourcePath(source.id, 'studies'),
    query: Object.fromEntries(params),
    accessToken: options.accessToken,
    timeoutMs: source.timeoutMs + GATEWAY_ANSWER_MARGIN_MS,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return items.filter(isDataset);
}

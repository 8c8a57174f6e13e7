import type { PatientKey } from '../../../domain/probePatient';
import type { PublicSource } from '../../../domain/publicConfig';
import { fetchDicomJson, sourcePath } from '../../../lib/dicomweb';

// The gateway times the source out after `timeoutMs` and answers 504 with a reason; the
// browser waits a little longer so that answer, not a bare abort, is what the user sees.
const GATEWAY_ANSWER_MARGIN_MS = 3_000;

export interface StudyCount {
  count: number;
  /** The source stopped at its limit: there may be more. */
  atLimit: boolean;
}

/** QIDO-RS studies of one patient, by (issuer, id) pair: a local id alone is ambiguous. */
export async function countStudiesAtSource(options: {
  source: PublicSource;
  patient: PatientKey;
  accessToken: string;
  signal?: AbortSignal;
}): Promise<StudyCount> {
  const { source, patient } = options;
  const studies = await fetchDicomJson({
    path: sourcePath(source.id, 'studies'),
    query: {
      PatientID: patient.id,
      IssuerOfPatientID: patient.issuer,
      limit: source.qido.maxResults,
    },
    accessToken: options.accessToken,
    timeoutMs: source.timeoutMs + GATEWAY_ANSWER_MARGIN_MS,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return { count: studies.length, atLimit: studies.length >= source.qido.maxResults };
}

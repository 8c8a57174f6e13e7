// How many studies a source holds for the probe patient: what the home page shows to say
// the source is up (or why it is not).
import { queryOptions, skipToken, useQuery } from '@tanstack/react-query';
import type { PatientKey } from '../../../domain/probePatient';
import type { PublicSource } from '../../../domain/publicConfig';
import { gateway } from '../../../lib/api/gatewayClient';
import { sourcePath } from '../../../lib/api/sourcePath';
import { useAuth } from '../../../lib/auth/useAuth';
import { sourcesKeys } from './sourcesKeys';

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
  signal?: AbortSignal;
}): Promise<StudyCount> {
  const { source, patient } = options;
  const studies = await gateway.dicomJson(sourcePath(source.id, 'studies'), {
    query: {
      PatientID: patient.id,
      IssuerOfPatientID: patient.issuer,
      limit: source.qido.maxResults,
    },
    timeoutMs: source.timeoutMs + GATEWAY_ANSWER_MARGIN_MS,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return { count: studies.length, atLimit: studies.length >= source.qido.maxResults };
}

/** No probe patient, no request. */
export function studyCountQueryOptions(source: PublicSource, patient: PatientKey | null) {
  return queryOptions({
    queryKey: sourcesKeys.studyCount(source.id, patient),
    queryFn: patient
      ? ({ signal }) => countStudiesAtSource({ source, patient, signal })
      : skipToken,
  });
}

export function useStudyCount(source: PublicSource, patient: PatientKey | null) {
  const { status } = useAuth();
  return useQuery({ ...studyCountQueryOptions(source, patient), enabled: status === 'signedIn' });
}

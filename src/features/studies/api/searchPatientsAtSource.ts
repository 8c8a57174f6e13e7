// Finding a patient at every source at once: the QIDO studies query of
// buildPatientSearchQuery, whose items carry the patient's identifiers and demographics for
// matchPatients.
import { queryOptions, skipToken, useQueries } from '@tanstack/react-query';
import { isDataset } from '../../../domain/dicom/dicomJson';
import type { DicomDataset } from '../../../domain/dicom/dicomJson';
import { buildPatientSearchQuery } from '../../../domain/federation/buildStudyQuery';
import type { PatientSearch } from '../../../domain/federation/buildStudyQuery';
import type { PublicSource } from '../../../domain/publicConfig';
import { gateway } from '../../../lib/api/gatewayClient';
import { sourcePath } from '../../../lib/api/sourcePath';
import { useAuth } from '../../../lib/auth/useAuth';
import { studiesKeys } from './studiesKeys';

const GATEWAY_ANSWER_MARGIN_MS = 3_000;

export async function searchPatientsAtSource(options: {
  source: PublicSource;
  search: PatientSearch;
  signal?: AbortSignal;
}): Promise<DicomDataset[]> {
  const { source } = options;
  const params = buildPatientSearchQuery(source, options.search);
  if (params === null) return [];
  const items = await gateway.dicomJson(sourcePath(source.id, 'studies'), {
    query: params,
    timeoutMs: source.timeoutMs + GATEWAY_ANSWER_MARGIN_MS,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return items.filter(isDataset);
}

/**
 * Whether this source can answer this search at all. A consent-gated source opens per
 * patient, named by an identifier with its issuer (server/dicomweb/accessPolicy.ts): a name
 * and birth date name no one it could check a consent for, so it is not asked — and the
 * page says the same thing as for an INS search it refuses: consent needed.
 */
export function searchableAt(source: PublicSource, search: PatientSearch | null): boolean {
  return !(search?.by === 'name' && source.kind === 'regional');
}

/** No search yet (or none this source can answer), no request. */
export function patientSearchQueryOptions(source: PublicSource, search: PatientSearch | null) {
  return queryOptions({
    queryKey: studiesKeys.patientSearch(source.id, search),
    queryFn:
      search && searchableAt(source, search)
        ? ({ signal }) => searchPatientsAtSource({ source, search, signal })
        : skipToken,
    // A new search of the same patient minutes later should see new arrivals.
    staleTime: 0,
  });
}

/** Every source's answer to this search, in the order of `sources`. */
export function usePatientSearchAtSources(
  sources: readonly PublicSource[],
  search: PatientSearch | null,
) {
  const { status } = useAuth();
  return useQueries({
    queries: sources.map((source) => ({
      ...patientSearchQueryOptions(source, search),
      enabled: status === 'signedIn',
    })),
  });
}

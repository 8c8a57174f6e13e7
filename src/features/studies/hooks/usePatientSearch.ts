// A patient search sent to every source at once; the patients found are the clusters of
// matchPatients over every answer so far, so one patient known at three sites is one result.
import { useQueries } from '@tanstack/react-query';
import type { PatientSearch } from '../../../domain/federation/buildStudyQuery';
import { statusOfFailure } from '../../../domain/federation/failureStatus';
import { FAILURE_MESSAGES } from '../../../domain/federation/sourceStatus';
import type { SourceStatus } from '../../../domain/federation/sourceStatus';
import { matchPatients } from '../../../domain/identity/matchPatients';
import type { PatientCluster, PatientRecordInput } from '../../../domain/identity/matchPatients';
import type { PublicSource } from '../../../domain/publicConfig';
import { DicomwebError } from '../../../lib/dicomweb';
import { searchPatientsAtSource } from '../api/searchPatientsAtSource';

export interface PatientSearchState {
  sources: { source: PublicSource; status: SourceStatus }[];
  patients: { cluster: PatientCluster; records: PatientRecordInput[] }[];
  searching: boolean;
}

export function usePatientSearch(
  sources: readonly PublicSource[],
  search: PatientSearch | null,
  accessToken: string | null,
): PatientSearchState {
  const queries = useQueries({
    queries: sources.map((source) => ({
      queryKey: ['patient-search', source.id, search],
      queryFn: ({ signal }: { signal: AbortSignal }) => {
        if (!search || !accessToken) throw new Error('nothing to search');
        return searchPatientsAtSource({ source, search, accessToken, signal });
      },
      enabled: search !== null && accessToken !== null,
      // A new search of the same patient minutes later should see new arrivals.
      staleTime: 0,
    })),
  });

  const states = sources.map((source, i) => {
    const q = queries[i];
    let status: SourceStatus;
    if (!q || search === null) status = { kind: 'idle' };
    else if (q.isFetching || q.isPending) status = { kind: 'loading', attempt: 1 };
    else if (q.isError) {
      status =
        q.error instanceof DicomwebError
          ? statusOfFailure(source.kind, q.error.failure, 1)
          : { kind: 'failed', reason: 'unknown', message: FAILURE_MESSAGES.unknown, attempt: 1 };
    } else status = { kind: 'loaded', count: q.data.length, limitReached: false };
    return { source, status };
  });

  const records: PatientRecordInput[] = sources.flatMap((source, i) =>
    (queries[i]?.data ?? []).map((dataset) => ({ sourceId: source.id, dataset })),
  );
  const patients = matchPatients(records).map((cluster) => ({
    cluster,
    records: cluster.records.map((i) => records[i]).filter((r) => r !== undefined),
  }));

  return {
    sources: states,
    patients,
    searching: states.some((s) => s.status.kind === 'loading'),
  };
}

// A patient search sent to every source at once; the patients found are the clusters of
// matchPatients over every answer so far, so one patient known at three sites is one result.
import type { PatientSearch } from '../../../domain/federation/buildStudyQuery';
import { statusOfFailure } from '../../../domain/federation/sourceStatus';
import type { SourceStatus } from '../../../domain/federation/sourceStatus';
import { matchPatients } from '../../../domain/identity/matchPatients';
import type { PatientCluster, PatientRecordInput } from '../../../domain/identity/matchPatients';
import type { PublicSource } from '../../../domain/publicConfig';
import { GatewayError } from '../../../lib/api/gatewayError';
import { searchableAt, usePatientSearchAtSources } from '../api/searchPatientsAtSource';

export interface PatientSearchState {
  sources: { source: PublicSource; status: SourceStatus }[];
  patients: { cluster: PatientCluster; records: PatientRecordInput[] }[];
  searching: boolean;
}

export function usePatientSearch(
  sources: readonly PublicSource[],
  search: PatientSearch | null,
): PatientSearchState {
  const queries = usePatientSearchAtSources(sources, search);

  const states = sources.map((source, i) => {
    const q = queries[i];
    let status: SourceStatus;
    if (!q || search === null) status = { kind: 'idle' };
    else if (!searchableAt(source, search)) status = { kind: 'consentNeeded' };
    else if (q.isFetching || q.isPending) status = { kind: 'loading', attempt: 1 };
    else if (q.isError) {
      const reason = q.error instanceof GatewayError ? q.error.reason : 'sourceError';
      status = statusOfFailure(source.kind, reason, 1);
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

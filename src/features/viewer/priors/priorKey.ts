// A prior opens like any study: through a key the gateway seals for this user (docs/
// CONTRACTS.md § Opaque keys), the value openStudy reads — its UID, the sources holding it
// (the one whose copy won the merge first) and the patient the viewer was opened for, whose
// series and images alone it will show. Sealed once per prior and page (a query), so the
// proposed prior's key is ready before « Comparer » is clicked; sealing asks no source.
import { queryOptions } from '@tanstack/react-query';
import type { MergedStudy } from '../../../domain/federation/mergeStudies';
import type { PatientIdentifier } from '../../../domain/identity/patientIdentifier';
import { sealKey } from '../../../lib/api/opaqueKeys';

export function priorKeyValue(prior: MergedStudy, patient: readonly PatientIdentifier[]) {
  return {
    studyInstanceUID: prior.studyInstanceUID,
    sourceIds: [prior.preferredSource, ...prior.sources.filter((s) => s !== prior.preferredSource)],
    patient: { identifiers: patient },
  };
}

export function priorKeyQuery(prior: MergedStudy, patient: readonly PatientIdentifier[]) {
  const value = priorKeyValue(prior, patient);
  return queryOptions({
    // What is sealed names the query; it stays in memory like every query.
    queryKey: ['viewer', 'priorKey', value] as const,
    queryFn: ({ signal }) => sealKey('study', value, { signal }),
    staleTime: Infinity,
    retry: 1,
  });
}

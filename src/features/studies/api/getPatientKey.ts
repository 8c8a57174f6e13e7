// The patient a list's URL key stands for, unsealed by the gateway (memory only, kept for
// the session: a key's value never changes).
import { queryOptions, useQuery } from '@tanstack/react-query';
import { parsePatientKeyValue } from '../../../domain/federation/patientKeyValue';
import type { PatientKeyValue } from '../../../domain/federation/patientKeyValue';
import { unsealKey } from '../../../lib/api/opaqueKeys';
import { useAuth } from '../../../lib/auth/useAuth';
import { studiesKeys } from './studiesKeys';

/** The patient, or null when the key holds no valid patient. */
export async function getPatientKey(
  key: string,
  signal?: AbortSignal,
): Promise<PatientKeyValue | null> {
  return parsePatientKeyValue(await unsealKey(key, 'patient', signal ? { signal } : {}));
}

export function patientKeyQueryOptions(key: string) {
  return queryOptions({
    queryKey: studiesKeys.patientKey(key),
    queryFn: ({ signal }) => getPatientKey(key, signal),
    staleTime: Infinity,
    retry: false,
  });
}

export function usePatientKey(key: string) {
  const { status } = useAuth();
  return useQuery({
    ...patientKeyQueryOptions(key),
    enabled: status === 'signedIn' && key !== '',
  });
}

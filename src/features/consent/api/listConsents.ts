// The consents the gateway holds: a patient's own (« Mes accès »), or those covering the
// patient a professional's list is about (to show until when, and to withdraw it).
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { PatientIdentifier } from '../../../domain/identity/patientIdentifier';
import { gateway } from '../../../lib/api/gatewayClient';
import { useAuth } from '../../../lib/auth/useAuth';
import { consentKeys } from './consentKeys';
import { summaryOf, type ConsentSummary } from './consentSummary';
import { entries, FHIR_JSON } from './fhirJson';

/** Consents of these identifiers (all of them when none is given: a patient's own). */
export async function listConsents(
  patients: readonly PatientIdentifier[] = [],
  signal?: AbortSignal,
): Promise<ConsentSummary[]> {
  const bundle = await gateway.json('/api/fhir/Consent', {
    ...(patients.length > 0
      ? { query: { patient: patients.map((p) => `urn:oid:${p.issuer}|${p.id}`).join(',') } }
      : {}),
    accept: FHIR_JSON,
    ...(signal ? { signal } : {}),
  });
  return entries(bundle).flatMap((r) => summaryOf(r) ?? []);
}

export function myConsentsQueryOptions() {
  return queryOptions({
    queryKey: consentKeys.mine(),
    queryFn: ({ signal }) => listConsents([], signal),
  });
}

/** A patient's own consents; nothing is asked for anyone else. */
export function useMyConsents() {
  const { status, principal } = useAuth();
  return useQuery({
    ...myConsentsQueryOptions(),
    enabled: status === 'signedIn' && principal?.role === 'patient',
  });
}

/** The active (unexpired) consent covering these identifiers, or null. */
export function activeConsentQueryOptions(patients: readonly PatientIdentifier[]) {
  return queryOptions({
    queryKey: consentKeys.active(patients.map((i) => `${i.issuer}|${i.id}`).join(',')),
    queryFn: async ({ signal }) => {
      const all = await listConsents(patients, signal);
      return all.find((c) => c.status === 'active' && !c.expired) ?? null;
    },
  });
}

/** Asked only when `wanted` (the source answered: a consent or break-the-glass covers it). */
export function useActiveConsent(patients: readonly PatientIdentifier[], wanted: boolean) {
  const { status } = useAuth();
  return useQuery({
    ...activeConsentQueryOptions(patients),
    enabled: wanted && status === 'signedIn' && patients.length > 0,
  });
}

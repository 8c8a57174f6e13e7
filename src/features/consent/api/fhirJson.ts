// The gateway's consent API speaks FHIR R4 JSON (CONTRACTS.md § Consent API): what its
// requests share.
import type { PatientIdentifier } from '../../../domain/identity/patientIdentifier';

export const FHIR_JSON = 'application/fhir+json';

export type Json = Record<string, unknown>;

export const isRecord = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A patient identifier as FHIR writes it. */
export const patientSystem = (p: PatientIdentifier) => ({
  system: `urn:oid:${p.issuer}`,
  value: p.id,
});

/** The resources of a search's Bundle. */
export function entries(bundle: unknown): unknown[] {
  if (!isRecord(bundle) || !Array.isArray(bundle.entry)) return [];
  return bundle.entry.map((e) => (isRecord(e) ? e.resource : undefined));
}

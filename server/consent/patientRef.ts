// A patient as the gateway's consent and trace records name them: one (issuer, identifier)
// pair, the issuer as a FHIR `urn:oid:` system — the INS, or a site's local number for a
// patient without INS. Never a PatientID alone: two sites reuse the same local numbers.
import { z } from 'zod';

export interface PatientRef {
  system: string;
  value: string;
}

const OID = /^[0-2](\.(0|[1-9][0-9]*))+$/;
// Identifier characters only: DICOM wildcards (*, ?) or separators must never become a key.
const VALUE = /^[0-9A-Za-z][0-9A-Za-z._-]{0,63}$/;

export const patientRefSchema = z.strictObject({
  system: z
    .string({ error: 'système d’identifiant attendu (urn:oid:…)' })
    .refine((s) => s.startsWith('urn:oid:') && OID.test(s.slice(8)), {
      message: 'système d’identifiant attendu sous la forme urn:oid:…',
    }),
  value: z
    .string({ error: 'identifiant du patient attendu' })
    .regex(VALUE, 'identifiant du patient invalide (chiffres, lettres, . _ -)'),
});

export const oidSystem = (oid: string): string => `urn:oid:${oid}`;

export function isPatientRef(system: string | undefined, value: string | undefined): boolean {
  return patientRefSchema.safeParse({ system, value }).success;
}

/** From DICOM's (PatientID, IssuerOfPatientID), when both are usable as a key. */
export function patientRefFromDicom(
  id: string | undefined,
  issuerOid: string | undefined,
): PatientRef | null {
  if (id === undefined || issuerOid === undefined || !OID.test(issuerOid)) return null;
  const ref = { system: oidSystem(issuerOid), value: id };
  return isPatientRef(ref.system, ref.value) ? ref : null;
}

/** FHIR token search parameter `system|value`. */
export function parsePatientToken(token: string): PatientRef | null {
  const bar = token.indexOf('|');
  if (bar < 1) return null;
  const ref = { system: token.slice(0, bar), value: token.slice(bar + 1) };
  return isPatientRef(ref.system, ref.value) ? ref : null;
}

export const samePatient = (a: PatientRef, b: PatientRef): boolean =>
  a.system === b.system && a.value === b.value;

// Whom a FHIR search of the consent API or the access trace is about: the `patient`
// parameter (`system|value`, several joined by commas as FHIR's OR), or the patient's own
// identity for a patient asking without it. A patient may name no one else.
import type { FastifyRequest } from 'fastify';
import { principalOf } from '../auth/authenticate';
import type { Principal } from '../auth/principal';
import type { PendingTrace } from '../audit/requestTrace';
import { fhirError } from './operationOutcome';
import { oidSystem, parsePatientToken, samePatient, type PatientRef } from './patientRef';

const MAX_PATIENTS = 10;

export const ownRef = (p: Extract<Principal, { kind: 'patient' }>): PatientRef => ({
  system: oidSystem(p.insOid),
  value: p.ins,
});

/** The patients asked for, also noted as those the request's trace is about. */
export function patientsAsked(request: FastifyRequest, trace: PendingTrace): PatientRef[] {
  const principal = principalOf(request);
  const raw = (request.query as Record<string, unknown>).patient;
  if (raw !== undefined && typeof raw !== 'string') {
    throw fhirError(400, 'bad_request', 'Un seul paramètre « patient » est attendu.');
  }
  if (raw === undefined) {
    if (principal.kind === 'patient') return (trace.patients = [ownRef(principal)]);
    throw fhirError(400, 'bad_request', 'Paramètre « patient » attendu (système|identifiant).');
  }
  const tokens = raw.split(',');
  const refs = tokens.map(parsePatientToken);
  if (tokens.length > MAX_PATIENTS || refs.some((r) => r === null)) {
    throw fhirError(
      400,
      'bad_request',
      'Paramètre « patient » invalide : système|identifiant attendu (par exemple urn:oid:1.2.250.1.213.1.4.10|…).',
    );
  }
  trace.patients = refs as PatientRef[];
  if (
    principal.kind === 'patient' &&
    !trace.patients.every((r) => samePatient(r, ownRef(principal)))
  ) {
    throw fhirError(
      403,
      'forbidden',
      'Votre compte patient ne donne accès qu’à vos propres données.',
    );
  }
  return trace.patients;
}

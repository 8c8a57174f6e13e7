import type { FastifyRequest } from 'fastify';
import { principalOf } from '../auth/authenticate';
import type { Principal } from '../auth/principal';
import { fhirError } from './operationOutcome';

/** The professional asking; a patient is refused with what they tried to do. */
export function professionalOf(
  request: FastifyRequest,
  what: string,
): Extract<Principal, { kind: 'professional' }> {
  const p = principalOf(request);
  if (p.kind !== 'professional') {
    throw fhirError(403, 'forbidden', `Seul un professionnel de santé peut ${what}.`);
  }
  return p;
}

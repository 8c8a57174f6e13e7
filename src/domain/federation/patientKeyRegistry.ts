// The open patient is named in the URL by a random key, and the key → identifiers map
// stays in memory: no INS or local number ever reaches browser history, a server log or a
// shared link. The registry is an immutable value (the UI keeps it in state), and the
// random source is injected so tests are deterministic and the browser can use
// crypto.getRandomValues. A reload forgets the keys: the list then asks for the patient
// again, which is the price of keeping identifiers out of storage.
import { identifierKey } from '../identity/patientIdentifier';
import type { PatientIdentifier } from '../identity/patientIdentifier';
import { isPatientKey } from './urlState';

export interface PatientKeyRegistry {
  readonly byKey: ReadonlyMap<string, readonly PatientIdentifier[]>;
}

export const EMPTY_REGISTRY: PatientKeyRegistry = { byKey: new Map() };

/** Same patient, same key: the identifiers compared as a set. */
function fingerprint(identifiers: readonly PatientIdentifier[]): string {
  return JSON.stringify(identifiers.map(identifierKey).sort());
}

const MAX_ATTEMPTS = 8;

/**
 * The key for this patient (its identifiers, INS first), reusing an existing one.
 * @throws Error when the generator keeps producing unusable or colliding keys — a broken
 *   random source must not quietly reuse another patient's key.
 */
export function registerPatient(
  registry: PatientKeyRegistry,
  identifiers: readonly PatientIdentifier[],
  randomKey: () => string,
): { registry: PatientKeyRegistry; key: string } {
  const fp = fingerprint(identifiers);
  for (const [key, ids] of registry.byKey) {
    if (fingerprint(ids) === fp) return { registry, key };
  }
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const key = randomKey();
    if (!isPatientKey(key) || registry.byKey.has(key)) continue;
    const byKey = new Map(registry.byKey);
    byKey.set(
      key,
      identifiers.map((i) => ({ issuer: i.issuer, id: i.id })),
    );
    return { registry: { byKey }, key };
  }
  throw new Error('patientKeyRegistry: the key generator gives no usable new key');
}

export function identifiersForKey(
  registry: PatientKeyRegistry,
  key: string | null,
): readonly PatientIdentifier[] | undefined {
  return key === null ? undefined : registry.byKey.get(key);
}

/** A URL-safe 128-bit key from any source of random bytes (crypto.getRandomValues in the browser). */
export function randomPatientKey(fillRandom: (bytes: Uint8Array) => void): string {
  const bytes = new Uint8Array(16);
  fillRandom(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

// Compare mode lives in the address: `/study/<key>?compare=<priorKey>[,<priorKey2>]`, each
// prior a sealed study key like the current's (no UID or identifier in the URL). Opening a
// comparison is a new history entry, so Back leaves compare mode; a bookmark reopens it.
// The value came through a URL a user can edit: what cannot be a key is dropped.

export const COMPARE_PARAM = 'compare';

/** At most two priors beside the current study (a 1×3 comparison). */
export const MAX_PRIORS = 2;

/** Sealed keys are base64url (server/keys/opaqueKeys.ts); anything else is no key. */
const KEY = /^[A-Za-z0-9_-]{16,512}$/;

/** The prior keys the address names, in order, without repeats or the current's own key. */
export function priorKeysOf(value: string | null, currentKey: string): string[] {
  if (!value) return [];
  const keys: string[] = [];
  for (const part of value.split(',')) {
    const key = part.trim();
    if (!KEY.test(key) || key === currentKey || keys.includes(key)) continue;
    keys.push(key);
    if (keys.length === MAX_PRIORS) break;
  }
  return keys;
}

/** The parameter's value for these priors; null when none (the parameter goes). */
export function compareValue(keys: readonly string[]): string | null {
  const kept = keys.slice(0, MAX_PRIORS);
  return kept.length > 0 ? kept.join(',') : null;
}

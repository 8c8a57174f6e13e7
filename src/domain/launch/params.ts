// The shapes a launch's parameters arrive in — URLSearchParams in the browser, a parsed
// query string or form body (plain object, arrays for repeats) in the gateway — brought to
// one list of pairs, so repeats stay visible: a repeated parameter is ambiguous, and taking
// the first or the last would let whoever appends to a link choose the patient.

import { echo, hasControlCharacter, launchError, type LaunchError } from './launchError';

export type LaunchParams =
  | URLSearchParams
  | Iterable<readonly [string, string]>
  | Readonly<Record<string, string | readonly string[] | undefined>>;

export function toPairs(params: LaunchParams): Array<readonly [string, string]> {
  if (Symbol.iterator in params) return Array.from(params as Iterable<readonly [string, string]>);
  const pairs: Array<readonly [string, string]> = [];
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    if (typeof value === 'string') pairs.push([name, value]);
    else for (const v of value) pairs.push([name, v]);
  }
  return pairs;
}

/** Longest value looked at; 50 UIDs of 64 characters and their commas fit. */
export const MAX_VALUE_LENGTH = 4096;
/** Most items accepted in one comma-separated list. */
export const MAX_LIST_ITEMS = 50;
/** Unknown parameter names kept for the `ignored` report; a hostile link could send thousands. */
export const MAX_IGNORED_REPORTED = 20;

export interface Collected {
  /** Known parameters, by canonical name: every value received, in order. */
  values: Map<string, string[]>;
  /** Canonical name → the spelling(s) actually used, for messages. */
  spellings: Map<string, string[]>;
  ignored: string[];
}

/**
 * Sorts pairs into known parameters (through `canonicalName`) and ignored ones. Unknown
 * names are reported, truncated and capped, never interpreted.
 */
export function collect(
  pairs: ReadonlyArray<readonly [string, string]>,
  canonicalName: (name: string) => string | undefined,
): Collected {
  const values = new Map<string, string[]>();
  const spellings = new Map<string, string[]>();
  const ignored: string[] = [];
  for (const [name, value] of pairs) {
    const canonical = canonicalName(name);
    if (canonical === undefined) {
      const shown = echo(name);
      if (ignored.length < MAX_IGNORED_REPORTED && !ignored.includes(shown)) ignored.push(shown);
      continue;
    }
    values.set(canonical, [...(values.get(canonical) ?? []), value]);
    const used = spellings.get(canonical) ?? [];
    if (!used.includes(name)) spellings.set(canonical, [...used, name]);
  }
  return { values, spellings, ignored };
}

export type Single =
  { kind: 'absent' } | { kind: 'value'; value: string } | { kind: 'error'; error: LaunchError };

/**
 * The one value of a parameter, trimmed. Blank counts as absent: generators often emit
 * `name=` for a field they have no value for, and its meaning is unambiguous.
 */
export function single(collected: Collected, name: string): Single {
  const received = collected.values.get(name);
  if (received === undefined) return { kind: 'absent' };
  if (received.length > 1) {
    const used = (collected.spellings.get(name) ?? [name]).map(echo).join(' / ');
    return {
      kind: 'error',
      error: launchError(
        'ambiguous_parameter',
        name,
        `Le paramètre « ${used} » est présent ${received.length} fois : impossible de savoir quelle valeur retenir. Le lien doit le contenir une seule fois ; signalez-le à l’éditeur du logiciel qui l’a fabriqué.`,
        `Parameter "${used}" appears ${received.length} times, so no value can be trusted. It must appear once; report it to the vendor of the calling software.`,
      ),
    };
  }
  const value = (received[0] ?? '').trim();
  if (value === '') return { kind: 'absent' };
  if (value.length > MAX_VALUE_LENGTH) {
    return {
      kind: 'error',
      error: launchError(
        'invalid_parameter',
        name,
        `La valeur du paramètre « ${name} » est anormalement longue (${value.length} caractères) : le lien est probablement corrompu. Relancez l’ouverture depuis votre logiciel.`,
        `Parameter "${name}" is abnormally long (${value.length} characters); the link is probably corrupted.`,
      ),
    };
  }
  if (hasControlCharacter(value)) {
    return {
      kind: 'error',
      error: launchError(
        'invalid_parameter',
        name,
        `La valeur du paramètre « ${name} » contient des caractères invisibles non autorisés : le lien est probablement corrompu. Relancez l’ouverture depuis votre logiciel.`,
        `Parameter "${name}" contains control characters; the link is probably corrupted.`,
      ),
    };
  }
  return { kind: 'value', value };
}

export type ListResult = { ok: true; items: string[] } | { ok: false; errors: LaunchError[] };

/**
 * A comma-separated list: items trimmed, duplicates dropped (first occurrence keeps its
 * place), empty items refused — `a,,b` is a truncated link more often than a style choice.
 */
export function splitList(
  name: string,
  value: string,
  check: (item: string) => LaunchError | undefined,
): ListResult {
  const raw = value.split(',').map((item) => item.trim());
  // Counted before any item is checked, so a huge list costs nothing more than its split.
  const distinct = new Set(raw.filter((item) => item !== '')).size;
  if (distinct > MAX_LIST_ITEMS) {
    return {
      ok: false,
      errors: [
        launchError(
          'too_many_values',
          name,
          `Le paramètre « ${name} » contient ${distinct} valeurs ; au plus ${MAX_LIST_ITEMS} sont acceptées en une fois. Ouvrez les examens en plusieurs fois ou demandez à l’éditeur de votre logiciel de limiter la liste.`,
          `Parameter "${name}" has ${distinct} values; at most ${MAX_LIST_ITEMS} are accepted.`,
        ),
      ],
    };
  }
  const errors: LaunchError[] = [];
  if (raw.includes('')) {
    errors.push(
      launchError(
        'invalid_parameter',
        name,
        `La liste « ${name} » contient un élément vide (virgule en trop) : le lien est incomplet. Signalez-le à l’éditeur du logiciel qui l’a fabriqué.`,
        `List "${name}" has an empty item (stray comma); the link is incomplete.`,
      ),
    );
  }
  const items: string[] = [];
  const seen = new Set<string>();
  let badItems = 0;
  for (const item of raw) {
    if (item === '' || seen.has(item)) continue;
    seen.add(item);
    const problem = check(item);
    if (!problem) items.push(item);
    // One message per bad item reads well up to a few; beyond that it is noise.
    else if (++badItems <= MAX_ITEM_ERRORS) errors.push(problem);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, items };
}

const MAX_ITEM_ERRORS = 5;

// HL7 v2 CX, the form IHE IID gives `patientID`: `ID^^^&OID&ISO` (or `ID^^^NS&OID&ISO`).
// Patients are matched on (issuer, id) pairs only — two DRIMboxes reuse the same local
// numbers — so an identifier without an OID issuer is refused, never guessed.
//
// Encoding: the URL layer has already percent-decoded the value once. Some DPIs encode it
// twice (`%5E%5E%5E%26…` arrives still encoded); that is tolerated once, reported through
// `doubleEncoded` so the gateway can log it, because the intent is unambiguous and no real
// identifier contains `%5E` or `%26`. A third layer is refused.

import { echo, hasControlCharacter, launchError, type LaunchError } from './launchError';
import { ID_PROBLEM_EN, ID_PROBLEM_FR, idProblem, isOid } from './identifiers';

export interface CxIdentifier {
  /** CX.1, HL7 escapes resolved. */
  id: string;
  /** CX.4.2, the assigning authority's OID. */
  issuer: string;
  /** CX.4.1, the authority's local name, when given. */
  issuerNamespace?: string;
  /** CX.5 (e.g. `NH`, `PI`), when given. */
  identifierTypeCode?: string;
}

export type CxResult =
  { ok: true; value: CxIdentifier; doubleEncoded: boolean } | { ok: false; error: LaunchError };

const ENCODED_DELIMITER = /%(5e|26|5c|7e)/i;
const ENCODED_TWICE_OVER = /%25(5e|26|5c|7e)/i;
/** CX has ten components in HL7 v2.5+; more means this is not a CX at all. */
const MAX_COMPONENTS = 10;

// A Map so that `\toString\` is an unknown escape, not a lookup on Object.prototype.
const ESCAPES: ReadonlyMap<string, string> = new Map([
  ['F', '|'],
  ['S', '^'],
  ['T', '&'],
  ['R', '~'],
  ['E', '\\'],
]);

/** Resolves `\F\ \S\ \T\ \R\ \E\`; any other escape (or a lone `\`) makes it unreadable. */
export function unescapeHl7(value: string): string | undefined {
  let out = '';
  let i = 0;
  while (i < value.length) {
    const ch = value[i] ?? '';
    if (ch !== '\\') {
      out += ch;
      i += 1;
      continue;
    }
    const end = value.indexOf('\\', i + 1);
    const replacement = end === -1 ? undefined : ESCAPES.get(value.slice(i + 1, end));
    if (replacement === undefined) return undefined;
    out += replacement;
    i = end + 1;
  }
  return out;
}

export function parseCx(raw: string, parameter = 'patientID'): CxResult {
  const fail = (
    code: LaunchError['code'],
    fr: string,
    en: string,
    frWithoutValue = fr,
  ): CxResult => ({
    ok: false,
    error: launchError(code, parameter, fr, en, frWithoutValue),
  });
  const malformed = (whatFr: string, whatEn: string, whatFrWithoutValue = whatFr): CxResult => {
    const unreadable = (quoted: string, what: string) =>
      `L’identifiant patient${quoted} transmis par votre logiciel est illisible : ${what}. Il doit avoir la forme IDENTIFIANT^^^&OID&ISO. Signalez-le à l’éditeur de votre logiciel.`;
    return fail(
      'malformed_cx',
      unreadable(` « ${echo(raw)} »`, whatFr),
      `Patient identifier "${echo(raw)}" is not a usable HL7 CX (expected ID^^^&OID&ISO): ${whatEn}.`,
      unreadable('', whatFrWithoutValue),
    );
  };

  let value = raw.trim();
  let doubleEncoded = false;
  if (ENCODED_TWICE_OVER.test(value)) {
    return malformed('il a été encodé plusieurs fois', 'it was URL-encoded more than twice');
  }
  if (ENCODED_DELIMITER.test(value)) {
    try {
      value = decodeURIComponent(value);
    } catch {
      return malformed('son encodage URL est invalide', 'its URL encoding is invalid');
    }
    if (ENCODED_DELIMITER.test(value)) {
      return malformed('il a été encodé plusieurs fois', 'it was URL-encoded more than twice');
    }
    doubleEncoded = true;
  }
  if (value === '') return malformed('il est vide', 'it is empty');
  if (hasControlCharacter(value)) {
    return malformed('il contient des caractères invisibles', 'it contains control characters');
  }
  if (value.includes('~')) {
    return malformed(
      'il contient plusieurs identifiants (~) alors qu’un seul est attendu',
      'it repeats (~) where a single identifier is expected',
    );
  }

  const components = value.split('^');
  if (components.length > MAX_COMPONENTS) {
    return malformed('il a trop de composants (^)', 'it has too many components (^)');
  }
  const id = unescapeHl7(components[0] ?? '')?.trim();
  if (id === undefined) {
    return malformed(
      'une séquence d’échappement (\\…\\) est invalide',
      'it has an invalid HL7 escape',
    );
  }
  const problem = idProblem(id);
  if (problem === 'list') {
    // Not echoed: the value would quote two patients' identifiers on an error page.
    return fail(
      'several_patients',
      `L’identifiant patient transmis par votre logiciel contient une virgule, qui sépare plusieurs valeurs : il désigne donc plusieurs patients, alors qu’un lien doit en désigner un seul. Les images ne peuvent pas être ouvertes. Signalez-le à l’éditeur de votre logiciel.`,
      'The patient identifier holds a comma, which separates values: a link must name exactly one patient.',
    );
  }
  if (problem) {
    return malformed(`l’identifiant ${ID_PROBLEM_FR[problem]}`, `the ID ${ID_PROBLEM_EN[problem]}`);
  }

  const authority = components[3] ?? '';
  const subcomponents = authority.split('&');
  if (subcomponents.length > 3) {
    return malformed(
      'l’autorité d’attribution (4e composant) a trop de parties (&)',
      'CX.4 has too many subcomponents',
    );
  }
  const [namespaceRaw = '', universalIdRaw = '', universalIdTypeRaw = ''] = subcomponents;
  const namespace = unescapeHl7(namespaceRaw)?.trim();
  const universalId = unescapeHl7(universalIdRaw)?.trim();
  const universalIdType = unescapeHl7(universalIdTypeRaw)?.trim();
  if (namespace === undefined || universalId === undefined || universalIdType === undefined) {
    return malformed(
      'une séquence d’échappement (\\…\\) est invalide',
      'it has an invalid HL7 escape',
    );
  }

  if (universalId === '') {
    const named = namespace === '' ? '' : ` (seulement le nom local « ${echo(namespace)} »)`;
    const namedEn = namespace === '' ? '' : ` (only the local name "${echo(namespace)}")`;
    const withoutOid = (quoted: string, named: string) =>
      `L’identifiant patient${quoted} est transmis sans l’OID de l’organisme qui l’a attribué${named}. Sans lui, le même numéro peut désigner des patients différents d’un établissement à l’autre : les images ne peuvent pas être ouvertes. Demandez à l’éditeur de votre logiciel d’envoyer IDENTIFIANT^^^&OID&ISO.`;
    return fail(
      'missing_issuer',
      withoutOid(` « ${echo(id)} »`, named),
      `Patient identifier "${echo(id)}" has no assigning authority OID${namedEn}; IDs are only unique per issuer. Expected ID^^^&OID&ISO.`,
      withoutOid('', namespace === '' ? '' : ' (seulement un nom local)'),
    );
  }
  if (universalIdType !== '' && universalIdType.toUpperCase() !== 'ISO') {
    return malformed(
      `le type d’autorité « ${echo(universalIdType)} » n’est pas pris en charge (seul ISO, c’est-à-dire un OID, l’est)`,
      `universal ID type "${echo(universalIdType)}" is not supported (only ISO)`,
      `le type d’autorité n’est pas pris en charge (seul ISO, c’est-à-dire un OID, l’est)`,
    );
  }
  if (!isOid(universalId)) {
    return malformed(
      `l’autorité « ${echo(universalId)} » n’est pas un OID valide`,
      `authority "${echo(universalId)}" is not a valid OID`,
      `l’autorité n’est pas un OID valide`,
    );
  }

  const cx: CxIdentifier = { id, issuer: universalId };
  if (namespace !== '') cx.issuerNamespace = namespace;
  const typeCode = unescapeHl7(components[4] ?? '')?.trim();
  if (typeCode) cx.identifierTypeCode = typeCode;
  return { ok: true, value: cx, doubleEncoded };
}

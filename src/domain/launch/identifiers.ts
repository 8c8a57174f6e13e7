// Syntax of the identifiers a launch names. They end up as exact-match keys of DICOMweb
// queries, so anything a QIDO server would read as a pattern or a second value is refused
// here rather than widened into a search across patients.

import { hasControlCharacter } from './launchError';

const OID = /^[0-2](\.(0|[1-9][0-9]*))+$/;
const DICOM_UID = /^[0-9]+(\.[0-9]+)*$/;

/** DICOM UI and LO values stop at 64 characters; longer ones never match anything. */
export const MAX_UID_LENGTH = 64;
export const MAX_ID_LENGTH = 64;

export function isOid(value: string): boolean {
  return value.length <= MAX_UID_LENGTH && OID.test(value);
}

export function isStudyUid(value: string): boolean {
  return value.length <= MAX_UID_LENGTH && DICOM_UID.test(value);
}

/** `urn:oid:1.2.3` (FHIR's spelling of a system) or a bare OID, as the bare OID. */
export function oidOfSystem(system: string): string | undefined {
  const bare = /^urn:oid:/i.test(system) ? system.slice('urn:oid:'.length) : system;
  return isOid(bare) ? bare : undefined;
}

export type IdProblem = 'empty' | 'tooLong' | 'control' | 'backslash' | 'list' | 'wildcard';

/**
 * Why a patient ID or accession number cannot be used as an exact DICOM key: `\` separates
 * values in DICOM and QIDO reads `,` as a list (`PatientID=a,b` matches both patients), `*`
 * and `?` are QIDO wildcards — `*` alone would list every patient. A launch names one
 * patient, and each of its exams by one value.
 */
export function idProblem(value: string): IdProblem | undefined {
  if (value === '') return 'empty';
  if (Array.from(value).length > MAX_ID_LENGTH) return 'tooLong';
  if (hasControlCharacter(value)) return 'control';
  // Still percent-encoded (a link encoded twice), they would become the character itself
  // wherever the value is decoded once more on its way to a source.
  if (value.includes('\\') || /%5c/i.test(value)) return 'backslash';
  if (value.includes(',') || /%2c/i.test(value)) return 'list';
  if (/[*?]/.test(value) || /%(2a|3f)/i.test(value)) return 'wildcard';
  return undefined;
}

export const ID_PROBLEM_FR: Readonly<Record<IdProblem, string>> = {
  empty: 'est vide',
  tooLong: `dépasse ${MAX_ID_LENGTH} caractères`,
  control: 'contient des caractères invisibles',
  backslash:
    'contient une barre oblique inverse (\\), qui sépare plusieurs valeurs en DICOM : une seule valeur est attendue',
  list: 'contient une virgule (,), qui sépare plusieurs valeurs : un seul patient ou un seul examen est attendu',
  wildcard:
    'contient un caractère joker (* ou ?), interdit pour désigner un patient ou un examen précis',
};

export const ID_PROBLEM_EN: Readonly<Record<IdProblem, string>> = {
  empty: 'is empty',
  tooLong: `is longer than ${MAX_ID_LENGTH} characters`,
  control: 'contains control characters',
  backslash: 'contains a backslash, which separates values in DICOM: one value is expected',
  list: 'contains a comma, which separates values in a search: one patient or exam is expected',
  wildcard: 'contains a wildcard (* or ?), not allowed for an exact identifier',
};

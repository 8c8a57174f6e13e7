// How a QIDO server may read a value: `*` and `?` as wildcards, and `,` or `\` as separators
// of a list of values ("any of these"). Orthanc's DICOMweb reads `PatientID=A,B` as A or B,
// so a value the gateway takes for one patient can name two unless it is split the same way.

const WILDCARD = /[*?]/;
const SEPARATOR = /[,\\]/;

/** The elements a server may see in `value`, empty ones included. */
export function splitValueList(value: string): string[] {
  return value.split(SEPARATOR);
}

/** One value, matched as it is: no wildcard, no list. */
export function isExactValue(value: string): boolean {
  return !WILDCARD.test(value) && !SEPARATOR.test(value);
}

export function isListValue(value: string): boolean {
  return SEPARATOR.test(value);
}

export function hasWildcard(value: string): boolean {
  return WILDCARD.test(value);
}

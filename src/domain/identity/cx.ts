// Context links (IHE IID patientID, DPI calls) carry the patient as an HL7 v2 CX value,
// `ID^^^&OID&ISO`. Delimiters inside a value are escaped (\F\ | \S\ ^ \T\ & \R\ ~ \E\ \),
// so the value is split on raw delimiters first and unescaped after.
import type { PatientIdentifier } from './patientIdentifier';

const ESCAPES: Readonly<Record<string, string>> = { F: '|', S: '^', T: '&', R: '~', E: '\\' };
const OID = /^[0-2](\.(0|[1-9][0-9]*))+$/;
/** A CX in a URL has no business being longer; refusing early bounds the work on hostile input. */
const MAX_LENGTH = 1024;

export function hl7Unescape(value: string): string {
  return value.replace(/\\([FSTRE])\\/g, (_, c: string) => ESCAPES[c] ?? '');
}

export function hl7Escape(value: string): string {
  return value
    .replace(/\\/g, '\\E\\')
    .replace(/\|/g, '\\F\\')
    .replace(/\^/g, '\\S\\')
    .replace(/&/g, '\\T\\')
    .replace(/~/g, '\\R\\');
}

/**
 * The identifier in a CX value: the ID (component 1) and its assigning authority
 * (component 4: universal id if present, else namespace id). The first repetition only.
 * Null when there is no ID.
 */
export function parseCx(cx: string): PatientIdentifier | null {
  if (cx.length > MAX_LENGTH) return null;
  const [first = ''] = cx.split('~');
  const components = first.split('^');
  const id = hl7Unescape(components[0] ?? '').trim();
  if (id === '') return null;
  const [namespace = '', universalId = ''] = (components[3] ?? '').split('&');
  const issuer = hl7Unescape(universalId).trim() || hl7Unescape(namespace).trim();
  return { id, issuer };
}

/** `ID^^^&OID&ISO` for an OID issuer, `ID^^^namespace` otherwise, `ID` without issuer. */
export function formatCx(identifier: PatientIdentifier): string {
  const id = hl7Escape(identifier.id.trim());
  const issuer = identifier.issuer.trim();
  if (issuer === '') return id;
  if (OID.test(issuer)) return `${id}^^^&${issuer}&ISO`;
  return `${id}^^^${hl7Escape(issuer)}`;
}

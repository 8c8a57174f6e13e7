// What a context launch can get wrong, in words a GP can act on. A launch arrives from a
// DPI, a RIS or a CDA report the GP did not write: the French message says what is wrong
// *and* who can fix it; the English one is for integrators and logs. A third wording quotes
// nothing received, for pages read before anyone has logged in.

export type LaunchErrorCode =
  | 'missing_parameter'
  | 'invalid_parameter'
  | 'unknown_request_type'
  | 'malformed_cx'
  | 'missing_issuer'
  /** A patient identifier holding a list (`a,b`): a launch names exactly one patient. */
  | 'several_patients'
  | 'too_many_values'
  | 'ambiguous_parameter';

export interface LaunchError {
  code: LaunchErrorCode;
  /** The parameter or form field at fault, exactly as the launch must spell it. */
  parameter: string;
  /** French, for the GP: what is wrong and what to do. Plain text, never markup. */
  message: string;
  messageEn: string;
  /**
   * `message` without any value received: the gateway's error page is read without login,
   * so an INS, a name or a birth date from the link must not be on it. It still names the
   * parameter, says what is wrong with it and who can fix it.
   */
  messageWithoutValue: string;
}

/** `messageWithoutValue` may be left out only when `message` quotes nothing received. */
export function launchError(
  code: LaunchErrorCode,
  parameter: string,
  message: string,
  messageEn: string,
  messageWithoutValue: string = message,
): LaunchError {
  return { code, parameter, message, messageEn, messageWithoutValue };
}

export const ECHO_MAX_CHARS = 40;

/** C0, DEL and C1: never part of an identifier, a name or a date. */
export function isControlCharacter(codePoint: number): boolean {
  return codePoint < 0x20 || (codePoint >= 0x7f && codePoint <= 0x9f);
}

export function hasControlCharacter(value: string): boolean {
  for (const ch of value) if (isControlCharacter(ch.codePointAt(0) ?? 0)) return true;
  return false;
}

// Bidi marks, overrides and isolates can make an echoed value read as something else.
function isDirectionControl(codePoint: number): boolean {
  return (
    codePoint === 0x200e ||
    codePoint === 0x200f ||
    (codePoint >= 0x202a && codePoint <= 0x202e) ||
    (codePoint >= 0x2066 && codePoint <= 0x2069)
  );
}

/**
 * A received value made safe to quote inside a message: invisible and direction-changing
 * characters replaced, cut to a length that cannot flood the screen. The result is still
 * plain text; whoever renders it must render text.
 */
export function echo(value: string): string {
  // Code points, not UTF-16 units, so a cut never splits a character in two.
  const chars = Array.from(value, (ch) => {
    const cp = ch.codePointAt(0) ?? 0;
    return isControlCharacter(cp) || isDirectionControl(cp) ? '\ufffd' : ch;
  });
  if (chars.length <= ECHO_MAX_CHARS) return chars.join('');
  return `${chars.slice(0, ECHO_MAX_CHARS - 1).join('')}…`;
}

/** Vendor advice appended to messages about links built by software, not typed by people. */
export const FIX_AT_SOURCE_FR =
  'Le lien a été fabriqué par votre logiciel (DPI, RIS ou compte rendu) : signalez-le à son éditeur.';
export const FIX_AT_SOURCE_EN =
  'The link was built by the calling software: report it to its vendor.';

/** The usual shape of a bad value: what was received, what was expected, who can fix it. */
export function invalidValue(
  parameter: string,
  value: string,
  expectedFr: string,
  expectedEn: string,
): LaunchError {
  return launchError(
    'invalid_parameter',
    parameter,
    `La valeur « ${echo(value)} » du paramètre « ${parameter} » n’est pas valide : ${expectedFr}. ${FIX_AT_SOURCE_FR}`,
    `Value "${echo(value)}" of parameter "${parameter}" is invalid: ${expectedEn}. ${FIX_AT_SOURCE_EN}`,
    `La valeur du paramètre « ${parameter} » n’est pas valide : ${expectedFr}. ${FIX_AT_SOURCE_FR}`,
  );
}

export function missingParameter(parameter: string, whyFr: string, whyEn: string): LaunchError {
  return launchError(
    'missing_parameter',
    parameter,
    `Le paramètre « ${parameter} » est absent ou vide : ${whyFr}. ${FIX_AT_SOURCE_FR}`,
    `Parameter "${parameter}" is missing or empty: ${whyEn}. ${FIX_AT_SOURCE_EN}`,
  );
}

/** Something tolerated but worth a line in the gateway's log. */
export interface LaunchWarning {
  code:
    | 'double_encoded'
    | 'issuer_missing_ignored'
    | 'misspelled_parameter'
    | 'not_applicable'
    /** A value of one of our optional extensions that we do not know: the launch goes on without it. */
    | 'ignored_value';
  parameter: string;
  messageEn: string;
}

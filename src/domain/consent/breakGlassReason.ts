// The reason a professional gives for break-the-glass is read later by an auditor and by
// the patient: it must say something they can read. One rule for the dialog that asks for
// it and the gateway that stores it, so a reason the dialog lets through is never refused
// and none slips past the gateway padded with invisible characters.

/**
 * The identifier system of a break-the-glass opening in the access trace. The opening's own
 * record (which holds the reason) and every access made under it carry its id, so the
 * patient's page can say why each access happened.
 */
export const BREAK_GLASS_SYSTEM = 'urn:drim-viewer:break-glass';

export const BREAK_GLASS_REASON_MIN = 10;
export const BREAK_GLASS_REASON_MAX = 500;
/**
 * Spaces and combining accents aside, a text this long cannot hold only 500 visible
 * characters: beyond it the reason is refused before anything is counted or stored.
 */
const MAX_NORMALISED_LENGTH = 4 * BREAK_GLASS_REASON_MAX;

// Controls and format characters (zero-width spaces and joiners, bidi marks and overrides,
// the BOM) show nothing or reorder what is shown; lone surrogates are not text at all.
// Tab and line breaks are whitespace a textarea legitimately holds: they become spaces.
const INVISIBLE = /(?![\t\n\v\f\r])[\p{Cc}\p{Cf}\p{Cs}]/gu;
const WHITESPACE = /\s+/gu;
// Letters that render as blank space (Hangul fillers, the blank Braille pattern).
const BLANK_LOOKING = /^[\u115F\u1160\u3164\uFFA0\u2800]$/u;
const VISIBLE = /^[\p{L}\p{N}\p{P}\p{S}]$/u;

export type BreakGlassReasonCheck =
  | { ok: true; text: string; visible: number }
  | { ok: false; problem: 'tooShort'; visible: number }
  | { ok: false; problem: 'tooLong' };

/** NFC, invisible characters removed, whitespace runs as one space, trimmed. */
export function normaliseBreakGlassReason(raw: string): string {
  return raw.normalize('NFC').replace(INVISIBLE, '').replace(WHITESPACE, ' ').trim();
}

/**
 * Characters a reader sees: letters, digits, punctuation and symbols. Whitespace and
 * combining marks do not count (an accent is part of its letter).
 */
export function visibleCharacterCount(text: string): number {
  let count = 0;
  for (const ch of text) if (VISIBLE.test(ch) && !BLANK_LOOKING.test(ch)) count += 1;
  return count;
}

export function checkBreakGlassReason(raw: unknown): BreakGlassReasonCheck {
  const text = typeof raw === 'string' ? normaliseBreakGlassReason(raw) : '';
  if (text.length > MAX_NORMALISED_LENGTH) return { ok: false, problem: 'tooLong' };
  const visible = visibleCharacterCount(text);
  if (visible < BREAK_GLASS_REASON_MIN) return { ok: false, problem: 'tooShort', visible };
  if (visible > BREAK_GLASS_REASON_MAX) return { ok: false, problem: 'tooLong' };
  return { ok: true, text, visible };
}

import { describe, expect, it } from 'vitest';
import {
  BREAK_GLASS_REASON_MAX,
  checkBreakGlassReason,
  normaliseBreakGlassReason,
  visibleCharacterCount,
} from './breakGlassReason';

const ZWSP = '\u200B';
const RLO = '\u202E';

describe('normaliseBreakGlassReason', () => {
  it.each([
    [
      'keeps an ordinary reason as it is',
      'AVC suspecté, patiente inconsciente',
      'AVC suspecté, patiente inconsciente',
    ],
    ['composes accents (NFC)', 'Patiente ine\u0301dite', 'Patiente inédite'],
    ['removes zero-width characters', `ur${ZWSP}gence${'\u200C\u200D\u2060\uFEFF'}`, 'urgence'],
    ['removes bidi marks and overrides', `${RLO}AVC${'\u200E\u200F\u2066\u2069\u061C'}`, 'AVC'],
    ['removes control characters', 'AVC\u0000\u0007\u001B[31m\u007F\u0085', 'AVC[31m'],
    [
      'makes line breaks and tabs single spaces',
      'Chute\r\n\n\tdans  la   rue',
      'Chute dans la rue',
    ],
    ['makes other spaces ordinary ones', 'Coma\u00A0:\u202Fscore\u3000bas', 'Coma : score bas'],
    ['does not leave two spaces where an invisible one stood between', `a ${ZWSP} b`, 'a b'],
    ['trims', `  ${ZWSP} motif ${ZWSP}\n`, 'motif'],
    ['removes a lone surrogate', 'AVC\uD800', 'AVC'],
  ])('%s', (_label, raw, expected) => {
    expect(normaliseBreakGlassReason(raw)).toBe(expected);
  });
});

describe('visibleCharacterCount', () => {
  it.each([
    ['', 0],
    ['AVC suspecté', 11],
    ['a\u0301', 1],
    ['\u3164\u3164\u2800\u115F', 0],
    ['💔 <b>', 4],
    ['2 + 2 = 4 !', 6],
  ])('%j has %i', (text, count) => {
    expect(visibleCharacterCount(text)).toBe(count);
  });
});

describe('checkBreakGlassReason', () => {
  it.each([
    ['12 zero-width spaces', ZWSP.repeat(12), 'tooShort'],
    ['9 visible characters', 'Coma stad2', 'tooShort'],
    ['spaces around a short word', '   urgent     ', 'tooShort'],
    ['a short word padded with invisible characters', `urgent${ZWSP.repeat(10)}${RLO}`, 'tooShort'],
    ['blank-looking letters', '\u3164'.repeat(20), 'tooShort'],
    ['combining marks on nothing', '\u0301'.repeat(20), 'tooShort'],
    ['nothing', '', 'tooShort'],
    ['not text', 42, 'tooShort'],
    ['absent', undefined, 'tooShort'],
    ['501 visible characters', 'a'.repeat(BREAK_GLASS_REASON_MAX + 1), 'tooLong'],
    ['a flood of accents', `${'e\u0327\u0301\u0302\u0303'.repeat(1000)}`, 'tooLong'],
  ])('refuses %s', (_label, raw, problem) => {
    expect(checkBreakGlassReason(raw)).toMatchObject({ ok: false, problem });
  });

  it.each([
    ['exactly 10 visible characters', 'Coma stade2', 'Coma stade2'],
    [
      '10 visible characters among invisible ones',
      `${RLO}Coma${ZWSP} ${ZWSP}stade2\n`,
      'Coma stade2',
    ],
    [
      '500 visible characters with spaces between',
      'ab '.repeat(250).trim(),
      'ab '.repeat(250).trim(),
    ],
    ['markup, kept as text', 'Patient <b>inconscient</b>', 'Patient <b>inconscient</b>'],
  ])('accepts %s and gives its normalised text', (_label, raw, text) => {
    expect(checkBreakGlassReason(raw)).toMatchObject({ ok: true, text });
  });

  it('counts what it accepts', () => {
    expect(checkBreakGlassReason('  Coma   stade 3 ')).toEqual({
      ok: true,
      text: 'Coma stade 3',
      visible: 10,
    });
    expect(checkBreakGlassReason(`urg${ZWSP}ent`)).toEqual({
      ok: false,
      problem: 'tooShort',
      visible: 6,
    });
  });
});

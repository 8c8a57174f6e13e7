import { describe, expect, it } from 'vitest';
import { instantText, longDate, mediumDate, numericDate, todayIso } from './dateText';

describe('numericDate', () => {
  it('writes a date without shifting the day', () => {
    expect(numericDate('1958-03-14', 'fr')).toBe('14/03/1958');
    expect(numericDate('2026-01-01', 'en')).toBe('01/01/2026');
  });

  it.each([null, '2025-02-30', '2025-13-01', '20250301', '2026-03-14T10:05', ''])(
    'gives nothing for %j',
    (iso) => {
      expect(numericDate(iso, 'fr')).toBeNull();
    },
  );
});

describe('longDate', () => {
  it.each([
    ['1958-03-14', 'fr', '14 mars 1958'],
    ['1971-11-01', 'fr', '1er novembre 1971'],
    ['1958-03-14', 'en', '14 March 1958'],
    ['1971-11-01', 'en', '1 November 1971'],
    ['2026-03-14T10:05', 'fr', '14 mars 2026 à 10:05'],
    ['2026-03-14T10:05', 'en', '14 March 2026 at 10:05'],
  ] as const)('writes %s in %s as %s', (iso, lang, expected) => {
    expect(longDate(iso, lang)).toBe(expected);
  });

  it.each(['2025-02-30', 'hier', '2026-03-14T25:00', ''])('leaves %j as it is', (text) => {
    expect(longDate(text, 'fr')).toBe(text);
  });
});

describe('instantText', () => {
  it('writes an instant with its time, in the language asked', () => {
    // The time of day depends on the machine's time zone: only the shape is checked.
    expect(instantText('2026-11-15T12:05:00Z', 'fr')).toMatch(/^15 novembre 2026 à \d{2}:\d{2}$/);
    expect(instantText('2026-11-15T12:05:00Z', 'en')).toMatch(
      /^November 15, 2026 at \d{1,2}:\d{2}\s[AP]M$/,
    );
  });

  it('leaves unreadable text as it is', () => {
    expect(instantText('', 'fr')).toBe('');
    expect(instantText('bientôt', 'fr')).toBe('bientôt');
  });
});

describe('todayIso', () => {
  it('reads the day in the local calendar', () => {
    expect(todayIso(new Date(2026, 10, 27, 23, 59))).toBe('2026-11-27');
    expect(todayIso(new Date(2026, 0, 5, 0, 0))).toBe('2026-01-05');
  });
});

describe('mediumDate', () => {
  it("writes a short date in the reader's language, and nothing for no date", () => {
    expect(mediumDate('1958-03-14', 'fr')).toBe('14 mars 1958');
    expect(mediumDate('1958-03-14', 'en')).toBe('14 Mar 1958');
    expect(mediumDate(null, 'fr')).toBe('');
    expect(mediumDate('1958-02-30', 'fr')).toBe('');
  });
});

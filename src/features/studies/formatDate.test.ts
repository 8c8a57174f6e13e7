import { describe, expect, it } from 'vitest';
import { formatIsoDate, todayIso } from './formatDate';

describe('formatIsoDate', () => {
  it('writes a French date without shifting the day', () => {
    expect(formatIsoDate('1958-03-14', 'fr')).toBe('14/03/1958');
    expect(formatIsoDate('2026-01-01', 'en')).toBe('01/01/2026');
  });

  it('gives nothing for a missing or impossible date', () => {
    expect(formatIsoDate(null, 'fr')).toBeNull();
    expect(formatIsoDate('2025-02-30', 'fr')).toBeNull();
  });

  it('reads today in the local calendar', () => {
    expect(todayIso(new Date(2026, 10, 27, 23, 59))).toBe('2026-11-27');
  });
});

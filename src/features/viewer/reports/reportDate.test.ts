import { describe, expect, it } from 'vitest';
import { formatReportDate } from './reportDate';

describe('formatReportDate', () => {
  it('writes the date as the document states it, in French or English', () => {
    expect(formatReportDate('2026-03-12', 'fr')).toBe('12 mars 2026');
    expect(formatReportDate('2026-03-12', 'en')).toBe('12 March 2026');
    expect(formatReportDate('2026-03-12T23:30', 'fr')).toMatch(/^12 mars 2026.*23:30$/);
  });

  it('leaves anything else as it is', () => {
    expect(formatReportDate('hier', 'fr')).toBe('hier');
  });
});

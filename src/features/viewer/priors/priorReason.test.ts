import { describe, expect, it } from 'vitest';
import { i18n } from '../../../lib/i18n';
import { priorReason } from './priorReason';

const none = { years: 0, months: 0, days: 0 };

describe('priorReason', () => {
  it('says the group and how long before, in French first', () => {
    const t = i18n.getFixedT('fr');
    expect(
      priorReason(t, { match: 'sameExam', interval: { direction: 'before', ...none, years: 2 } }),
    ).toBe('même examen, 2 ans avant');
    expect(
      priorReason(t, { match: 'sameRegion', interval: { direction: 'before', ...none, years: 1 } }),
    ).toBe('même région, 1 an avant');
    expect(
      priorReason(t, {
        match: 'sameModality',
        interval: { direction: 'after', ...none, months: 3 },
      }),
    ).toBe('même modalité, 3 mois après');
    expect(
      priorReason(t, { match: 'other', interval: { direction: 'before', ...none, days: 12 } }),
    ).toBe('autre examen, 12 jours avant');
    expect(priorReason(t, { match: 'other', interval: { direction: 'undated', ...none } })).toBe(
      'autre examen, date inconnue',
    );
    expect(priorReason(t, { match: 'sameExam', interval: { direction: 'sameDay', ...none } })).toBe(
      'même examen, le même jour',
    );
  });

  it('has its English words', () => {
    const t = i18n.getFixedT('en');
    expect(
      priorReason(t, { match: 'sameExam', interval: { direction: 'before', ...none, years: 2 } }),
    ).toBe('same exam, 2 years before');
  });
});

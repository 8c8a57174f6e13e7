import { describe, expect, it } from 'vitest';
import { isReportModality, normalizeModality, splitModalities } from './modalities';

describe('modalities', () => {
  it('separates images from other objects', () => {
    expect(splitModalities(['SR', 'ct', 'CT', 'KO', 'MR', 'DOC', 'OT'])).toEqual({
      images: ['CT', 'MR', 'OT'],
      others: ['DOC', 'KO', 'SR'],
    });
  });

  it('drops values that are not CS', () => {
    expect(normalizeModality('<script>')).toBeNull();
    expect(normalizeModality('A_VERY_LONG_MODALITY_NAME')).toBeNull();
    expect(splitModalities(['<b>', ''])).toEqual({ images: [], others: [] });
  });

  it('knows which modalities are reports', () => {
    expect(isReportModality('SR')).toBe(true);
    expect(isReportModality('DOC')).toBe(true);
    expect(isReportModality('KO')).toBe(false);
  });
});

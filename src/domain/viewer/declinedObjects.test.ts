import { describe, expect, it } from 'vitest';
import { declinedKind } from './declinedObjects';

describe('declinedKind', () => {
  it('names a segmentation and a dose grid', () => {
    expect(declinedKind('SEG')).toBe('segmentation');
    expect(declinedKind('RTDOSE')).toBe('radiotherapyDose');
    expect(declinedKind(' rtdose ')).toBe('radiotherapyDose');
  });

  it('leaves images, reports and unknown modalities alone', () => {
    for (const m of ['CT', 'MR', 'OT', 'US', 'SR', 'DOC', 'KO', 'RTSTRUCT', '', 'toString']) {
      expect(declinedKind(m)).toBeNull();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { presetsFor, rangeOfWindow, windowOfRange } from './windowPresets';

describe('window presets', () => {
  it('offers the five CT windows and none for modalities without an absolute scale', () => {
    expect(presetsFor('CT').map((p) => p.id)).toEqual([
      'lung',
      'mediastinum',
      'abdomen',
      'bone',
      'brain',
    ]);
    expect(presetsFor('MR')).toEqual([]);
    expect(new Set(presetsFor('CT').map((p) => p.key)).size).toBe(5);
  });

  it('offers SUV windows from 0 for a PET in SUV, none for a PET in stored units', () => {
    const suv = presetsFor('PT', true);
    expect(suv.map((p) => rangeOfWindow(p.width, p.center))).toEqual([
      { lower: 0, upper: 3 },
      { lower: 0, upper: 5 },
      { lower: 0, upper: 10 },
      { lower: 0, upper: 15 },
    ]);
    expect(new Set(suv.map((p) => p.key)).size).toBe(suv.length);
    expect(presetsFor('PT')).toEqual([]);
    expect(presetsFor('NM', true)).toEqual([]);
  });

  it('converts a window to a value range and back', () => {
    expect(rangeOfWindow(400, 40)).toEqual({ lower: -160, upper: 240 });
    expect(windowOfRange({ lower: -160, upper: 240 })).toEqual({ width: 400, center: 40 });
    expect(rangeOfWindow(0, 10)).toEqual({ lower: 9.5, upper: 10.5 });
  });
});

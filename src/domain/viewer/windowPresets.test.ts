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

  it('converts a window to a value range and back', () => {
    expect(rangeOfWindow(400, 40)).toEqual({ lower: -160, upper: 240 });
    expect(windowOfRange({ lower: -160, upper: 240 })).toEqual({ width: 400, center: 40 });
    expect(rangeOfWindow(0, 10)).toEqual({ lower: 9.5, upper: 10.5 });
  });
});

import { describe, expect, it } from 'vitest';
import { scaleBarFor } from './scaleBar';

describe('scaleBarFor', () => {
  it('picks the longest round length that fits', () => {
    expect(scaleBarFor(0.5, 100)).toEqual({ mm: 50, px: 100, label: '5 cm' });
    expect(scaleBarFor(0.78, 100)).toEqual({ mm: 50, px: 50 / 0.78, label: '5 cm' });
    expect(scaleBarFor(0.1, 120)).toEqual({ mm: 10, px: 100, label: '1 cm' });
    expect(scaleBarFor(0.02, 120)?.label).toBe('2 mm');
  });
  it('draws nothing without a usable scale', () => {
    expect(scaleBarFor(0, 100)).toBeNull();
    expect(scaleBarFor(Number.NaN, 100)).toBeNull();
  });
});

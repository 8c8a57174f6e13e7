import { describe, expect, it } from 'vitest';
import { measurementScale } from './measurementSpacing';

describe('measurementScale', () => {
  it('measures in the patient with PixelSpacing, even when ImagerPixelSpacing is present', () => {
    expect(measurementScale([0.78, 0.79], [0.9, 0.9])).toEqual({
      kind: 'patient',
      rowMm: 0.78,
      columnMm: 0.79,
    });
  });
  it('says the value is at the detector with ImagerPixelSpacing only (CR/DX)', () => {
    expect(measurementScale(null, [0.4, 0.4])).toEqual({
      kind: 'detector',
      rowMm: 0.4,
      columnMm: 0.4,
    });
  });
  it('falls back to pixels without a usable spacing', () => {
    expect(measurementScale(undefined, undefined)).toEqual({ kind: 'none' });
    expect(measurementScale([0, 0], [-1, 2])).toEqual({ kind: 'none' });
    expect(measurementScale([0.5], null)).toEqual({ kind: 'none' });
  });
});

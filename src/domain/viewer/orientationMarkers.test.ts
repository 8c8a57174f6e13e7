import { describe, expect, it } from 'vitest';
import { directionLabel, edgeMarkers, orientationVectors } from './orientationMarkers';

describe('orientation markers', () => {
  it('labels an axial slice as radiologists see it: patient right on screen left', () => {
    const [row, col] = orientationVectors([1, 0, 0, 0, 1, 0]) ?? [];
    if (!row || !col) throw new Error('vectors expected');
    expect(edgeMarkers(row, col)).toEqual({ left: 'R', right: 'L', top: 'A', bottom: 'P' });
  });
  it('labels sagittal and coronal slices', () => {
    expect(edgeMarkers([0, 1, 0], [0, 0, -1])).toEqual({
      left: 'A',
      right: 'P',
      top: 'H',
      bottom: 'F',
    });
    expect(edgeMarkers([1, 0, 0], [0, 0, -1])).toEqual({
      left: 'R',
      right: 'L',
      top: 'H',
      bottom: 'F',
    });
  });
  it('names both axes of an oblique direction, strongest first, and ignores small tilts', () => {
    expect(directionLabel([0.8, 0.6, 0])).toBe('LP');
    expect(directionLabel([0.99, 0.1, 0])).toBe('L');
    expect(directionLabel([0, 0, 0])).toBe('');
  });
  it('rejects a missing or degenerate orientation', () => {
    expect(orientationVectors(null)).toBeNull();
    expect(orientationVectors([1, 0, 0])).toBeNull();
    expect(orientationVectors([0, 0, 0, 0, 1, 0])).toBeNull();
  });
});

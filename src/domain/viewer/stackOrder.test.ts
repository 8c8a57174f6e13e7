import { describe, expect, it } from 'vitest';
import { sortSlices } from './stackOrder';

const axial = [1, 0, 0, 0, 1, 0];

describe('sortSlices', () => {
  it('orders an axial stack head to feet whatever the arrival or instance numbers', () => {
    const slices = [
      {
        id: 'mid',
        instanceNumber: 1,
        imagePositionPatient: [0, 0, 10],
        imageOrientationPatient: axial,
      },
      {
        id: 'foot',
        instanceNumber: 2,
        imagePositionPatient: [0, 0, 0],
        imageOrientationPatient: axial,
      },
      {
        id: 'head',
        instanceNumber: 3,
        imagePositionPatient: [0, 0, 20],
        imageOrientationPatient: axial,
      },
    ];
    expect(sortSlices(slices).map((s) => s.id)).toEqual(['head', 'mid', 'foot']);
  });
  it('falls back to InstanceNumber when a position is missing', () => {
    const slices = [
      { id: 'b', instanceNumber: 2, imagePositionPatient: null, imageOrientationPatient: axial },
      {
        id: 'a',
        instanceNumber: 1,
        imagePositionPatient: [0, 0, 5],
        imageOrientationPatient: axial,
      },
      { id: 'c', instanceNumber: null, imagePositionPatient: null, imageOrientationPatient: null },
    ];
    expect(sortSlices(slices).map((s) => s.id)).toEqual(['a', 'b', 'c']);
  });
});

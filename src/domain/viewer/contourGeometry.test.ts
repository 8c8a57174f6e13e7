import { describe, expect, it } from 'vitest';
import { contourPoints, contourToImage, sliceOfContour, type SlicePlane } from './contourGeometry';
import { imagePlaneOf, type ImagePlane, type Vec3 } from './patientPlane';

function plane(ipp: number[], iop: number[], spacing: number[]): ImagePlane {
  const p = imagePlaneOf(ipp, iop, spacing);
  if (!p) throw new Error('bad plane');
  return p;
}

describe('contourToImage', () => {
  const cases: { name: string; plane: ImagePlane; point: Vec3; image: [number, number] }[] = [
    {
      name: 'axial: the first pixel centre is (0, 0)',
      plane: plane([-250, -250, 30], [1, 0, 0, 0, 1, 0], [0.5, 0.5]),
      point: [-250, -250, 30],
      image: [0, 0],
    },
    {
      name: 'axial: x along columns, y along rows',
      plane: plane([-250, -250, 30], [1, 0, 0, 0, 1, 0], [0.5, 0.5]),
      point: [-200, -225, 30],
      image: [100, 50],
    },
    {
      name: 'anisotropic: PixelSpacing is rows first, then columns',
      plane: plane([0, 0, 0], [1, 0, 0, 0, 1, 0], [2, 0.5]),
      point: [10, 10, 0],
      image: [20, 5],
    },
    {
      name: 'sagittal: rows along −z (feet), columns along y',
      plane: plane([0, -100, 100], [0, 1, 0, 0, 0, -1], [1, 1]),
      point: [0, -60, 70],
      image: [40, 30],
    },
    {
      name: 'a point off the plane projects onto it',
      plane: plane([0, 0, 0], [1, 0, 0, 0, 1, 0], [1, 1]),
      point: [3, 4, 12],
      image: [3, 4],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const [[col, row] = [NaN, NaN]] = contourToImage([c.point], c.plane);
      expect(col).toBeCloseTo(c.image[0], 9);
      expect(row).toBeCloseTo(c.image[1], 9);
    });
  }
});

describe('contourPoints', () => {
  it('reads triples and drops a partial one', () => {
    expect(contourPoints([1, 2, 3, 4, 5, 6, 7])).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(contourPoints([])).toEqual([]);
  });
});

describe('sliceOfContour', () => {
  const slices: SlicePlane[] = [0, 1, 2].map((k) => ({
    sopInstanceUID: `s${k}`,
    plane: plane([0, 0, 10 * k], [1, 0, 0, 0, 1, 0], [1, 1]),
  }));
  const ring = (z: number): Vec3[] => [
    [0, 0, z],
    [5, 0, z],
    [5, 5, z],
  ];
  const cases: { name: string; points: Vec3[]; refs: string[]; slice: number | null }[] = [
    { name: 'the ContourImageSequence names it', points: ring(0), refs: ['s2'], slice: 2 },
    { name: 'else the plane it lies on', points: ring(10.2), refs: [], slice: 1 },
    {
      name: 'an unknown reference falls back on the plane',
      points: ring(20),
      refs: ['x'],
      slice: 2,
    },
    { name: 'between planes beyond the tolerance: none', points: ring(15), refs: [], slice: null },
    {
      name: 'a contour not in one plane: none',
      points: [
        [0, 0, 0],
        [0, 0, 10],
      ],
      refs: [],
      slice: null,
    },
    { name: 'an empty contour: none', points: [], refs: [], slice: null },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(
        sliceOfContour({ points: c.points, referencedSopInstanceUIDs: c.refs }, slices, 4),
      ).toBe(c.slice);
    });
  }
});

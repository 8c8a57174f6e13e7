import { describe, expect, it } from 'vitest';
import type { Vec3 } from './patientPlane';
import {
  mapSegFrames,
  sliceTolerance,
  type ReferencedSlice,
  type SegFrame,
} from './segmentationFrames';

const AXIAL: Vec3 = [0, 0, 1];
/** Five axial slices 2.5 mm apart from z = −100, as a CT stack gives them (any order). */
const slices: ReferencedSlice[] = [0, 1, 2, 3, 4].map((k) => ({
  sopInstanceUID: `1.2.3.${k}`,
  position: [-200, -200, -100 + 2.5 * k],
}));

function frame(n: number, over: Partial<SegFrame>): SegFrame {
  return { frame: n, segmentNumber: 1, sourceSopInstanceUIDs: [], position: null, ...over };
}

describe('mapSegFrames', () => {
  const cases: {
    name: string;
    frame: SegFrame;
    slice: number | null;
    by?: 'source' | 'position';
  }[] = [
    {
      name: 'a frame naming its source image goes on that image',
      frame: frame(1, { sourceSopInstanceUIDs: ['1.2.3.3'], position: [-200, -200, -100] }),
      slice: 3,
      by: 'source',
    },
    {
      name: 'an unknown source falls back on the position',
      frame: frame(2, { sourceSopInstanceUIDs: ['9.9'], position: [-200, -200, -95] }),
      slice: 2,
      by: 'position',
    },
    {
      name: 'a position within the tolerance goes on the nearest slice',
      frame: frame(3, { position: [-200, -200, -99.5] }),
      slice: 0,
      by: 'position',
    },
    {
      name: 'only the distance along the normal counts (in-plane shift)',
      frame: frame(4, { position: [0, 37, -92.5] }),
      slice: 3,
      by: 'position',
    },
    {
      name: 'a position between slices beyond the tolerance matches none',
      frame: frame(5, { position: [-200, -200, -98.7] }),
      slice: null,
    },
    {
      name: 'a position beyond the stack matches none',
      frame: frame(6, { position: [-200, -200, -80] }),
      slice: null,
    },
    {
      name: 'a frame with neither source nor position matches none',
      frame: frame(7, {}),
      slice: null,
    },
  ];
  const tolerance = sliceTolerance(slices, AXIAL);
  for (const c of cases) {
    it(c.name, () => {
      const { matches, unmatched } = mapSegFrames([c.frame], slices, AXIAL, tolerance);
      if (c.slice === null) {
        expect(matches).toEqual([]);
        expect(unmatched).toEqual([c.frame]);
      } else {
        expect(unmatched).toEqual([]);
        expect(matches).toEqual([
          { frame: c.frame.frame, segmentNumber: 1, slice: c.slice, by: c.by },
        ]);
      }
    });
  }

  it('reports each unmatched frame of many, keeping the rest', () => {
    const frames = [frame(1, { position: [0, 0, -100] }), frame(2, { position: [0, 0, 500] })];
    const out = mapSegFrames(frames, slices, AXIAL, tolerance);
    expect(out.matches.map((m) => m.frame)).toEqual([1]);
    expect(out.unmatched.map((f) => f.frame)).toEqual([2]);
  });

  it('works along an oblique normal', () => {
    const n: Vec3 = [0, Math.SQRT1_2, Math.SQRT1_2];
    const oblique: ReferencedSlice[] = [0, 1, 2].map((k) => ({
      sopInstanceUID: `o${k}`,
      position: [0, 3 * k * Math.SQRT1_2, 3 * k * Math.SQRT1_2],
    }));
    const out = mapSegFrames(
      [frame(1, { position: [5, 6 * Math.SQRT1_2, 6 * Math.SQRT1_2] })],
      oblique,
      n,
      1.5,
    );
    expect(out.matches[0]?.slice).toBe(2);
  });
});

describe('sliceTolerance', () => {
  const cases: { name: string; z: number[]; tolerance: number }[] = [
    { name: 'a quarter of the spacing', z: [0, 2.5, 5], tolerance: 0.625 },
    { name: 'a quarter of the smallest gap, in any order', z: [10, 0, 4, 5], tolerance: 0.25 },
    { name: 'duplicate positions do not count as a gap', z: [0, 0, 3], tolerance: 0.75 },
    { name: 'one slice: 0.5 mm', z: [7], tolerance: 0.5 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const s = c.z.map((z, i) => ({ sopInstanceUID: String(i), position: [0, 0, z] as Vec3 }));
      expect(sliceTolerance(s, AXIAL)).toBeCloseTo(c.tolerance, 9);
    });
  }
});

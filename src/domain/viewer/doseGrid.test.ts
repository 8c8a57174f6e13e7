import { describe, expect, it } from 'vitest';
import {
  doseAt,
  doseSlice,
  framePositions,
  isodoseLevels,
  isoline,
  jet,
  maxDose,
  scaledDoses,
  type DoseGrid,
} from './doseGrid';
import { imagePlaneOf, type ImagePlane } from './patientPlane';

const axial = (z: number): ImagePlane => imagePlaneOf([0, 0, z], [1, 0, 0, 0, 1, 0], [10, 10])!;

describe('framePositions', () => {
  const cases: { name: string; offsets: number[]; z: number; positions: number[] }[] = [
    {
      name: 'relative (first 0): from ImagePositionPatient',
      offsets: [0, 5, 10],
      z: -761.87,
      positions: [-761.87, -756.87, -751.87],
    },
    {
      name: 'absolute: the frames’ own z',
      offsets: [-100, -97.5, -95],
      z: -100,
      positions: [-100, -97.5, -95],
    },
    { name: 'relative, going down', offsets: [0, -3, -6], z: 30, positions: [30, 27, 24] },
    { name: 'a single frame without a vector', offsets: [], z: 12, positions: [12] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const out = framePositions(c.offsets, axial(c.z));
      out.forEach((p, i) => expect(p).toBeCloseTo(c.positions[i]!, 6));
      expect(out).toHaveLength(c.positions.length);
    });
  }
});

describe('scaledDoses', () => {
  const cases: { name: string; scaling: number | null; out: number[] | null }[] = [
    { name: 'stored × DoseGridScaling', scaling: 1e-3, out: [0, 1.5, 65.535] },
    { name: 'no DoseGridScaling: refused', scaling: null, out: null },
    { name: 'a zero scaling: refused', scaling: 0, out: null },
    { name: 'a negative scaling: refused', scaling: -1, out: null },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = scaledDoses([0, 1500, 65535], c.scaling);
      if (c.out === null) expect(got).toBeNull();
      else c.out.forEach((v, i) => expect(got?.[i]).toBeCloseTo(v, 4));
    });
  }
});

/** 3 × 3 × 2 grid, 10 mm apart, frames at z 0 and 5: dose = 1 + column + 10 × row + 100 × frame. */
const grid: DoseGrid = {
  plane: axial(0),
  rows: 3,
  columns: 3,
  positions: [0, 5],
  values: Float32Array.from(
    { length: 18 },
    (_, i) => 1 + (i % 3) + 10 * (Math.floor(i / 3) % 3) + 100 * Math.floor(i / 9),
  ),
};

describe('doseAt', () => {
  const cases: { name: string; point: [number, number, number]; dose: number | null }[] = [
    { name: 'on a grid point', point: [10, 20, 0], dose: 22 },
    { name: 'between columns', point: [15, 0, 0], dose: 2.5 },
    { name: 'between frames', point: [0, 0, 2.5], dose: 51 },
    { name: 'the last grid point', point: [20, 20, 5], dose: 123 },
    { name: 'outside in-plane', point: [25, 0, 0], dose: null },
    { name: 'outside along z', point: [0, 0, 6], dose: null },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const d = doseAt(grid, c.point);
      if (c.dose === null) expect(d).toBeNull();
      else expect(d).toBeCloseTo(c.dose, 4);
    });
  }

  it('doseSlice interpolates a whole plane', () => {
    expect(doseSlice(grid, 5)?.[0]).toBeCloseTo(101, 4);
    expect(doseSlice(grid, 7)).toBeNull();
  });

  it('maxDose finds the largest value and where', () => {
    expect(maxDose(grid)).toEqual({ dose: 123, index: 17 });
  });
});

describe('isodoseLevels', () => {
  const cases: { name: string; max: number; rx: number | null; doses: number[] }[] = [
    { name: 'of the maximum without a prescription', max: 60, rx: null, doses: [57, 48, 30, 12] },
    { name: 'of the prescription when known', max: 66, rx: 50, doses: [47.5, 40, 25, 10] },
    { name: 'an empty grid has none', max: 0, rx: null, doses: [] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const levels = isodoseLevels(c.max, c.rx);
      expect(levels.map((l) => l.dose)).toEqual(c.doses.map((d) => expect.closeTo(d, 9)));
      if (levels.length > 0) expect(levels.map((l) => l.percent)).toEqual([95, 80, 50, 20]);
    });
  }
});

describe('isoline', () => {
  it('surrounds a single hot point with four segments halfway to its neighbours', () => {
    const v = [0, 0, 0, 0, 2, 0, 0, 0, 0];
    const segments = isoline(v, 3, 3, 1);
    expect(segments).toHaveLength(4);
    const ends = segments.flat().map(([c, r]) => Math.hypot(c - 1, r - 1));
    for (const d of ends) expect(d).toBeCloseTo(0.5, 9);
  });

  it('draws nothing where the plane is all above or all below the level', () => {
    expect(isoline([5, 5, 5, 5], 2, 2, 1)).toEqual([]);
    expect(isoline([0, 0, 0, 0], 2, 2, 1)).toEqual([]);
  });

  it('a ramp gives a straight line at the interpolated column', () => {
    const v = [0, 10, 0, 10];
    const [seg] = isoline(v, 2, 2, 2.5);
    expect(seg?.map(([c]) => c)).toEqual([0.25, 0.25]);
  });
});

describe('jet', () => {
  const cases: { t: number; rgb: [number, number, number] }[] = [
    { t: 0, rgb: [0, 0, 128] },
    { t: 0.5, rgb: [128, 255, 128] },
    { t: 1, rgb: [128, 0, 0] },
    { t: 2, rgb: [128, 0, 0] },
  ];
  for (const c of cases) it(`at ${c.t}`, () => expect(jet(c.t)).toEqual(c.rgb));
});

// An RT Dose grid (PS3.3 C.8.8.3): stored values × DoseGridScaling are doses (Gy when
// DoseUnits is GY); frame f lies GridFrameOffsetVector[f] from the first frame along the
// plane's normal. The vector comes two ways, both written by real planning systems: relative
// (first element 0, offsets from ImagePositionPatient) or absolute (the frames' own positions
// along the normal, the first one equal to ImagePositionPatient's). Isodose lines are drawn
// at fixed percentages of a reference dose: the prescription when the object says it, else
// the grid's maximum.
import { dot, normalOf, patientToImage, type ImagePlane, type Vec3 } from './patientPlane';

/** Percentages of the reference dose isodose lines are drawn at, highest first. */
export const ISODOSE_PERCENTS = [95, 80, 50, 20] as const;

/** Below this fraction of the reference dose the colour wash is not drawn. */
export const WASH_THRESHOLD = 0.1;

/** Each frame's position along the plane's normal (mm), from GridFrameOffsetVector. */
export function framePositions(offsets: readonly number[], plane: ImagePlane): number[] {
  const origin = dot(plane.position, normalOf(plane));
  const first = offsets[0];
  if (first === undefined) return [origin];
  const relative = Math.abs(first) < 1e-6;
  return offsets.map((o) => (relative ? origin + o : o));
}

export interface DoseGrid {
  plane: ImagePlane;
  rows: number;
  columns: number;
  /** Along the normal, one per frame, as framePositions gives them. */
  positions: readonly number[];
  /** Doses, frame after frame, row after row (stored × DoseGridScaling). */
  values: Float32Array;
}

/** Stored values to doses; null when the scaling is missing or not a positive number. */
export function scaledDoses(
  stored: ArrayLike<number>,
  scaling: number | null,
): Float32Array | null {
  if (scaling === null || !(scaling > 0) || !Number.isFinite(scaling)) return null;
  const out = new Float32Array(stored.length);
  for (let i = 0; i < stored.length; i++) out[i] = (stored[i] ?? 0) * scaling;
  return out;
}

export function maxDose(grid: DoseGrid): { dose: number; index: number } {
  let dose = -Infinity;
  let index = -1;
  grid.values.forEach((v, i) => {
    if (v > dose) {
      dose = v;
      index = i;
    }
  });
  return { dose, index };
}

/** Where a frame lies between two of the grid's frames: lower index and weight of the upper. */
function bracket(positions: readonly number[], d: number): { lower: number; t: number } | null {
  const n = positions.length;
  if (n === 0) return null;
  if (n === 1) return Math.abs((positions[0] ?? 0) - d) <= 0.5 ? { lower: 0, t: 0 } : null;
  for (let i = 0; i + 1 < n; i++) {
    const a = positions[i] ?? 0;
    const b = positions[i + 1] ?? 0;
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    if (d >= lo - 1e-6 && d <= hi + 1e-6) return { lower: i, t: b === a ? 0 : (d - a) / (b - a) };
  }
  return null;
}

/**
 * The dose plane at `d` mm along the normal, interpolated between the two frames around it;
 * null outside the grid.
 */
export function doseSlice(grid: DoseGrid, d: number): Float32Array | null {
  const at = bracket(grid.positions, d);
  if (!at) return null;
  const size = grid.rows * grid.columns;
  const out = new Float32Array(size);
  const a = at.lower * size;
  const b = Math.min(at.lower + 1, grid.positions.length - 1) * size;
  for (let i = 0; i < size; i++) {
    out[i] = (grid.values[a + i] ?? 0) * (1 - at.t) + (grid.values[b + i] ?? 0) * at.t;
  }
  return out;
}

/** The dose at a patient point (trilinear between grid points); null outside the grid. */
export function doseAt(grid: DoseGrid, point: Vec3): number | null {
  const plane = doseSlice(grid, dot(point, normalOf(grid.plane)));
  if (!plane) return null;
  const [c, r] = patientToImage(point, grid.plane);
  if (c < -1e-6 || r < -1e-6 || c > grid.columns - 1 + 1e-6 || r > grid.rows - 1 + 1e-6)
    return null;
  const c0 = Math.min(Math.floor(c), grid.columns - 2 < 0 ? 0 : grid.columns - 2);
  const r0 = Math.min(Math.floor(r), grid.rows - 2 < 0 ? 0 : grid.rows - 2);
  const c1 = Math.min(c0 + 1, grid.columns - 1);
  const r1 = Math.min(r0 + 1, grid.rows - 1);
  const fc = c1 === c0 ? 0 : c - c0;
  const fr = r1 === r0 ? 0 : r - r0;
  const v = (cc: number, rr: number) => plane[rr * grid.columns + cc] ?? 0;
  return (
    v(c0, r0) * (1 - fc) * (1 - fr) +
    v(c1, r0) * fc * (1 - fr) +
    v(c0, r1) * (1 - fc) * fr +
    v(c1, r1) * fc * fr
  );
}

export interface IsodoseLevel {
  percent: number;
  dose: number;
}

/** The isodose levels: of the prescription when known (> 0), else of the maximum. */
export function isodoseLevels(maximum: number, prescription: number | null): IsodoseLevel[] {
  const reference = prescription !== null && prescription > 0 ? prescription : maximum;
  if (!(reference > 0)) return [];
  return ISODOSE_PERCENTS.map((percent) => ({ percent, dose: (reference * percent) / 100 }));
}

/** A segment of an isoline, ends in (column, row) of the grid. */
export type IsoSegment = [[number, number], [number, number]];

/**
 * The isoline at `level` of a rows × columns plane (marching squares, ends interpolated along
 * the cells' edges). The ambiguous saddle cells are split by the cell's mean.
 */
export function isoline(
  values: ArrayLike<number>,
  columns: number,
  rows: number,
  level: number,
): IsoSegment[] {
  const out: IsoSegment[] = [];
  const v = (c: number, r: number) => values[r * columns + c] ?? 0;
  const lerp = (a: number, b: number) => (a === b ? 0.5 : (level - a) / (b - a));
  for (let r = 0; r + 1 < rows; r++) {
    for (let c = 0; c + 1 < columns; c++) {
      const tl = v(c, r);
      const tr = v(c + 1, r);
      const br = v(c + 1, r + 1);
      const bl = v(c, r + 1);
      const code =
        (tl >= level ? 8 : 0) |
        (tr >= level ? 4 : 0) |
        (br >= level ? 2 : 0) |
        (bl >= level ? 1 : 0);
      if (code === 0 || code === 15) continue;
      const top: [number, number] = [c + lerp(tl, tr), r];
      const right: [number, number] = [c + 1, r + lerp(tr, br)];
      const bottom: [number, number] = [c + lerp(bl, br), r + 1];
      const left: [number, number] = [c, r + lerp(tl, bl)];
      const centreHigh = (tl + tr + br + bl) / 4 >= level;
      switch (code) {
        case 1:
        case 14:
          out.push([left, bottom]);
          break;
        case 2:
        case 13:
          out.push([bottom, right]);
          break;
        case 3:
        case 12:
          out.push([left, right]);
          break;
        case 4:
        case 11:
          out.push([top, right]);
          break;
        case 6:
        case 9:
          out.push([top, bottom]);
          break;
        case 7:
        case 8:
          out.push([left, top]);
          break;
        case 5:
          if (centreHigh) out.push([left, top], [bottom, right]);
          else out.push([left, bottom], [top, right]);
          break;
        case 10:
          if (centreHigh) out.push([left, bottom], [top, right]);
          else out.push([left, top], [bottom, right]);
          break;
      }
    }
  }
  return out;
}

/** The jet colour map (blue → cyan → yellow → red), t in 0–1, sRGB 0–255. */
export function jet(t: number): [number, number, number] {
  const x = Math.min(1, Math.max(0, t));
  const channel = (centre: number) =>
    Math.round(255 * Math.min(1, Math.max(0, 1.5 - Math.abs(4 * x - centre))));
  return [channel(3), channel(2), channel(1)];
}

// Scrolling two stacks together: today's CT and last year's, side by side, the same anatomy on
// both at every step. Each slice is placed by its distance along the stack's normal (the
// cross product of ImageOrientationPatient's row and column directions, PS3.3 C.7.6.2.1.1),
// in millimetres of the patient coordinate system.
//
// Two stacks share that coordinate system only when they share a FrameOfReferenceUID — the
// same acquisition, or a reformat of it. Across sites, or across visits on one scanner, the
// table moved and the origin with it: the numbers line up only after the radiologist has put
// both stacks on the same anatomy once (« Aligner »), which records the offset in mm between
// them. With a shared frame the offset is 0.
//
// A slice is matched by position, never by index: the two stacks rarely have the same
// spacing, number of slices or scroll direction. Past either end of the other stack (more
// than half a slice spacing beyond its last slice), there is no match: the other pane stays
// where it is rather than pretending to show the same level.
import type { FrameRef } from './seriesInstances';

export type Normal = [number, number, number];

/** Stacks more than this far from parallel show different planes: nothing to scroll together. */
const MAX_ANGLE_DEGREES = 5;
const MIN_COS = Math.cos((MAX_ANGLE_DEGREES * Math.PI) / 180);

/** Floating-point noise in positions read from DS strings (16 characters). */
const EPSILON_MM = 1e-3;

/** The unit normal of a slice (row × column), null when the orientation is not a plane's. */
export function sliceNormal(iop: readonly number[]): Normal | null {
  if (iop.length < 6 || iop.slice(0, 6).some((v) => !Number.isFinite(v))) return null;
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = iop;
  const n: Normal = [b * f - c * e, c * d - a * f, a * e - b * d];
  const length = Math.hypot(...n);
  // Row and column directions must be (nearly) unit and orthogonal for n to mean anything.
  if (Math.hypot(a, b, c) < 0.5 || Math.hypot(d, e, f) < 0.5 || length < 0.5) return null;
  return [n[0] / length, n[1] / length, n[2] / length];
}

/** Distance in mm of a slice's position along a normal. */
export function positionAlong(ipp: readonly number[], normal: readonly number[]): number {
  return (
    (ipp[0] ?? 0) * (normal[0] ?? 0) +
    (ipp[1] ?? 0) * (normal[1] ?? 0) +
    (ipp[2] ?? 0) * (normal[2] ?? 0)
  );
}

export interface StackGeometry {
  frameOfReferenceUID: string | null;
  normal: [number, number, number] | null;
  /** Per image, mm along `normal`, in display order. */
  positions: number[];
  sliceThickness: number | null;
}

/**
 * The geometry of a stack as displayed (frames in display order). Without an orientation or
 * with a frame lacking its position, the stack has no normal: it cannot scroll by position.
 */
export function stackGeometry(
  frames: readonly Pick<FrameRef, 'imagePositionPatient' | 'imageOrientationPatient'>[],
  frameOfReferenceUID: string | null,
  sliceThickness: number | null,
): StackGeometry {
  const iop = frames.find((f) => f.imageOrientationPatient)?.imageOrientationPatient;
  const normal = iop ? sliceNormal(iop) : null;
  const complete = frames.every(
    (f) => f.imagePositionPatient && f.imagePositionPatient.length >= 3,
  );
  return {
    frameOfReferenceUID: frameOfReferenceUID || null,
    normal: normal && complete ? normal : null,
    positions:
      normal && complete
        ? frames.map((f) => positionAlong(f.imagePositionPatient ?? [], normal))
        : [],
    sliceThickness: sliceThickness !== null && sliceThickness > 0 ? sliceThickness : null,
  };
}

/**
 * +1 when the normals point the same way, -1 when opposite (a stack whose rows were stored
 * mirrored measures positions the other way round), null when the planes differ.
 */
function direction(a: StackGeometry, b: StackGeometry): 1 | -1 | null {
  if (!a.normal || !b.normal) return null;
  const cos = positionAlong(a.normal, b.normal);
  if (Math.abs(cos) < MIN_COS) return null;
  return cos > 0 ? 1 : -1;
}

/** The usual distance between neighbouring slices (the median: one gap does not decide). */
function spacingOf(stack: StackGeometry): number {
  const gaps: number[] = [];
  for (let i = 1; i < stack.positions.length; i++) {
    const gap = Math.abs((stack.positions[i] ?? 0) - (stack.positions[i - 1] ?? 0));
    if (gap > EPSILON_MM) gaps.push(gap);
  }
  if (gaps.length === 0) return stack.sliceThickness ?? 0;
  gaps.sort((x, y) => x - y);
  return gaps[Math.floor(gaps.length / 2)] ?? 0;
}

function positionAt(stack: StackGeometry, index: number): number | null {
  if (!Number.isInteger(index)) return null;
  const p = stack.positions[index];
  return p === undefined || !Number.isFinite(p) ? null : p;
}

/**
 * The target image at the source image's level, given the offset (mm, in the target's frame)
 * between the two stacks. Null beyond either stack's end, or when they are not parallel.
 */
export function matchingIndex(
  source: StackGeometry,
  sourceIndex: number,
  target: StackGeometry,
  offsetMm: number,
): number | null {
  const sign = direction(source, target);
  const from = positionAt(source, sourceIndex);
  if (sign === null || from === null || target.positions.length === 0) return null;
  const wanted = sign * from + offsetMm;
  let best = -1;
  let bestDistance = Number.POSITIVE_INFINITY;
  target.positions.forEach((p, i) => {
    const d = Math.abs(p - wanted);
    if (d < bestDistance) {
      best = i;
      bestDistance = d;
    }
  });
  // Inside the stack, the nearest slice is the level (even across an uneven gap); outside it,
  // only within half a spacing of the end slice.
  const low = Math.min(...target.positions);
  const high = Math.max(...target.positions);
  const tolerance = spacingOf(target) / 2 + EPSILON_MM;
  if (wanted < low - tolerance || wanted > high + tolerance) return null;
  return best;
}

/**
 * The offset that puts `sourceIndex` and `targetIndex` on the same level: what « Aligner »
 * records when the radiologist has both stacks on the same anatomy. 0 when either image has
 * no position (nothing to align).
 */
export function alignmentOffset(
  source: StackGeometry,
  sourceIndex: number,
  target: StackGeometry,
  targetIndex: number,
): number {
  const from = positionAt(source, sourceIndex);
  const to = positionAt(target, targetIndex);
  if (from === null || to === null) return 0;
  return to - (direction(source, target) ?? 1) * from;
}

/** Positions mean the same place only within one frame of reference. */
export function needsAlignment(a: StackGeometry, b: StackGeometry): boolean {
  return (
    !a.frameOfReferenceUID ||
    !b.frameOfReferenceUID ||
    a.frameOfReferenceUID !== b.frameOfReferenceUID
  );
}

// Which slice of the referenced series each frame of a DICOM SEG lies on (PS3.3 C.8.20.2).
// A frame names its source image in its DerivationImageSequence's SourceImageSequence when
// the writer kept it; that is taken first. Otherwise its PlanePositionSequence's
// ImagePositionPatient is compared with the slices' positions along the stack's normal,
// within a tolerance. A frame neither way finds is reported, never dropped silently: the
// viewer says how many it could not place.
import { dot, type Vec3 } from './patientPlane';

export interface SegFrame {
  /** 1-based, as in the object. */
  frame: number;
  segmentNumber: number;
  /** ReferencedSOPInstanceUID of each source image the frame names (often one). */
  sourceSopInstanceUIDs: readonly string[];
  /** ImagePositionPatient of the frame, null when absent. */
  position: Vec3 | null;
}

export interface ReferencedSlice {
  sopInstanceUID: string;
  position: Vec3 | null;
}

export interface FrameMatch {
  frame: number;
  segmentNumber: number;
  /** Index of the slice in the referenced series' stack. */
  slice: number;
  by: 'source' | 'position';
}

export interface FrameMapping {
  matches: FrameMatch[];
  unmatched: SegFrame[];
}

/**
 * A quarter of the smallest gap between distinct slice positions along the normal: a frame
 * written over this series lies on one of its slices (to rounding), so a frame further than
 * that from every slice was drawn on another grid and is reported rather than moved onto
 * the nearest slice. 0.5 mm when there is no gap to measure.
 */
export function sliceTolerance(slices: readonly ReferencedSlice[], normal: Vec3): number {
  const along = slices
    .map((s) => (s.position ? dot(s.position, normal) : null))
    .filter((d): d is number => d !== null)
    .sort((a, b) => a - b);
  let gap = Infinity;
  for (let i = 1; i < along.length; i++) {
    const d = (along[i] ?? 0) - (along[i - 1] ?? 0);
    if (d > 1e-3 && d < gap) gap = d;
  }
  return Number.isFinite(gap) ? gap / 4 : 0.5;
}

export function mapSegFrames(
  frames: readonly SegFrame[],
  slices: readonly ReferencedSlice[],
  normal: Vec3,
  toleranceMm: number,
): FrameMapping {
  const bySop = new Map<string, number>();
  slices.forEach((s, i) => {
    if (!bySop.has(s.sopInstanceUID)) bySop.set(s.sopInstanceUID, i);
  });
  const along = slices.map((s) => (s.position ? dot(s.position, normal) : null));
  const matches: FrameMatch[] = [];
  const unmatched: SegFrame[] = [];
  for (const f of frames) {
    const named = f.sourceSopInstanceUIDs.map((uid) => bySop.get(uid)).find((i) => i !== undefined);
    if (named !== undefined) {
      matches.push({ frame: f.frame, segmentNumber: f.segmentNumber, slice: named, by: 'source' });
      continue;
    }
    let best = -1;
    let bestDistance = Infinity;
    if (f.position) {
      const d = dot(f.position, normal);
      along.forEach((a, i) => {
        if (a === null) return;
        const dist = Math.abs(a - d);
        if (dist < bestDistance) {
          bestDistance = dist;
          best = i;
        }
      });
    }
    if (best >= 0 && bestDistance <= toleranceMm) {
      matches.push({ frame: f.frame, segmentNumber: f.segmentNumber, slice: best, by: 'position' });
    } else {
      unmatched.push(f);
    }
  }
  return { matches, unmatched };
}

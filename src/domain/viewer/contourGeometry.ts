// RTSTRUCT contours (PS3.3 C.8.8.6) over an image: ContourData is a flat list of patient
// points (x, y, z in mm); drawn over a slice they become (column, row) of that slice. Which
// slice a contour lies on: the image its ContourImageSequence names, when the writer said
// so; otherwise the slice whose plane it lies on (all its points within a tolerance).
import { distanceFromPlane, patientToImage, type ImagePlane, type Vec3 } from './patientPlane';

/** Points of a flat ContourData (x1, y1, z1, x2, …); a trailing partial triple is ignored. */
export function contourPoints(data: readonly number[]): Vec3[] {
  const out: Vec3[] = [];
  for (let i = 0; i + 2 < data.length; i += 3) out.push([data[i]!, data[i + 1]!, data[i + 2]!]);
  return out;
}

/** Each point as (column, row) of the plane's image, fractional. */
export function contourToImage(points: readonly Vec3[], plane: ImagePlane): [number, number][] {
  return points.map((p) => patientToImage(p, plane));
}

export interface SlicePlane {
  sopInstanceUID: string;
  plane: ImagePlane | null;
}

/**
 * Index of the slice a contour lies on, or null. ContourImageSequence first, then the
 * nearest plane that every point lies within `toleranceMm` of.
 */
export function sliceOfContour(
  contour: { points: readonly Vec3[]; referencedSopInstanceUIDs: readonly string[] },
  slices: readonly SlicePlane[],
  toleranceMm: number,
): number | null {
  for (const uid of contour.referencedSopInstanceUIDs) {
    const i = slices.findIndex((s) => s.sopInstanceUID === uid);
    if (i >= 0) return i;
  }
  if (contour.points.length === 0) return null;
  let best: number | null = null;
  let bestDistance = Infinity;
  slices.forEach((s, i) => {
    if (!s.plane) return;
    const plane = s.plane;
    const far = Math.max(...contour.points.map((p) => Math.abs(distanceFromPlane(p, plane))));
    if (far <= toleranceMm && far < bestDistance) {
      bestDistance = far;
      best = i;
    }
  });
  return best;
}

// The order of slices in a stack. Sources answer instances in any order (Orthanc: by
// arrival), so the viewer sorts: along the slice normal when every slice has a position
// and an orientation (the anatomical order; PS3.3 C.7.6.2), by InstanceNumber otherwise.
import type { Vec3 } from './orientationMarkers';

export interface SliceGeometry {
  instanceNumber: number | null;
  imagePositionPatient: readonly number[] | null;
  imageOrientationPatient: readonly number[] | null;
}

function normalOf(iop: readonly number[]): Vec3 | null {
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = iop;
  const n: Vec3 = [b * f - c * e, c * d - a * f, a * e - b * d];
  return Math.hypot(...n) > 0.5 ? n : null;
}

function byInstanceNumber(a: SliceGeometry, b: SliceGeometry): number {
  return (
    (a.instanceNumber ?? Number.MAX_SAFE_INTEGER) - (b.instanceNumber ?? Number.MAX_SAFE_INTEGER)
  );
}

/**
 * Sorted copy. Spatial order runs from the last slice along the normal to the first, so an
 * axial CT reads head → feet, as radiologists scroll it.
 */
export function sortSlices<T extends SliceGeometry>(slices: readonly T[]): T[] {
  const first = slices[0];
  const iop = first?.imageOrientationPatient;
  const normal = iop && iop.length >= 6 ? normalOf(iop) : null;
  const spatial =
    normal !== null &&
    slices.length > 1 &&
    slices.every((s) => s.imagePositionPatient && s.imagePositionPatient.length >= 3);
  if (!spatial) return [...slices].sort(byInstanceNumber);
  const distance = (s: T): number => {
    const p = s.imagePositionPatient ?? [];
    return (p[0] ?? 0) * normal[0] + (p[1] ?? 0) * normal[1] + (p[2] ?? 0) * normal[2];
  };
  return [...slices].sort((a, b) => distance(b) - distance(a) || byInstanceNumber(a, b));
}

// An image's plane in patient coordinates (PS3.3 C.7.6.2.1.1): where its first pixel's centre
// lies (ImagePositionPatient), the directions of its rows and columns
// (ImageOrientationPatient) and the distances between pixels (PixelSpacing: between rows
// first, then between columns). Derived objects (SEG frames, RTSTRUCT contours, RTDOSE
// grids) are placed over an image through these alone.

export type Vec3 = readonly [number, number, number];

export interface ImagePlane {
  position: Vec3;
  /** Direction along a row (increasing column): ImageOrientationPatient[0..2]. */
  rowDirection: Vec3;
  /** Direction along a column (increasing row): ImageOrientationPatient[3..5]. */
  columnDirection: Vec3;
  /** PixelSpacing[0]: mm between the centres of adjacent rows. */
  rowSpacing: number;
  /** PixelSpacing[1]: mm between the centres of adjacent columns. */
  columnSpacing: number;
}

export function dot(a: Vec3, b: Vec3): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

export function sub(a: Vec3, b: Vec3): Vec3 {
  return [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
}

export function cross(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

/** The plane's normal, rows × columns (the direction slices of a stack advance along). */
export function normalOf(plane: Pick<ImagePlane, 'rowDirection' | 'columnDirection'>): Vec3 {
  return cross(plane.rowDirection, plane.columnDirection);
}

/** (column, row), fractional, of a patient point projected onto the plane. */
export function patientToImage(point: Vec3, plane: ImagePlane): [number, number] {
  const d = sub(point, plane.position);
  return [
    dot(d, plane.rowDirection) / plane.columnSpacing,
    dot(d, plane.columnDirection) / plane.rowSpacing,
  ];
}

/** The patient point at the centre of pixel (column, row). */
export function imageToPatient(column: number, row: number, plane: ImagePlane): Vec3 {
  const { position: p, rowDirection: r, columnDirection: c } = plane;
  const u = column * plane.columnSpacing;
  const v = row * plane.rowSpacing;
  return [p[0] + u * r[0] + v * c[0], p[1] + u * r[1] + v * c[1], p[2] + u * r[2] + v * c[2]];
}

/** Signed distance (mm) of a point from the plane, along its normal. */
export function distanceFromPlane(point: Vec3, plane: ImagePlane): number {
  return dot(sub(point, plane.position), normalOf(plane));
}

/** A plane from the DICOM values, or null when one is missing or degenerate. */
export function imagePlaneOf(
  position: readonly number[] | null | undefined,
  orientation: readonly number[] | null | undefined,
  spacing: readonly number[] | null | undefined,
): ImagePlane | null {
  if (!position || position.length < 3 || !orientation || orientation.length < 6) return null;
  if (!spacing || spacing.length < 2) return null;
  const [rowSpacing = 0, columnSpacing = 0] = spacing;
  if (!(rowSpacing > 0) || !(columnSpacing > 0)) return null;
  const v = (a: readonly number[], i: number): Vec3 => [a[i] ?? 0, a[i + 1] ?? 0, a[i + 2] ?? 0];
  const plane: ImagePlane = {
    position: v(position, 0),
    rowDirection: v(orientation, 0),
    columnDirection: v(orientation, 3),
    rowSpacing,
    columnSpacing,
  };
  const n = normalOf(plane);
  return dot(n, n) > 0.5 ? plane : null;
}

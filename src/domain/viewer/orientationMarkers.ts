// Orientation letters at the edges of a view (PS3.3 C.7.6.2.1.1): a direction in the
// patient coordinate system (LPS: +x = patient's left, +y = posterior, +z = head) is named
// by its dominant axes, strongest first, e.g. an oblique "LP". Computed from the view's
// screen axes, so rotation, flips and MPR planes are all covered by one rule.

export type Vec3 = readonly [number, number, number];

const LETTERS: readonly [positive: string, negative: string][] = [
  ['L', 'R'],
  ['P', 'A'],
  ['H', 'F'],
];

/** Axes weaker than this share of the direction are not named (about 30° obliquity). */
const OBLIQUE_THRESHOLD = 0.5;

export function directionLabel(direction: Vec3): string {
  const length = Math.hypot(direction[0], direction[1], direction[2]);
  if (!(length > 0)) return '';
  const parts = direction
    .map((v, axis) => ({ axis, v: v / length }))
    .filter(
      (p) =>
        Math.abs(p.v) >=
        OBLIQUE_THRESHOLD * Math.max(...direction.map((d) => Math.abs(d / length))),
    )
    .sort((a, b) => Math.abs(b.v) - Math.abs(a.v));
  return parts
    .map(({ axis, v }) => {
      const letters = LETTERS[axis];
      return letters ? (v > 0 ? letters[0] : letters[1]) : '';
    })
    .join('');
}

export interface EdgeMarkers {
  top: string;
  bottom: string;
  left: string;
  right: string;
}

/**
 * Markers for a view whose screen "right" and "down" directions are given in patient
 * coordinates (for a stack as displayed: the row and column direction cosines of
 * ImageOrientationPatient).
 */
export function edgeMarkers(screenRight: Vec3, screenDown: Vec3): EdgeMarkers {
  const neg = (v: Vec3): Vec3 => [-v[0], -v[1], -v[2]];
  return {
    right: directionLabel(screenRight),
    left: directionLabel(neg(screenRight)),
    bottom: directionLabel(screenDown),
    top: directionLabel(neg(screenDown)),
  };
}

/** ImageOrientationPatient's six values as (row direction, column direction), or null. */
export function orientationVectors(iop: readonly number[] | null | undefined): [Vec3, Vec3] | null {
  if (!iop || iop.length < 6 || iop.some((v) => !Number.isFinite(v))) return null;
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = iop;
  if (Math.hypot(a, b, c) < 0.5 || Math.hypot(d, e, f) < 0.5) return null;
  return [
    [a, b, c],
    [d, e, f],
  ];
}

// A nodule measured today and on the prior: how much it changed, in its unit and in per cent
// of the prior value — the figures a follow-up report quotes (« 6 mm → 8 mm, +33 % »).
// Measurements are made by the radiologist on each study; nothing here copies one across.
//
// Only like with like: a length with a length in the same unit, an area with an area. A
// percentage needs a ratio scale with a positive prior value: it means something for a
// length, an area, a mean SUV, not for a mean in Hounsfield units, whose zero is water's
// density (from 10 to 20 HU is no « +100 % »); there it is null and the difference stands
// alone.

export interface TimedMeasurement {
  kind: 'length' | 'area' | 'mean';
  value: number;
  unit: string;
  studyDate: string | null;
  role: 'current' | 'prior';
}

export interface MeasurementChange {
  difference: number;
  percent: number | null;
  unit: string;
}

/** Units on an interval scale: a difference means something, a ratio does not. */
const INTERVAL_UNITS = new Set(['HU']);

/** « mm2 », « mm^2 » and « mm² » are one unit, whatever the tool wrote. */
function unitKey(unit: string): string {
  return unit.trim().replace(/\^?2$/, '²').replace(/\^?3$/, '³');
}

export function measurementChange(
  current: TimedMeasurement,
  prior: TimedMeasurement,
): MeasurementChange | null {
  if (current.kind !== prior.kind) return null;
  const unit = unitKey(current.unit);
  if (unit !== unitKey(prior.unit)) return null;
  if (!Number.isFinite(current.value) || !Number.isFinite(prior.value)) return null;
  const difference = current.value - prior.value;
  const ratio = !INTERVAL_UNITS.has(unit.toUpperCase()) && prior.value > 0;
  return {
    difference,
    percent: ratio ? (difference / prior.value) * 100 : null,
    unit: current.unit,
  };
}

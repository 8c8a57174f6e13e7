// The text written beside a measurement on the image, in the reader's language: the
// numbers a radiologist copies into a report (decimal comma in French), each with its unit
// and a word saying what it is — Cornerstone's own lines are English ("Area:", "Std Dev:").

export interface MeasurementLabels {
  area: string;
  mean: string;
  stdDev: string;
  minMax: string;
  pixel: string;
}

/** What Cornerstone's measurement tools keep in `cachedStats` (the fields we show). */
export interface MeasurementStats {
  length?: unknown;
  unit?: unknown;
  angle?: unknown;
  area?: unknown;
  areaUnit?: unknown;
  isEmptyArea?: unknown;
  mean?: unknown;
  stdDev?: unknown;
  min?: unknown;
  max?: unknown;
  modalityUnit?: unknown;
  value?: unknown;
  index?: unknown;
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Cornerstone says "raw" for values without a unit (MR): nothing is clearer than a unit. */
function unitText(unit: unknown): string {
  return typeof unit === 'string' && unit !== 'raw' ? ` ${unit}` : '';
}

/**
 * SUV values are read to the hundredth (SUVmax 2.47); HU and counts to the unit, their
 * means to a tenth.
 */
function valueDigits(unit: unknown, usual: number): number {
  return typeof unit === 'string' && unit.startsWith('SUV') ? 2 : usual;
}

function formatter(language: string, digits: number): (n: number) => string {
  const format = new Intl.NumberFormat(language, {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  });
  return (n) => format.format(n);
}

export function lengthLines(stats: MeasurementStats, language: string): string[] {
  if (!isNumber(stats.length)) return [];
  return [`${formatter(language, 1)(stats.length)}${unitText(stats.unit)}`];
}

export function angleLines(stats: MeasurementStats, language: string): string[] {
  // Cornerstone stores the string 'Incomplete Angle' until the third point is placed.
  if (!isNumber(stats.angle)) return [];
  return [`${formatter(language, 1)(stats.angle)}°`];
}

/** Elliptical and rectangular ROI: area, then the values inside it. */
export function areaLines(
  stats: MeasurementStats,
  labels: MeasurementLabels,
  language: string,
): string[] {
  const one = formatter(language, valueDigits(stats.modalityUnit, 1));
  const lines: string[] = [];
  if (isNumber(stats.area) && stats.isEmptyArea !== true) {
    lines.push(`${labels.area} ${formatter(language, 0)(stats.area)}${unitText(stats.areaUnit)}`);
  }
  const unit = unitText(stats.modalityUnit);
  if (isNumber(stats.mean)) lines.push(`${labels.mean} ${one(stats.mean)}${unit}`);
  if (isNumber(stats.stdDev)) lines.push(`${labels.stdDev} ${one(stats.stdDev)}${unit}`);
  if (isNumber(stats.min) && isNumber(stats.max)) {
    const whole = formatter(language, valueDigits(stats.modalityUnit, 0));
    lines.push(`${labels.minMax} ${whole(stats.min)} / ${whole(stats.max)}${unit}`);
  }
  return lines;
}

export function probeLines(
  stats: MeasurementStats,
  labels: MeasurementLabels,
  language: string,
): string[] {
  if (!isNumber(stats.value)) return [];
  const lines: string[] = [];
  const index = Array.isArray(stats.index) ? (stats.index as unknown[]) : [];
  const [column, row] = index;
  if (isNumber(column) && isNumber(row)) lines.push(`${labels.pixel} (${column}, ${row})`);
  const digits = valueDigits(stats.modalityUnit, 1);
  lines.push(`${formatter(language, digits)(stats.value)}${unitText(stats.modalityUnit)}`);
  return lines;
}

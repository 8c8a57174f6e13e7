// Which prior measurement each measurement on today's study is compared with: by default the
// prior's measurement of the same kind made in the same rank (the first length today with
// the first length on the prior), or the one the user chose. Nothing is copied from one
// study to another: each value was measured by the user on its own images.
import type { MeasurementRecord } from '../../../lib/cornerstone/measurementRecords';

export interface StudyMeasurement extends MeasurementRecord {
  /** 0 the current study, 1 and 2 the priors. */
  study: number;
}

export interface MeasurementPair {
  current: StudyMeasurement;
  /** Same kind, on a prior; null when none is there (yet). */
  prior: StudyMeasurement | null;
  /** The prior measurements it may be compared with instead. */
  choices: StudyMeasurement[];
}

export function pairMeasurements(
  measurements: readonly StudyMeasurement[],
  chosen: Readonly<Record<string, string>>,
): MeasurementPair[] {
  const current = measurements.filter((m) => m.study === 0);
  const priors = measurements.filter((m) => m.study > 0);
  const rank = new Map<string, number>();
  return current.map((m) => {
    const choices = priors.filter((p) => p.kind === m.kind);
    const n = rank.get(m.kind) ?? 0;
    rank.set(m.kind, n + 1);
    const asked = chosen[m.uid];
    const prior =
      asked !== undefined ? (choices.find((p) => p.uid === asked) ?? null) : (choices[n] ?? null);
    return { current: m, prior, choices };
  });
}

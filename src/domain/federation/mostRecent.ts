// "Only the N most recent studies" (IHE IID `mostRecentResults`): a GP's software asks for
// the last two exams, not the patient's whole history. Applied after the other filters —
// the N most recent CTs, not the CTs among the N most recent exams — and before the user's
// own sort, which only reorders what is kept.
// Undated studies come last (their age is unknown: they are not "recent"), so they are kept
// only when fewer than N dated studies match. Equal dates fall back on the study time, then
// the UID, as the list's sort does, so the same N are kept from one render to the next.
import { DEFAULT_SORT, sortStudies, type SortableStudy } from './sortStudies';

/** More than any patient's list: a bound on what a forged URL can ask for. */
export const MAX_MOST_RECENT = 9999;

const COUNT = /^[1-9]\d{0,3}$/;

/** A count from a URL or a link (`2`); null when absent or not a count from 1 to 9999. */
export function parseMostRecent(value: string | null | undefined): number | null {
  const text = value?.trim() ?? '';
  return COUNT.test(text) ? Number(text) : null;
}

/** The `count` most recent rows, newest first; every row when `count` is undefined. */
export function keepMostRecent<T extends SortableStudy>(
  rows: readonly T[],
  count: number | undefined,
): T[] {
  if (count === undefined) return [...rows];
  return sortStudies(rows, DEFAULT_SORT).slice(0, Math.max(0, count));
}

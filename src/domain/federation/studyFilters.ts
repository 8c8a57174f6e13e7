// The list filters and what they mean, in one pure place so that the browser applies
// exactly what it could not ask a source to do.
//
// Date rules (why):
// - "today" is passed in, never read from the clock here: the same filters give the same
//   rows in a test, on a server and in a browser at midnight.
// - A preset counts back from today on the calendar (1 year before 2025-03-01 is
//   2024-03-01; from a 29 February, the 28th), bounds included, no upper bound — a study
//   dated tomorrow by a clock-skewed modality is still shown.
// - A study WITHOUT a StudyDate is KEPT by every date filter: its age is unknown, and
//   hiding it would make the one exam a GP needs unreachable. It sorts last (sortStudies)
//   so it does not pollute a recent list. Caveat: a source that filters dates itself
//   (capability studyDateRange) decides on its own and may not return undated studies.
import { isoDate } from '../dicom/dicomJson';
import { isImageModality } from '../dicom/modalities';
import type { RegionOrUnspecified } from '../anatomy/regions';

export type DatePreset = 'all' | '1y' | '5y';

export type DateFilter = { preset: DatePreset } | { from?: string; to?: string };

export interface StudyFilters {
  /** Selected modalities; empty = all. A study matches if it contains any of them. */
  modalities: string[];
  /** Selected regions (CISIS codes or NOT_SPECIFIED); empty = all. */
  regions: string[];
  date: DateFilter;
  /**
   * Show only this many of the matching studies, the most recent (IHE IID
   * `mostRecentResults`); absent = all. Applied after the other filters (mostRecent.ts).
   */
  mostRecent?: number;
}

export const NO_FILTERS: StudyFilters = { modalities: [], regions: [], date: { preset: 'all' } };

export type FilterKind = 'issuer' | 'modality' | 'date' | 'region';

/** What applyFilters needs of a row (a MergedStudy fits). */
export interface FilterableStudy {
  date: string | null;
  modalities: { images: readonly string[]; others: readonly string[] };
  regions: readonly { code: RegionOrUnspecified }[];
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const m = ISO.exec(value);
  return !!m && isoDate(Number(m[1]), Number(m[2]), Number(m[3])) === value;
}

function yearsBefore(today: string, years: number): string | undefined {
  const m = ISO.exec(today);
  if (!m) return undefined;
  const y = Number(m[1]) - years;
  const month = Number(m[2]);
  const day = Number(m[3]);
  return isoDate(y, month, day) ?? isoDate(y, month, day - 1) ?? undefined;
}

/**
 * What is wrong with a custom range, if anything: a start after the end is refused, never
 * guessed (swapping it silently once hid that a GP had typed the wrong year).
 */
export function dateRangeProblem(filter: DateFilter): 'reversed' | null {
  if ('preset' in filter) return null;
  const { from, to } = filter;
  if (from && to && isIsoDate(from) && isIsoDate(to) && from > to) return 'reversed';
  return null;
}

/**
 * Inclusive ISO bounds; an invalid custom bound is ignored rather than failing the list, and
 * a reversed range (dateRangeProblem) filters nothing until it is corrected.
 */
export function resolveDateRange(
  filter: DateFilter,
  today: string,
): { from?: string; to?: string } {
  if ('preset' in filter) {
    if (filter.preset === '1y') return { from: yearsBefore(today, 1) };
    if (filter.preset === '5y') return { from: yearsBefore(today, 5) };
    return {};
  }
  const range: { from?: string; to?: string } = {};
  if (filter.from && isIsoDate(filter.from)) range.from = filter.from;
  if (filter.to && isIsoDate(filter.to)) range.to = filter.to;
  if (range.from && range.to && range.from > range.to) return {};
  return range;
}

export function matchesDate(
  studyDate: string | null,
  range: { from?: string; to?: string },
): boolean {
  if (studyDate === null) return true;
  if (range.from && studyDate < range.from) return false;
  if (range.to && studyDate > range.to) return false;
  return true;
}

export function applyFilters<T extends FilterableStudy>(
  rows: readonly T[],
  filters: StudyFilters,
  today: string,
): T[] {
  const modalities = new Set(filters.modalities);
  const regions = new Set(filters.regions);
  const range = resolveDateRange(filters.date, today);
  return rows.filter((row) => {
    if (modalities.size > 0) {
      const all = [...row.modalities.images, ...row.modalities.others];
      if (!all.some((m) => modalities.has(m))) return false;
    }
    if (regions.size > 0 && !row.regions.some((r) => regions.has(r.code))) return false;
    return matchesDate(row.date, range);
  });
}

/**
 * The modality choices: what the rows contain, images first, plus whatever is selected —
 * a source that filtered by modality itself only returns the selected ones, and a choice
 * must not vanish from the list while it is ticked.
 */
export function availableModalities(
  rows: readonly FilterableStudy[],
  selected: readonly string[] = [],
): { images: string[]; others: string[] } {
  const images = new Set<string>();
  const others = new Set<string>();
  for (const row of rows) {
    for (const m of row.modalities.images) images.add(m);
    for (const m of row.modalities.others) others.add(m);
  }
  for (const m of selected) (isImageModality(m) ? images : others).add(m);
  return { images: [...images].sort(), others: [...others].sort() };
}

/**
 * The modality filter's choices: the imaging modalities of every loaded row — the unfiltered
 * list, so ticking CT never shrinks the choices to CT — plus whatever is ticked, so a choice
 * from a link (IID `modalitiesInStudy=SR`) can still be unticked. Non-image objects (SR, DOC,
 * KO, PR…) are not exams a GP filters on: they are never offered on their own.
 */
export function modalityChoices(
  rows: readonly FilterableStudy[],
  selected: readonly string[] = [],
): string[] {
  const choices = new Set<string>();
  for (const row of rows) for (const m of row.modalities.images) choices.add(m);
  for (const m of selected) choices.add(m);
  return [...choices].sort();
}

/** How many rows have no date, so the list can say they are shown whatever the date filter. */
export function countUndated(rows: readonly FilterableStudy[]): number {
  return rows.filter((r) => r.date === null).length;
}

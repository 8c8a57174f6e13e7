// Orderings of the study list; regions go head to feet (anatomy/regions.ts, HEAD_TO_FEET).
// Whatever the direction, rows missing the sort key go last: an undated study or one of
// unknown region is not "the oldest" or "the first" — it is unknown, and should not push the
// studies the user is looking for off the screen.
// Ties fall back to date (newest first), then StudyInstanceUID, so the order is stable from
// one render to the next.
import { regionRank } from '../anatomy/regions';
import type { RegionOrUnspecified } from '../anatomy/regions';

export type SortKey = 'date' | 'modality' | 'region';
export type SortDirection = 'asc' | 'desc';

export interface StudySort {
  key: SortKey;
  direction: SortDirection;
}

/** Newest first: what a GP opening a patient wants to see. */
export const DEFAULT_SORT: StudySort = { key: 'date', direction: 'desc' };

/** What sorting needs of a row (a MergedStudy fits). */
export interface SortableStudy {
  studyInstanceUID: string;
  date: string | null;
  time: string;
  modalities: { images: readonly string[]; others: readonly string[] };
  regions: readonly { code: RegionOrUnspecified }[];
}

type Key = string | number | null;

function dateKey(s: SortableStudy): Key {
  return s.date === null ? null : `${s.date}T${s.time.padEnd(6, '0').slice(0, 6)}`;
}

function modalityKey(s: SortableStudy): Key {
  const list = s.modalities.images.length > 0 ? s.modalities.images : s.modalities.others;
  return list.length === 0 ? null : list.join(',');
}

function regionKey(s: SortableStudy): Key {
  const ranks = s.regions.map((r) => regionRank(r.code));
  const best = ranks.length === 0 ? Infinity : Math.min(...ranks);
  // NOT_SPECIFIED ranks after every region: treated as a missing key.
  return best >= regionRank('NOT_SPECIFIED') ? null : best;
}

const KEYS: Readonly<Record<SortKey, (s: SortableStudy) => Key>> = {
  date: dateKey,
  modality: modalityKey,
  region: regionKey,
};

function compareKeys(a: Key, b: Key, direction: SortDirection): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  const c = a < b ? -1 : 1;
  return direction === 'asc' ? c : -c;
}

export function sortStudies<T extends SortableStudy>(rows: readonly T[], sort: StudySort): T[] {
  const key = KEYS[sort.key];
  return [...rows].sort(
    (a, b) =>
      compareKeys(key(a), key(b), sort.direction) ||
      compareKeys(dateKey(a), dateKey(b), 'desc') ||
      (a.studyInstanceUID < b.studyInstanceUID
        ? -1
        : a.studyInstanceUID > b.studyInstanceUID
          ? 1
          : 0),
  );
}

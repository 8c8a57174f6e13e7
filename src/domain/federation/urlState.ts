// The study list's state lives in the URL so that it can be bookmarked, shared and restored
// with the back button — but a URL ends up in history, logs and screenshots, so it never
// carries a patient identifier: only an opaque key the gateway seals (patientKeyValue.ts).
// URLs are typed and pasted by people and forged by others: every parameter is validated,
// anything malformed is ignored (the default applies) and nothing here throws.
import { isRegionOrUnspecified } from '../anatomy/regions';
import { normalizeModality } from '../dicom/modalities';
import { isIsoDate, NO_FILTERS } from './studyFilters';
import { parseMostRecent } from './mostRecent';
import type { DateFilter, StudyFilters } from './studyFilters';
import { DEFAULT_SORT } from './sortStudies';
import type { SortDirection, SortKey, StudySort } from './sortStudies';

export const PARAM = {
  patient: 'p',
  modality: 'mod',
  region: 'region',
  date: 'date',
  from: 'from',
  to: 'to',
  sort: 'sort',
  mostRecent: 'recent',
} as const;

/** More values than any real choice list has: a bound on what a forged URL can make us do. */
const MAX_VALUES = 32;
const KEY = /^[A-Za-z0-9_-]{8,64}$/;

export interface StudyListUrlState {
  patientKey: string | null;
  filters: StudyFilters;
  sort: StudySort;
}

type ParamsInput = URLSearchParams | string;

function params(input: ParamsInput): URLSearchParams {
  try {
    return typeof input === 'string' ? new URLSearchParams(input) : input;
  } catch {
    return new URLSearchParams();
  }
}

/** Values of a list parameter, given repeated (`mod=CT&mod=MR`) or comma-joined (`mod=CT,MR`). */
function list(p: URLSearchParams, name: string): string[] {
  return p
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '')
    .slice(0, MAX_VALUES);
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

export function filtersFromSearchParams(input: ParamsInput): StudyFilters {
  const p = params(input);
  const modalities = unique(
    list(p, PARAM.modality)
      .map(normalizeModality)
      .filter((m): m is string => m !== null),
  );
  const regions = unique(list(p, PARAM.region).filter(isRegionOrUnspecified));
  let date: DateFilter = NO_FILTERS.date;
  const preset = p.get(PARAM.date);
  const from = p.get(PARAM.from) ?? '';
  const to = p.get(PARAM.to) ?? '';
  if (preset === '1y' || preset === '5y' || preset === 'all') date = { preset };
  else if (isIsoDate(from) || isIsoDate(to)) {
    date = {};
    if (isIsoDate(from)) date.from = from;
    if (isIsoDate(to)) date.to = to;
  }
  const mostRecent = parseMostRecent(p.get(PARAM.mostRecent));
  return mostRecent === null
    ? { modalities, regions, date }
    : { modalities, regions, date, mostRecent };
}

export function filtersToSearchParams(
  filters: StudyFilters,
  into = new URLSearchParams(),
): URLSearchParams {
  if (filters.modalities.length > 0) into.set(PARAM.modality, filters.modalities.join(','));
  if (filters.regions.length > 0) into.set(PARAM.region, filters.regions.join(','));
  if ('preset' in filters.date) {
    if (filters.date.preset !== 'all') into.set(PARAM.date, filters.date.preset);
  } else {
    if (filters.date.from) into.set(PARAM.from, filters.date.from);
    if (filters.date.to) into.set(PARAM.to, filters.date.to);
  }
  const mostRecent = parseMostRecent(String(filters.mostRecent ?? ''));
  if (mostRecent !== null) into.set(PARAM.mostRecent, String(mostRecent));
  return into;
}

function sortFrom(value: string | null): StudySort {
  const [key, direction] = (value ?? '').split('-');
  const keys: SortKey[] = ['date', 'modality', 'region'];
  const directions: SortDirection[] = ['asc', 'desc'];
  if (keys.includes(key as SortKey) && directions.includes(direction as SortDirection)) {
    return { key: key as SortKey, direction: direction as SortDirection };
  }
  return DEFAULT_SORT;
}

export function urlStateFromSearchParams(input: ParamsInput): StudyListUrlState {
  const p = params(input);
  const key = p.get(PARAM.patient);
  return {
    patientKey: key !== null && KEY.test(key) ? key : null,
    filters: filtersFromSearchParams(p),
    sort: sortFrom(p.get(PARAM.sort)),
  };
}

/** Default values are left out, so that a plain list has a plain URL. */
export function urlStateToSearchParams(state: StudyListUrlState): URLSearchParams {
  const p = new URLSearchParams();
  if (state.patientKey !== null && KEY.test(state.patientKey))
    p.set(PARAM.patient, state.patientKey);
  filtersToSearchParams(state.filters, p);
  if (state.sort.key !== DEFAULT_SORT.key || state.sort.direction !== DEFAULT_SORT.direction) {
    p.set(PARAM.sort, `${state.sort.key}-${state.sort.direction}`);
  }
  return p;
}

export function isPatientKey(value: string): boolean {
  return KEY.test(value);
}

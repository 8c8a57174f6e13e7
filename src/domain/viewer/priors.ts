// Which of a patient's other studies a radiologist wants beside today's, best first. The
// rule (issue 17), as a reader would say it:
// 1. the same exam — same modality and same CISIS region (« même examen »): last year's
//    chest CT for today's chest CT;
// 2. then the same region in another modality (the chest radiograph);
// 3. then the same modality elsewhere in the body;
// 4. then everything else.
// Within each group, the nearest earlier study first (what changed since last time), then
// the later ones, nearest first (a prior opened from an old study), undated ones last.
// The proposed prior — the one compare mode opens — is the first earlier study of the best
// group that has one, else the first ranked.
//
// What counts:
// - image modalities only: a report (SR, DOC), key images (KO) or a presentation state (PR)
//   in both studies make no « same modality »; nor does OT, the secondary captures (dose
//   screens, scanned requests) any kind of exam may carry;
// - a real region only: two studies « Non précisé » are not known to show the same anatomy.
// A study the same day counts as earlier unless both times say it was acquired after.
// Which studies the user may see (consent, break-the-glass) is decided before: whatever is
// passed in is ranked, whichever source holds it.
import { NOT_SPECIFIED } from '../anatomy/regions';
import { isImageModality } from '../dicom/modalities';
import type { MergedStudy } from '../federation/mergeStudies';

export type PriorMatch = 'sameExam' | 'sameRegion' | 'sameModality' | 'other';

/**
 * From the current study to the prior, calendar-based and in one unit only: whole years when
 * at least one (« 2 ans avant »), else whole months (« 3 mois avant »), else days
 * (« 12 jours avant »); the other two fields are 0. `sameDay` and `undated` (either date
 * missing) have all three at 0.
 */
export interface PriorInterval {
  direction: 'before' | 'after' | 'sameDay' | 'undated';
  years: number;
  months: number;
  days: number;
}

export interface RankedPrior {
  study: MergedStudy;
  match: PriorMatch;
  interval: PriorInterval;
  proposed: boolean;
}

const MATCH_ORDER: readonly PriorMatch[] = ['sameExam', 'sameRegion', 'sameModality', 'other'];

interface Day {
  y: number;
  m: number;
  d: number;
  utc: number;
}

const DATE = /^(\d{4})-?(\d{2})-?(\d{2})$/;
const DAY_MS = 86_400_000;

function dayOf(iso: string | null): Day | null {
  const m = iso ? DATE.exec(iso.trim()) : null;
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const utc = Date.UTC(y, mo - 1, d);
  const check = new Date(utc);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) {
    return null;
  }
  return { y, m: mo, d, utc };
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Whole months from `from` to the later `to`; the 31st reaches the end of a shorter month. */
function wholeMonths(from: Day, to: Day): number {
  const months = (to.y - from.y) * 12 + (to.m - from.m);
  const anniversary = Math.min(from.d, daysInMonth(to.y, to.m));
  return to.d < anniversary ? months - 1 : months;
}

function span(from: Day, to: Day): { years: number; months: number; days: number } {
  const months = wholeMonths(from, to);
  if (months >= 12) return { years: Math.floor(months / 12), months: 0, days: 0 };
  if (months >= 1) return { years: 0, months, days: 0 };
  return { years: 0, months: 0, days: Math.round((to.utc - from.utc) / DAY_MS) };
}

export function intervalBetween(currentIso: string | null, priorIso: string | null): PriorInterval {
  const current = dayOf(currentIso);
  const prior = dayOf(priorIso);
  const none = { years: 0, months: 0, days: 0 };
  if (!current || !prior) return { direction: 'undated', ...none };
  if (prior.utc === current.utc) return { direction: 'sameDay', ...none };
  return prior.utc < current.utc
    ? { direction: 'before', ...span(prior, current) }
    : { direction: 'after', ...span(current, prior) };
}

function examModalities(s: MergedStudy): Set<string> {
  return new Set(s.modalities.images.filter((m) => isImageModality(m) && m !== 'OT'));
}

function examRegions(s: MergedStudy): Set<string> {
  return new Set(s.regions.map((r) => r.code).filter((c) => c !== NOT_SPECIFIED));
}

const shares = (a: Set<string>, b: Set<string>) => [...a].some((x) => b.has(x));

/** How a study relates to the current one (the group it ranks in). */
export function priorMatch(current: MergedStudy, other: MergedStudy): PriorMatch {
  const modality = shares(examModalities(current), examModalities(other));
  const region = shares(examRegions(current), examRegions(other));
  if (modality && region) return 'sameExam';
  if (region) return 'sameRegion';
  if (modality) return 'sameModality';
  return 'other';
}

/** Seconds since midnight of a DICOM TM (HHMMSS.frac, HHMM or HH); null when unreadable. */
function secondsOf(time: string): number | null {
  const m = /^(\d{2})(\d{2})?(\d{2})?/.exec(time.trim());
  if (!m) return null;
  const [h, mi, s] = [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)];
  return h < 24 && mi < 60 && s < 61 ? h * 3600 + mi * 60 + s : null;
}

interface Row {
  prior: RankedPrior;
  group: number;
  /** 0 earlier, 1 later, 2 undated. */
  when: number;
  days: number;
  /** Nearer first among studies the same number of days away; unknown times last. */
  nearness: number;
}

function rowOf(current: MergedStudy, study: MergedStudy): Row {
  const match = priorMatch(current, study);
  const interval = intervalBetween(current.date, study.date);
  const a = dayOf(current.date);
  const b = dayOf(study.date);
  const tc = secondsOf(current.time);
  const tp = secondsOf(study.time);
  let when = 2;
  if (interval.direction === 'before') when = 0;
  else if (interval.direction === 'after') when = 1;
  else if (interval.direction === 'sameDay') when = tc !== null && tp !== null && tp > tc ? 1 : 0;
  // For an earlier study, the later in its day is the nearer; for a later one, the earlier.
  const nearness = tp === null ? Number.POSITIVE_INFINITY : when === 0 ? -tp : tp;
  return {
    prior: { study, match, interval, proposed: false },
    group: MATCH_ORDER.indexOf(match),
    when,
    days: a && b ? Math.abs(a.utc - b.utc) / DAY_MS : 0,
    nearness,
  };
}

function compareRows(a: Row, b: Row): number {
  return (
    a.group - b.group ||
    a.when - b.when ||
    a.days - b.days ||
    (a.nearness === b.nearness ? 0 : a.nearness < b.nearness ? -1 : 1) ||
    (a.prior.study.studyInstanceUID < b.prior.study.studyInstanceUID ? -1 : 1)
  );
}

export function rankPriors(current: MergedStudy, others: readonly MergedStudy[]): RankedPrior[] {
  const seen = new Set<string>([current.studyInstanceUID]);
  const rows: Row[] = [];
  for (const study of others) {
    // One exam, however many rows name it (the caller's lists may overlap).
    if (seen.has(study.studyInstanceUID)) continue;
    seen.add(study.studyInstanceUID);
    rows.push(rowOf(current, study));
  }
  rows.sort(compareRows);
  const proposed = rows.find((r) => r.when === 0) ?? rows[0];
  if (proposed) proposed.prior.proposed = true;
  return rows.map((r) => r.prior);
}

// Which prior series goes beside which current series in compare mode. A radiologist
// compares like with like: the same modality always (a CT is never read against an MR
// series), then, in this order of importance:
// 1. the same plane, when both are known — an axial stack beside an axial stack is what slice
//    sync needs;
// 2. for projection images, the same side and the same view (a left hand PA with a left hand
//    PA);
// 3. the same body part (the same term best, the same CISIS region next);
// 4. the most similar description (normalised words, descriptionTokens.ts);
// 5. the closest number of images (the thin-slice volume with the thin-slice volume).
// A criterion decides only when the ones before it tie.
//
// One-to-one first: the best-scoring pairs are taken first and each prior series used once,
// as long as a current series still finds an unused prior series as good on the criteria
// 1–3; otherwise it shares its best one (today's MEDIASTIN and PARENCHYME windows against
// the prior's one series). A current series with no prior series of its modality, or one
// that is not an image (SR, KO, PR…), gets null.
import { regionsOfBodyPart } from '../anatomy/bodyPartTable';
import { isImageModality } from '../dicom/modalities';
import { descriptionSimilarity, descriptionTokens } from './descriptionTokens';
import { sliceNormal } from './sliceSync';
import { viewKey } from './viewCodes';

export type Plane = 'axial' | 'sagittal' | 'coronal' | 'oblique';

/** A plane is named when its normal lies within this angle of an axis (a tilted gantry). */
const NAMED_PLANE_MAX_DEGREES = 35;
const NAMED_PLANE_MIN_COS = Math.cos((NAMED_PLANE_MAX_DEGREES * Math.PI) / 180);

export function planeOf(imageOrientationPatient: readonly number[] | null): Plane | null {
  const n = imageOrientationPatient ? sliceNormal(imageOrientationPatient) : null;
  if (!n) return null;
  const [x, y, z] = n.map(Math.abs) as [number, number, number];
  const max = Math.max(x, y, z);
  if (max < NAMED_PLANE_MIN_COS) return 'oblique';
  return max === z ? 'axial' : max === x ? 'sagittal' : 'coronal';
}

export interface PairableSeries {
  seriesInstanceUID: string;
  modality: string;
  description: string;
  bodyPartExamined?: string;
  plane?: Plane | null;
  numberOfInstances?: number | null;
  laterality?: string | null;
  viewCode?: string | null;
  /** SeriesNumber: the acquisition order, used to choose a study's first series. */
  seriesNumber?: number | null;
}

/** The plane a description names (« AX T2 », « Sagittal DP »), when it names exactly one. */
export function planeOfDescription(description: string): Plane | null {
  const tokens = descriptionTokens(description);
  const named = (['AX', 'SAG', 'COR'] as const).filter((t) => tokens.has(t));
  if (named.length !== 1) return null;
  return named[0] === 'AX' ? 'axial' : named[0] === 'SAG' ? 'sagittal' : 'coronal';
}

/** The plane known from the geometry, else the one the description names. */
export function planeOfSeries(s: PairableSeries): Plane | null {
  return s.plane ?? planeOfDescription(s.description);
}

/** +1 same, -1 different, 0 when either is unknown. */
function agreement<T>(a: T | null, b: T | null): number {
  if (a === null || b === null) return 0;
  return a === b ? 1 : -1;
}

function sideOf(value: string | null | undefined): string | null {
  const v = value?.trim().toUpperCase() ?? '';
  return v === 'L' || v === 'R' || v === 'B' ? v : null;
}

function bodyPartScore(a: string | undefined, b: string | undefined): number {
  const pa = a?.trim().toUpperCase() ?? '';
  const pb = b?.trim().toUpperCase() ?? '';
  if (pa === '' || pb === '') return 0;
  if (pa === pb) return 2;
  const ra = regionsOfBodyPart(pa) ?? [];
  const rb = regionsOfBodyPart(pb) ?? [];
  if (ra.length === 0 || rb.length === 0) return 0;
  return ra.some((r) => rb.includes(r)) ? 1 : -1;
}

function countScore(a: number | null | undefined, b: number | null | undefined): number {
  if (a == null || b == null || a <= 0 || b <= 0) return -1;
  return -Math.abs(a - b) / Math.max(a, b);
}

/** Criteria in order of importance; the first three are the « as good » tier. */
type Score = [
  plane: number,
  side: number,
  view: number,
  bodyPart: number,
  text: number,
  count: number,
];
const TIER = 4;

function score(c: PairableSeries, p: PairableSeries): Score {
  return [
    agreement(planeOfSeries(c), planeOfSeries(p)),
    agreement(sideOf(c.laterality), sideOf(p.laterality)),
    agreement(viewKey(c.viewCode), viewKey(p.viewCode)),
    bodyPartScore(c.bodyPartExamined, p.bodyPartExamined),
    descriptionSimilarity(c.description, p.description),
    countScore(c.numberOfInstances, p.numberOfInstances),
  ];
}

/** Negative when `a` is the better score. */
function compareScores(a: Score, b: Score, length: number = a.length): number {
  for (let i = 0; i < length; i++) {
    const d = (b[i] ?? 0) - (a[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

const modalityOf = (s: PairableSeries) => s.modality.trim().toUpperCase();

interface Candidate {
  current: number;
  prior: number;
  score: Score;
}

export function pairSeries(
  current: readonly PairableSeries[],
  prior: readonly PairableSeries[],
): Map<string, string | null> {
  const candidates: Candidate[] = [];
  current.forEach((c, ci) => {
    if (!isImageModality(modalityOf(c))) return;
    prior.forEach((p, pi) => {
      if (modalityOf(p) === modalityOf(c))
        candidates.push({ current: ci, prior: pi, score: score(c, p) });
    });
  });
  candidates.sort(
    (a, b) => compareScores(a.score, b.score) || a.current - b.current || a.prior - b.prior,
  );

  const best = new Map<number, Candidate>();
  for (const k of candidates) if (!best.has(k.current)) best.set(k.current, k);

  const chosen = new Map<number, number>();
  const used = new Set<number>();
  for (const k of candidates) {
    if (chosen.has(k.current) || used.has(k.prior)) continue;
    const top = best.get(k.current);
    if (top && compareScores(k.score, top.score, TIER) !== 0) continue;
    chosen.set(k.current, k.prior);
    used.add(k.prior);
  }
  for (const [ci, top] of best) if (!chosen.has(ci)) chosen.set(ci, top.prior);

  return new Map(
    current.map((c, ci) => {
      const pi = chosen.get(ci);
      return [
        c.seriesInstanceUID,
        pi === undefined ? null : (prior[pi]?.seriesInstanceUID ?? null),
      ];
    }),
  );
}

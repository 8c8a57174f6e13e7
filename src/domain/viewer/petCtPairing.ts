// Which PET and which CT of a study are fused (the PET/CT fusion view). A nuclear physician
// reads the attenuation-corrected PET over the CT acquired with it; the pair is decided from
// the images' own geometry, never from descriptions alone:
// - the CT must be in the PET's frame of reference (same FrameOfReferenceUID): only then do
//   the same patient coordinates mean the same place in both, with no registration;
// - both must be stacks of slices (at least MIN_SLICES, each with its position) lying in
//   parallel planes, so that « how much of the PET the CT covers » is a length along the
//   slices' normal;
// - the CT chosen is the one covering the most of the PET's extent (a whole-body CT rather
//   than a thorax-only reconstruction), then the one with more slices (the finer one);
// - the PET chosen is the attenuation-corrected one when the study also holds the
//   uncorrected (NAC) reconstruction: CorrectedImage (0028,0051) says it with ATTN, else the
//   Image Type's or the description's words (« AC », « CTAC » against « NAC », « NON AC »).
// A PET with no such CT (another frame of reference, no overlap) is not fusable.
import { foldText } from '../dicom/foldText';
import { positionAlong, sliceNormal } from './sliceSync';

export interface FusionCandidate {
  seriesInstanceUID: string;
  modality: string;
  description: string;
  frameOfReferenceUID: string | null;
  /** ImageOrientationPatient of its first slice. */
  orientation: readonly number[] | null;
  /** ImagePositionPatient of each slice (null where a slice has none). */
  positions: readonly (readonly number[] | null)[];
  /** (0008,0008) values. */
  imageType: readonly string[];
  /** (0028,0051) values: ATTN, DECY, SCAT… */
  correctedImage: readonly string[];
}

export type Attenuation = 'corrected' | 'uncorrected' | 'unknown';

export interface PetCtPair {
  petSeriesInstanceUID: string;
  ctSeriesInstanceUID: string;
  /** Share (0–1) of the PET's extent along its slices' normal that the CT covers. */
  coverage: number;
  attenuation: Attenuation;
}

/** A volume needs a few slices: fewer is a localiser or a single image. */
export const MIN_SLICES = 3;

/** Planes within about 8° of each other count as parallel. */
const PARALLEL_MIN_COS = 0.99;

const UNCORRECTED_WORDS =
  /\b(?:NAC|NOAC|NON AC|NO AC|UNCORRECTED|NON CORRIGE|NON CORRIGEE|SANS AC|WITHOUT AC|NO ATTN)\b/;
const CORRECTED_WORDS = /\b(?:AC|CTAC|ATTN|CORRIGE|CORRIGEE)\b/;

function wordsOf(values: readonly string[]): string {
  return foldText(values.join(' '));
}

export function attenuationOf(
  candidate: Pick<FusionCandidate, 'description' | 'imageType' | 'correctedImage'>,
): Attenuation {
  // CorrectedImage lists every correction applied: when present, ATTN is the whole answer.
  const corrections = candidate.correctedImage.map((v) => v.trim().toUpperCase()).filter(Boolean);
  if (corrections.length > 0) return corrections.includes('ATTN') ? 'corrected' : 'uncorrected';
  for (const text of [wordsOf(candidate.imageType), foldText(candidate.description)]) {
    // Negative words first: « NON AC » holds « AC ».
    if (UNCORRECTED_WORDS.test(text)) return 'uncorrected';
    if (CORRECTED_WORDS.test(text)) return 'corrected';
  }
  return 'unknown';
}

const ATTENUATION_RANK: Readonly<Record<Attenuation, number>> = {
  corrected: 2,
  unknown: 1,
  uncorrected: 0,
};

interface Stack {
  candidate: FusionCandidate;
  order: number;
  normal: readonly number[];
  slices: number;
}

function stackOf(candidate: FusionCandidate, order: number): Stack | null {
  const normal = candidate.orientation ? sliceNormal(candidate.orientation) : null;
  const placed = candidate.positions.filter((p): p is readonly number[] => p !== null);
  if (!normal || !candidate.frameOfReferenceUID || placed.length < MIN_SLICES) return null;
  if (placed.length !== candidate.positions.length) return null;
  return { candidate, order, normal, slices: placed.length };
}

/** [min, max] of the stack's slice positions along a direction (mm). */
function extentAlong(stack: Stack, direction: readonly number[]): [number, number] {
  const along = stack.candidate.positions.map((p) => positionAlong(p ?? [], direction));
  return [Math.min(...along), Math.max(...along)];
}

function isModality(candidate: FusionCandidate, modality: string): boolean {
  return candidate.modality.trim().toUpperCase() === modality;
}

interface Match {
  ct: Stack;
  /** Overlap of the two extents (mm). */
  overlap: number;
  coverage: number;
}

/** The CT fused with this PET: same frame of reference, parallel, covering it most. */
function ctFor(pet: Stack, cts: readonly Stack[]): Match | null {
  const [petLow, petHigh] = extentAlong(pet, pet.normal);
  const petLength = petHigh - petLow;
  let best: Match | null = null;
  for (const ct of cts) {
    if (ct.candidate.frameOfReferenceUID !== pet.candidate.frameOfReferenceUID) continue;
    const cos = Math.abs(ct.normal.reduce((sum, v, i) => sum + v * (pet.normal[i] ?? 0), 0));
    if (cos < PARALLEL_MIN_COS) continue;
    const [ctLow, ctHigh] = extentAlong(ct, pet.normal);
    const overlap = Math.min(petHigh, ctHigh) - Math.max(petLow, ctLow);
    if (overlap <= 0) continue;
    const coverage = petLength > 0 ? Math.min(1, overlap / petLength) : 1;
    const better =
      !best ||
      overlap > best.overlap + 1e-6 ||
      (Math.abs(overlap - best.overlap) <= 1e-6 && ct.slices > best.ct.slices);
    if (better) best = { ct, overlap, coverage };
  }
  return best;
}

/**
 * The PET and CT series to fuse, null when the study holds no such pair. Candidates are
 * taken in the study's order, which settles the last ties.
 */
export function petCtPairOf(candidates: readonly FusionCandidate[]): PetCtPair | null {
  const stacks = candidates
    .map((c, order) => stackOf(c, order))
    .filter((s): s is Stack => s !== null);
  const cts = stacks.filter((s) => isModality(s.candidate, 'CT'));
  let best: { pet: Stack; match: Match; attenuation: Attenuation } | null = null;
  for (const pet of stacks.filter((s) => isModality(s.candidate, 'PT'))) {
    const match = ctFor(pet, cts);
    if (!match) continue;
    const attenuation = attenuationOf(pet.candidate);
    if (!best) {
      best = { pet, match, attenuation };
      continue;
    }
    const rank = ATTENUATION_RANK[attenuation] - ATTENUATION_RANK[best.attenuation];
    const coverage = match.coverage - best.match.coverage;
    const better =
      rank > 0 ||
      (rank === 0 && coverage > 1e-6) ||
      (rank === 0 && Math.abs(coverage) <= 1e-6 && pet.slices > best.pet.slices);
    if (better) best = { pet, match, attenuation };
  }
  return best
    ? {
        petSeriesInstanceUID: best.pet.candidate.seriesInstanceUID,
        ctSeriesInstanceUID: best.match.ct.candidate.seriesInstanceUID,
        coverage: best.match.coverage,
        attenuation: best.attenuation,
      }
    : null;
}

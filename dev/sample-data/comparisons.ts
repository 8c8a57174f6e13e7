// The truth of each current-versus-prior case of plan.ts (COMPARISONS), derived from what was
// generated rather than restated: why the prior ranks first, how two cross-sections line up,
// which image of each study shows each view.
import type {
  CrossSectionTruth,
  ManifestAlignment,
  ManifestComparison,
  ManifestImageRef,
  ManifestSeries,
  ManifestStudy,
  ManifestViewPair,
} from './manifest';
import { COMPARISONS, type ComparisonPlan } from './plan';

type Vec3 = [number, number, number];

/** Modalities of the images, not of the report or key object documents. */
function imageModalities(study: ManifestStudy): Set<string> {
  return new Set(study.series.map((s) => s.modality));
}

/** « Même examen »: an image modality and a CISIS region in common. */
export function isSameExam(a: ManifestStudy, b: ManifestStudy): boolean {
  const theirs = imageModalities(b);
  const modality = [...imageModalities(a)].some((m) => theirs.has(m));
  return modality && a.regions.some((r) => b.regions.includes(r));
}

/** Whole years from one YYYYMMDD date to a later one. */
export function wholeYears(from: string, to: string): number {
  const years = Number(to.slice(0, 4)) - Number(from.slice(0, 4));
  return to.slice(4) < from.slice(4) ? years - 1 : years;
}

const round4 = (n: number): number => Number(n.toFixed(4));

function landmarkOf(truth: CrossSectionTruth) {
  const s = truth.shapes.find((x) => x.kind === 'sphere');
  if (s?.kind !== 'sphere') throw new Error('a series to align needs a sphere to align on');
  return s;
}

function alignment(current: ManifestSeries, prior: ManifestSeries): ManifestAlignment {
  const ct = current.phantom;
  const pt = prior.phantom;
  if (ct?.kind !== 'cross-section' || pt?.kind !== 'cross-section') {
    throw new Error('only cross-sections are aligned');
  }
  if (!current.frameOfReferenceUID || !prior.frameOfReferenceUID) {
    throw new Error('a cross-section without a frame of reference');
  }
  const a = landmarkOf(ct);
  const b = landmarkOf(pt);
  if (a.label !== b.label) throw new Error(`landmarks differ: ${a.label} / ${b.label}`);
  const shiftMm = a.centerMm.map((v, i) => round4((b.centerMm[i] ?? NaN) - v)) as Vec3;
  // Slice-to-slice matching is exact only for axial stacks of one spacing on one grid.
  const step = ct.sliceStepZ;
  if (step === 0 || pt.sliceStepZ !== step) throw new Error('alignment needs one axial spacing');
  const exact = (ct.firstSliceZ + shiftMm[2] - pt.firstSliceZ) / step;
  const instanceOffset = Math.round(exact);
  if (Math.abs(exact - instanceOffset) > 1e-6) throw new Error('the two slice grids differ');
  const currentFirst = Math.max(1, 1 - instanceOffset);
  const currentLast = Math.min(current.numberOfInstances, prior.numberOfInstances - instanceOffset);
  const atLandmark = Math.round((a.centerMm[2] - ct.firstSliceZ) / step) + 1;
  if (atLandmark < currentFirst || atLandmark > currentLast) {
    throw new Error('the landmark is outside the slices both series have');
  }
  return {
    currentSeriesInstanceUID: current.seriesInstanceUID,
    priorSeriesInstanceUID: prior.seriesInstanceUID,
    currentFrameOfReferenceUID: current.frameOfReferenceUID,
    priorFrameOfReferenceUID: prior.frameOfReferenceUID,
    sameFrameOfReference: current.frameOfReferenceUID === prior.frameOfReferenceUID,
    shiftMm,
    landmark: { label: a.label, currentCenterMm: [...a.centerMm], priorCenterMm: [...b.centerMm] },
    matchingSlices: {
      instanceOffset,
      currentFirst,
      currentLast,
      atLandmark: {
        currentInstanceNumber: atLandmark,
        priorInstanceNumber: atLandmark + instanceOffset,
      },
    },
  };
}

/** Each image of a study by its view: 'RCC'… for MG, the ViewPosition (and side) otherwise. */
function imagesByView(study: ManifestStudy): Map<string, ManifestImageRef> {
  const out = new Map<string, ManifestImageRef>();
  for (const s of study.series) {
    for (const v of s.views ?? []) {
      const side = v.laterality === 'L' || v.laterality === 'R' ? v.laterality : '';
      const view =
        s.modality === 'MG' ? `${side}${v.viewPosition}` : `${v.viewPosition}${side && ` ${side}`}`;
      if (out.has(view)) throw new Error(`${study.key}: two ${view} images`);
      out.set(view, {
        seriesInstanceUID: s.seriesInstanceUID,
        sopInstanceUID: v.sopInstanceUID,
        instanceNumber: v.instanceNumber,
      });
    }
  }
  return out;
}

function viewPairs(current: ManifestStudy, prior: ManifestStudy): ManifestViewPair[] {
  const theirs = imagesByView(prior);
  return [...imagesByView(current)].map(([view, image]) => {
    const match = theirs.get(view);
    if (!match) throw new Error(`${prior.key} has no ${view} image`);
    return { view, current: image, prior: match };
  });
}

function comparison(
  plan: ComparisonPlan,
  current: ManifestStudy,
  prior: ManifestStudy,
): ManifestComparison {
  if (prior.patientKey !== current.patientKey) throw new Error(`${plan.key}: two patients`);
  if (prior.sourceIds.some((id) => current.sourceIds.includes(id))) {
    throw new Error(`${plan.key}: the prior must come from another site`);
  }
  if (!(prior.studyDate < current.studyDate)) throw new Error(`${plan.key}: prior not earlier`);
  const series = (study: ManifestStudy, n: number): ManifestSeries => {
    const s = study.series[n - 1];
    if (!s) throw new Error(`${plan.key}: ${study.key} has no series ${n}`);
    return s;
  };
  const views = current.series.some((s) => s.views) ? viewPairs(current, prior) : null;
  return {
    key: plan.key,
    patientKey: current.patientKey,
    currentStudy: current.key,
    proposedPrior: prior.key,
    sameExam: isSameExam(current, prior),
    yearsBefore: wholeYears(prior.studyDate, current.studyDate),
    priorSourceIds: [...prior.sourceIds],
    proposedPriorWithConsent: plan.proposedPriorWithConsent,
    consentOnlyPriors: [...plan.consentOnlyPriors],
    ...(plan.alignSeries
      ? {
          alignment: alignment(
            series(current, plan.alignSeries.current),
            series(prior, plan.alignSeries.prior),
          ),
        }
      : {}),
    ...(views ? { views } : {}),
  };
}

/** The cases whose current and proposed prior were both generated (a subset may lack them). */
export function buildComparisons(studies: readonly ManifestStudy[]): ManifestComparison[] {
  const byKey = new Map(studies.map((s) => [s.key, s]));
  return COMPARISONS.flatMap((plan) => {
    const current = byKey.get(plan.current);
    const prior = byKey.get(plan.proposedPrior);
    return current && prior ? [comparison(plan, current, prior)] : [];
  });
}

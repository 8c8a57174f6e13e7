// Whether the exam the gateway sealed at the claim is the very one this page decides to
// open from the same answers: its key, what it asked ahead, and its first image are used
// only then. One rule for the launch page (features/launch/api/openLaunch.ts) and for the
// first image shown before the page's code has run (launchPreviewPlan.ts).
import type { Principal } from '../principal';
import type { PatientIdentifier } from '../identity/patientIdentifier';
import {
  pickStudy,
  type SourceAnswer,
  type StudyLookup,
  type StudyTarget,
} from './launchDestination';
import { foundStudyKeyValue } from './studyKeyValue';

/** A patient user's own identity, which every launch of theirs is about. */
export function selfOf(principal: Principal): PatientIdentifier | undefined {
  return principal.role === 'patient' && principal.ins && principal.insOid
    ? { id: principal.ins, issuer: principal.insOid }
    : undefined;
}

/**
 * A patient's launch is about themself even when the link names nobody: a source that
 * ignored the search's PatientID must not hand them someone else's exam.
 */
export function studyTargetFor(asked: StudyTarget, self: PatientIdentifier | undefined) {
  return self && !asked.patient ? { ...asked, patient: self } : asked;
}

export type FoundStudy = Extract<StudyLookup, { kind: 'found' }>;

/** The value this page seals for the exam found: compared with the gateway's, field by field. */
export function sameSealedValue(sealed: unknown, decided: Record<string, unknown>): boolean {
  return JSON.stringify(sealed) === JSON.stringify(decided);
}

/** The exam found, when the gateway's sealed value is exactly this page's decision. */
export function confirmClaimedStudy(
  target: StudyTarget,
  answers: readonly SourceAnswer[],
  sealed: unknown,
): FoundStudy | null {
  const lookup = pickStudy(target, answers);
  if (lookup.kind !== 'found') return null;
  return sameSealedValue(sealed, foundStudyKeyValue(lookup, target)) ? lookup : null;
}

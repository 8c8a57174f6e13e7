// From a claimed launch to the URL it opens: the list of a patient (PATIENT) or the viewer
// on one exam (STUDY), both through sealed keys so the URL names nobody. Everything that
// can go wrong comes back as a LaunchProblem the page explains in French (a failed request
// as its GatewayError, for the page to word).
import type { PatientIdentifier } from '../../../domain/identity/patientIdentifier';
import type { Principal } from '../../../domain/principal';
import type { PublicSource } from '../../../domain/publicConfig';
import type { LaunchError } from '../../../domain/launch/launchError';
import {
  patientKeyValue,
  pickStudy,
  studyListSearch,
  type ConflictPerson,
  type MissingExams,
  type StudyTarget,
} from '../../../domain/launch/launchDestination';
import type { LaunchTarget } from '../../../domain/launch/launchTarget';
import { targetOfLaunch } from '../../../domain/launch/targetOfLaunch';
import { rememberKeyValue, sealKey } from '../../../lib/api/opaqueKeys';
import { rememberStudyAhead } from '../../../lib/api/studyAhead';
import { markLaunchPhase } from '../../../lib/viewerTimeline';
import { askClaimAhead } from './askClaimAhead';
import {
  sameSealedValue,
  selfOf,
  studyTargetFor,
} from '../../../domain/launch/confirmClaimedStudy';
import { claimLaunch, type ClaimLookup } from './claimLaunch';
import { findLaunchedStudy } from './findLaunchedStudy';
import { foundStudyKeyValue, studyKeyValue } from '../../../domain/launch/studyKeyValue';

export type LaunchProblem =
  /** The claim failed: `error` is the GatewayError (or a bug of ours). */
  | { kind: 'claimRefused'; error: unknown }
  | { kind: 'invalidLaunch'; errors: LaunchError[] }
  | { kind: 'notFound'; answered: string[]; unanswered: string[]; missing: MissingExams }
  /** Only a consent-gated source may hold the exam: the page offers the consent in place. */
  | {
      kind: 'consentNeeded';
      consentSourceIds: string[];
      patient: PatientIdentifier[];
      label?: string;
      answered: string[];
      unanswered: string[];
      missing: MissingExams;
    }
  | { kind: 'noSourceAnswered'; unanswered: string[] }
  /** One UID, several persons, no patient named: the GP chooses whose exam to open. */
  | { kind: 'conflict'; conflictSourceIds: string[]; choices: LaunchChoice[] }
  | { kind: 'otherPatient'; answered: string[]; unanswered: string[] }
  | { kind: 'ambiguous'; accessionNumber: string }
  | { kind: 'cannotOpen'; error: unknown };

export type LaunchOutcome =
  | { kind: 'open'; to: string }
  /** `retry` is there when searching again could help, with what was already claimed. */
  | { kind: 'problem'; problem: LaunchProblem; retry?: ClaimedTarget };

/** One person a conflicting UID names, and what opening their copies takes. */
export interface LaunchChoice {
  person: ConflictPerson;
  studyInstanceUID: string;
  keyImagesOnly: boolean;
  /** The launch's `compare=auto`, kept for whichever person is chosen. */
  compare?: 'auto' | undefined;
}

export interface ClaimedTarget {
  target: LaunchTarget;
  label?: string;
}

export interface LaunchContext {
  principal: Principal;
  sources: readonly PublicSource[];
  /** Told as soon as the launch is known to open one exam: the viewer's code can come. */
  onStudyAhead?: () => void;
}

async function sealed(kind: 'patient' | 'study', value: unknown): Promise<string> {
  return encodeURIComponent(await sealKey(kind, value));
}

/** Opens the copies of the person the GP chose among those a UID names. */
export async function openChosen(choice: LaunchChoice): Promise<LaunchOutcome> {
  try {
    const key = await sealed(
      'study',
      studyKeyValue({
        studyInstanceUID: choice.studyInstanceUID,
        sourceIds: choice.person.sourceIds,
        identifiers: choice.person.identifiers,
        keyImagesOnly: choice.keyImagesOnly,
        compare: choice.compare,
      }),
    );
    return { kind: 'open', to: `/study/${key}` };
  } catch (error) {
    return { kind: 'problem', problem: { kind: 'cannotOpen', error } };
  }
}

/**
 * The gateway's answers when it looked the exam up at claim time, for the sources this page
 * knows; otherwise every source is asked from here.
 */
async function answersFor(
  target: StudyTarget,
  ctx: LaunchContext,
  self: PatientIdentifier | undefined,
  fromClaim: ClaimLookup | undefined,
) {
  const known = new Set(ctx.sources.map((s) => s.id));
  if (fromClaim && fromClaim.answers.every((a) => known.has(a.sourceId))) {
    return fromClaim.answers;
  }
  return findLaunchedStudy({ target, sources: ctx.sources, ...(self ? { self } : {}) });
}

async function openStudy(
  asked: StudyTarget,
  claimed: ClaimedTarget,
  ctx: LaunchContext,
  fromClaim?: ClaimLookup,
): Promise<LaunchOutcome> {
  const self = selfOf(ctx.principal);
  const target: StudyTarget = studyTargetFor(asked, self);
  const answers = await answersFor(target, ctx, self, fromClaim);
  const lookup = pickStudy(target, answers);
  markLaunchPhase('resolved');
  switch (lookup.kind) {
    case 'found': {
      const value = foundStudyKeyValue(lookup, target);
      // The gateway sealed the same decision already: its key is used only if it holds
      // exactly what this page decided, and the viewer then needs not ask what it holds.
      const ready = fromClaim?.study;
      if (ready && sameSealedValue(ready.value, value)) {
        rememberKeyValue(ready.key, 'study', value);
        // Its first image's requests, unless the page's first script already asked them.
        // (A bitmap decoded for the early image is not this page's to draw: let go.)
        void askClaimAhead(ready)?.bitmap.then((bitmap) => bitmap?.close());
        // And what the gateway asked ahead for the viewer: its series list, first preview.
        if (ready.series) {
          rememberStudyAhead(ready.key, {
            series: ready.series,
            ...(ready.first ? { first: ready.first } : {}),
          });
        }
        return { kind: 'open', to: `/study/${encodeURIComponent(ready.key)}` };
      }
      const key = await sealed('study', value);
      return { kind: 'open', to: `/study/${key}` };
    }
    case 'conflict':
      return {
        kind: 'problem',
        problem: {
          kind: 'conflict',
          conflictSourceIds: lookup.conflictSourceIds,
          choices: lookup.persons.map((person) => ({
            person,
            studyInstanceUID: lookup.studyInstanceUID,
            keyImagesOnly: target.hints.keyImagesOnly === true,
            compare: target.hints.compare,
          })),
        },
      };
    case 'notFound':
      return lookup.answered.length === 0
        ? {
            kind: 'problem',
            problem: { kind: 'noSourceAnswered', unanswered: lookup.unanswered },
            retry: claimed,
          }
        : { kind: 'problem', problem: lookup, retry: claimed };
    case 'consentNeeded':
      // Retried once the consent is recorded: the same claimed launch, searched again.
      return {
        kind: 'problem',
        problem: { ...lookup, ...(claimed.label ? { label: claimed.label } : {}) },
        retry: claimed,
      };
    case 'otherPatient':
      return { kind: 'problem', problem: lookup };
    case 'ambiguous':
      return {
        kind: 'problem',
        problem: { kind: 'ambiguous', accessionNumber: lookup.accessionNumber },
      };
  }
}

/** Opens what was already claimed (first time, or "search again"). */
export async function openClaimed(
  claimed: ClaimedTarget,
  ctx: LaunchContext,
  fromClaim?: ClaimLookup,
): Promise<LaunchOutcome> {
  try {
    const { target } = claimed;
    if (target.view === 'study') {
      ctx.onStudyAhead?.();
      return await openStudy(target, claimed, ctx, fromClaim);
    }
    const value = patientKeyValue(target, {
      ownStudiesOnly: ctx.principal.role === 'patient',
      ...(claimed.label ? { label: claimed.label } : {}),
    });
    const key = await sealed('patient', value);
    const search = studyListSearch(target.filters).toString();
    return { kind: 'open', to: `/patient/${key}${search ? `?${search}` : ''}` };
  } catch (error) {
    return { kind: 'problem', problem: { kind: 'cannotOpen', error }, retry: claimed };
  }
}

export async function openLaunch(key: string, ctx: LaunchContext): Promise<LaunchOutcome> {
  let claimed;
  try {
    claimed = await claimLaunch(key);
  } catch (error) {
    return { kind: 'problem', problem: { kind: 'claimRefused', error } };
  }
  markLaunchPhase('claimed');
  const parsed = targetOfLaunch(claimed.kind, claimed.params);
  if (!parsed.ok)
    return { kind: 'problem', problem: { kind: 'invalidLaunch', errors: parsed.errors } };
  // A retry searches again: the claim's answers are for this first opening only.
  return openClaimed(
    { target: parsed.target, ...(parsed.label ? { label: parsed.label } : {}) },
    ctx,
    claimed.lookup,
  );
}

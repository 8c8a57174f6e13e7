// A STUDY launch's first image, drawn from the page's first module as soon as its bytes
// are in (lib/launchPreview), with the patient's name above it. Drawn only when it is the
// very image the viewer would draw first, for the very patient: the gateway's sealed exam
// is this page's own decision (confirmClaimedStudy.ts), the series list read as the viewer
// reads it names that patient, and the series is the one the viewer opens first.
import { readStudyTarget } from '../../../domain/viewer/studyKey';
import type { PatientIdentifier } from '../../../domain/identity/patientIdentifier';
import { birthText, nameText, type TextLanguage } from '../../../domain/identity/personText';
import { targetOfLaunch } from '../../../domain/launch/targetOfLaunch';
import { principalFromClaims } from '../../../domain/principal';
import { seriesToShowFirst } from '../../../domain/viewer/firstSeries';
import { previewPath } from '../../../domain/viewer/previewPath';
import { readStudySeries } from '../../../domain/viewer/studySeries';
import {
  showLaunchPreview,
  type LaunchPreviewText,
} from '../../../lib/launchPreview/launchPreview';
import type { PreviewAskedAhead } from './askClaimAhead';
import type { ClaimedLaunch } from './claimLaunch';
import { confirmClaimedStudy, selfOf, studyTargetFor } from './confirmClaimedStudy';

/** The viewer's words (locales' viewer.back, viewer.preview.label): i18n is not loaded yet. */
const WORDS: Record<TextLanguage, Pick<LaunchPreviewText, 'back' | 'label'>> = {
  fr: { back: 'Retour à l’accueil', label: 'Première image de la série (aperçu)' },
  en: { back: 'Back to home', label: 'First image of the series (preview)' },
};

export interface LaunchPreviewPlan {
  /** The preview's GET, as the claim asked it (askClaimAhead.ts). */
  path: string;
  text: LaunchPreviewText;
}

/** What to draw for this claim, or null when anything is not as the viewer would have it. */
export function launchPreviewPlan(
  claim: ClaimedLaunch,
  self: PatientIdentifier | undefined,
  lang: TextLanguage,
): LaunchPreviewPlan | null {
  const study = claim.lookup?.study;
  const series = study?.series;
  const first = study?.first;
  if (!claim.lookup || !study || !series || !first?.preview) return null;
  const parsed = targetOfLaunch(claim.kind, claim.params);
  if (!parsed.ok || parsed.target.view !== 'study') return null;
  const target = studyTargetFor(parsed.target, self);
  if (!confirmClaimedStudy(target, claim.lookup.answers, study.value)) return null;
  const sealed = readStudyTarget(study.value);
  // Opened on the key images, the viewer does not start from the first series' first image.
  if (!sealed || sealed.keyImagesOnly) return null;
  const patient = self ? [self] : sealed.patient;
  const split = readStudySeries(series.datasets, {
    ...(patient ? { patient } : {}),
    mayChoose: self === undefined,
  });
  if (split?.kind !== 'open' || !split.person) return null;
  if (seriesToShowFirst(split.series)?.seriesInstanceUID !== first.seriesInstanceUID) return null;
  const name = nameText(split.person.name);
  if (name === '') return null;
  return {
    path: previewPath(
      {
        sourceId: series.sourceId,
        studyInstanceUID: sealed.studyInstanceUID,
        seriesInstanceUID: first.seriesInstanceUID,
      },
      first.preview,
    ),
    text: { name, born: birthText(split.person, lang), ...WORDS[lang] },
  };
}

/**
 * Draws the claim's first image, decoded in the launch's worker (askClaimAhead.ts), when
 * launchPreviewPlan allows it and it is the very GET the plan names; a bitmap not drawn is
 * closed. `claims`: the signed-in user's ID token claims.
 */
export function previewLaunchAhead(
  claim: ClaimedLaunch,
  claims: unknown,
  lang: TextLanguage,
  asked: PreviewAskedAhead,
): void {
  const plan = launchPreviewPlan(claim, selfOf(principalFromClaims(claims)), lang);
  if (plan && plan.path === asked.path) showLaunchPreview(asked.bitmap, plan.text);
  else void asked.bitmap.then((image) => image?.close());
}

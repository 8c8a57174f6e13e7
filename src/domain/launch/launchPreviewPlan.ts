// Whether a STUDY launch's first image may be shown before the viewer's code has run, and
// with which words: only when it is the very image the viewer would draw first, for the very
// patient — the gateway's sealed exam is the page's own decision (confirmClaimedStudy.ts),
// the series list read as the viewer reads it names that patient, and the series is the one
// the viewer opens first. One rule for the gateway writing the image into the launch's page
// (server/launch/launchShot.ts) and for the page drawing it itself when it was not
// (features/launch/api/previewLaunchAhead.ts).
import type { PatientIdentifier } from '../identity/patientIdentifier';
import { birthText, nameText, type TextLanguage } from '../identity/personText';
import { seriesToShowFirst } from '../viewer/firstSeries';
import { previewPath } from '../viewer/previewPath';
import { readStudyTarget } from '../viewer/studyKey';
import { readStudySeries } from '../viewer/studySeries';
import { confirmClaimedStudy, studyTargetFor } from './confirmClaimedStudy';
import type { ClaimedLaunch } from './claimedLaunch';
import { targetOfLaunch } from './targetOfLaunch';

/** What the early screen writes: the viewer's own words and the patient's. */
export interface LaunchPreviewText {
  /** The patient's name as the viewer's header writes it, and their birth date. */
  name: string;
  born: string;
  /** The viewer's back link, shown where it will be (not a link yet). */
  back: string;
  /** The image's accessible name: the viewer's own preview label. */
  label: string;
}

/** The viewer's words (locales' viewer.back, viewer.preview.label): i18n is not loaded yet. */
const WORDS: Record<TextLanguage, Pick<LaunchPreviewText, 'back' | 'label'>> = {
  fr: { back: 'Retour à l’accueil', label: 'Première image de la série (aperçu)' },
  en: { back: 'Back to home', label: 'First image of the series (preview)' },
};

/** What of a claim (claimedLaunch.ts) the rule reads: its audience does not matter here. */
export type PlannedClaim = Pick<ClaimedLaunch, 'kind' | 'params' | 'lookup'>;

export interface LaunchPreviewPlan {
  /** The preview's GET (domain/viewer/previewPath.ts), as the claim asked it ahead. */
  path: string;
  text: LaunchPreviewText;
}

/** What to show for this claim, or null when anything is not as the viewer would have it. */
export function launchPreviewPlan(
  claim: PlannedClaim,
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

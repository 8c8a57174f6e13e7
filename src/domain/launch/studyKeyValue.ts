// The value a launch seals in a study key (docs/CONTRACTS.md § Opaque keys), read back by the
// viewer through domain/viewer/studyKey.ts. What the launch asked of the viewer travels
// sealed with the study, so the viewer's URL carries no flag and no identifier.
import type { PatientIdentifier } from '../identity/patientIdentifier';
import type { MissingExams, StudyLookup, StudyTarget } from './launchDestination';

export interface LaunchedStudy {
  studyInstanceUID: string;
  sourceIds: string[];
  identifiers: PatientIdentifier[];
  keyImagesOnly: boolean;
  /** IID `compare=auto` (our extension): open beside the most relevant prior. */
  compare?: 'auto' | undefined;
  missing?: MissingExams;
}

export function studyKeyValue(study: LaunchedStudy): Record<string, unknown> {
  return {
    studyInstanceUID: study.studyInstanceUID,
    sourceIds: study.sourceIds,
    patient: { identifiers: study.identifiers },
    // Sealed with the study, so the viewer opens on the key images without a URL flag.
    ...(study.keyImagesOnly ? { keyImagesOnly: true } : {}),
    // Absent unless asked: a key without it opens the study alone, as keys always did.
    ...(study.compare === 'auto' ? { compare: 'auto' } : {}),
    // The viewer names the requested exams that were not found (domain/viewer/studyKey.ts).
    ...(study.missing ? { missing: study.missing } : {}),
  };
}

/** The value sealed for the exam a STUDY launch found: the same in the browser and the gateway. */
export function foundStudyKeyValue(
  found: Extract<StudyLookup, { kind: 'found' }>,
  target: StudyTarget,
): Record<string, unknown> {
  return studyKeyValue({
    studyInstanceUID: found.studyInstanceUID,
    sourceIds: found.sourceIds,
    identifiers: found.patientIdentifiers,
    keyImagesOnly: target.hints.keyImagesOnly === true,
    compare: target.hints.compare,
    ...(found.missing ? { missing: found.missing } : {}),
  });
}

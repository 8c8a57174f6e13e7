// The value an opaque study key seals (docs/CONTRACTS.md): it came back from the gateway,
// but through a URL a user can edit, so its shape is checked before use.
import { parsePatientKeyValue } from '../federation/patientKeyValue';
import type { PatientIdentifier } from '../identity/patientIdentifier';
import { idProblem } from '../launch/identifiers';
import type { MissingExams } from '../launch/launchDestination';

export interface StudyTarget {
  studyInstanceUID: string;
  /** Sources known to hold the study, best first; empty = ask every source. */
  sourceIds: string[];
  /** Open on the key images (IID `keyImagesOnly=true`); absent = the whole study. */
  keyImagesOnly?: true;
  /**
   * Open beside the most relevant prior, when one exists (IID `compare=auto`, our
   * extension); absent = the study alone, unless the user's own preference says otherwise.
   */
  compare?: 'auto';
  /** Whom the study was opened for: only series and images naming them are shown. */
  patient?: PatientIdentifier[];
  /** Other exams of the same launch that no source held. */
  missing?: MissingExams;
}

const UID = /^[0-9]+(\.[0-9]+)*$/;
/** More than a launch can name at once is not a list to show anybody. */
const MAX_MISSING = 20;

const isUid = (v: unknown): v is string => typeof v === 'string' && v.length <= 64 && UID.test(v);
const isAccession = (v: unknown): v is string =>
  typeof v === 'string' && idProblem(v) === undefined;

function readMissing(value: unknown): MissingExams | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as { studyUids?: unknown; accessionNumbers?: unknown };
  const list = <T>(raw: unknown, keep: (x: unknown) => x is T): T[] =>
    Array.isArray(raw) ? raw.filter(keep).slice(0, MAX_MISSING) : [];
  const missing = {
    studyUids: list(v.studyUids, isUid),
    accessionNumbers: list(v.accessionNumbers, isAccession),
  };
  return missing.studyUids.length + missing.accessionNumbers.length > 0 ? missing : undefined;
}

/** `{ identifiers: [] }`, as a list page of nobody would seal it. */
function namesNobody(patient: unknown): boolean {
  const identifiers = (patient as { identifiers?: unknown } | null)?.identifiers;
  return Array.isArray(identifiers) && identifiers.length === 0;
}

export function readStudyTarget(value: unknown): StudyTarget | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as {
    studyInstanceUID?: unknown;
    sourceIds?: unknown;
    keyImagesOnly?: unknown;
    compare?: unknown;
    patient?: unknown;
    missing?: unknown;
  };
  if (!isUid(v.studyInstanceUID)) return null;
  const sourceIds = Array.isArray(v.sourceIds)
    ? v.sourceIds.filter((s): s is string => typeof s === 'string' && s !== '')
    : [];
  // A patient the key names but in a shape that cannot be read is no patient to check
  // against: the key is refused rather than opened as if it named nobody.
  let patient: PatientIdentifier[] | undefined;
  if (v.patient !== undefined && !namesNobody(v.patient)) {
    const parsed = parsePatientKeyValue(v.patient);
    if (!parsed) return null;
    patient = parsed.identifiers;
  }
  const missing = readMissing(v.missing);
  return {
    studyInstanceUID: v.studyInstanceUID,
    sourceIds,
    ...(v.keyImagesOnly === true ? { keyImagesOnly: true as const } : {}),
    // Any other value (a key sealed by a later version, or edited) is no comparison asked.
    ...(v.compare === 'auto' ? { compare: 'auto' as const } : {}),
    ...(patient ? { patient } : {}),
    ...(missing ? { missing } : {}),
  };
}

/** Which sources to try, in order: the key's own (those still configured), or every one when it names none. */
export function sourcesToTry(target: StudyTarget, configured: readonly string[]): string[] {
  const known = target.sourceIds.filter((id) => configured.includes(id));
  if (target.sourceIds.length === 0) return [...configured];
  return known;
}

// Readers for single IID parameters, each recording its own errors, so that
// `parseIidRequest` can report every problem of a link at once.

import { parseDicomDate, parseXmlDateTime, toDicomDate, type XmlDateTime } from './dates';
import { echo, invalidValue, type LaunchError, type LaunchWarning } from './launchError';
import { single, splitList, type Collected, type Single } from './params';

export interface ViewHints {
  /** `IHE_BIR` or a vendor value; a wish, never a requirement. */
  viewerType?: string;
  diagnosticQuality?: boolean;
  keyImagesOnly?: boolean;
  /**
   * Our extension, STUDY only (`compare=auto`; other viewers ignore an unknown parameter):
   * open beside the patient's most relevant prior, when one exists.
   */
  compare?: CompareHint;
}

export type CompareHint = 'auto';

export interface CrossCheck {
  /** As received, for display and cross-checking only: never a search key. */
  patientName?: string;
  /** YYYYMMDD. */
  patientBirthDate?: string;
}

export const MAX_MOST_RECENT_RESULTS = 1000;
const MAX_PATIENT_NAME_LENGTH = 200;
const VIEWER_TYPE = /^[A-Za-z0-9_.-]{1,64}$/;
const MODALITY = /^[A-Z0-9]{2,16}$/;

/** Context shared by the per-parameter readers below. */
export interface Reading {
  collected: Collected;
  errors: LaunchError[];
  warnings: LaunchWarning[];
}

/** The value, or undefined when absent or invalid (the error is then already recorded). */
function read(r: Reading, name: string): string | undefined {
  const got = readSingle(r, name);
  return got.kind === 'value' ? got.value : undefined;
}

export function readSingle(r: Reading, name: string): Single {
  const got = single(r.collected, name);
  if (got.kind === 'error') r.errors.push(got.error);
  return got;
}

// Names the parameter as it should be spelled (a known name), never the spelling received.
const CASING_HINT_FR = (parameter: string): string =>
  `(Un paramètre voisin a été reçu, mais les majuscules et minuscules comptent : il faut écrire « ${parameter} ».)`;

/** A "missing" error, completed when the parameter did arrive under another casing. */
export function withCasingHint(
  r: Reading,
  error: LaunchError,
  alternatives: readonly string[] = [error.parameter],
): LaunchError {
  const misspelled = r.warnings.find(
    (w) => w.code === 'misspelled_parameter' && alternatives.includes(w.parameter),
  );
  if (!misspelled) return error;
  return {
    ...error,
    message: `${error.message} ${CASING_HINT_FR(misspelled.parameter)}`,
    messageEn: `${error.messageEn} ${misspelled.messageEn}`,
    messageWithoutValue: `${error.messageWithoutValue} ${CASING_HINT_FR(misspelled.parameter)}`,
  };
}

export function readBoolean(r: Reading, name: string): boolean | undefined {
  const value = read(r, name);
  if (value === undefined) return undefined;
  const lower = value.toLowerCase();
  if (lower === 'true' || lower === 'false') return lower === 'true';
  r.errors.push(invalidValue(name, value, 'attendu true ou false', 'expected true or false'));
  return undefined;
}

export function readHints(r: Reading): ViewHints {
  const hints: ViewHints = {};
  const viewerType = read(r, 'viewerType');
  if (viewerType !== undefined) {
    if (VIEWER_TYPE.test(viewerType)) hints.viewerType = viewerType;
    else {
      r.errors.push(
        invalidValue(
          'viewerType',
          viewerType,
          'attendu un code comme IHE_BIR (lettres, chiffres, _ . -)',
          'expected a code such as IHE_BIR',
        ),
      );
    }
  }
  const diagnosticQuality = readBoolean(r, 'diagnosticQuality');
  if (diagnosticQuality !== undefined) hints.diagnosticQuality = diagnosticQuality;
  const keyImagesOnly = readBoolean(r, 'keyImagesOnly');
  if (keyImagesOnly !== undefined) hints.keyImagesOnly = keyImagesOnly;
  return hints;
}

/**
 * `compare`: only `auto` (any case, like `true`) is known. Anything else — another value, the
 * parameter twice, a corrupted value — is a warning and no comparison, never an error: the
 * study asked for still opens, as it would in a viewer that knows nothing of the extension.
 */
export function readCompare(r: Reading): CompareHint | undefined {
  const got = single(r.collected, 'compare');
  if (got.kind === 'absent') return undefined;
  if (got.kind === 'value' && got.value.toLowerCase() === 'auto') return 'auto';
  r.warnings.push({
    code: 'ignored_value',
    parameter: 'compare',
    messageEn:
      got.kind === 'value'
        ? `compare="${echo(got.value)}" was ignored: only "auto" is known.`
        : `compare was ignored: ${got.error.messageEn}`,
  });
  return undefined;
}

export function readCrossCheck(r: Reading): CrossCheck {
  const out: CrossCheck = {};
  const name = read(r, 'patientName');
  if (name !== undefined) {
    if (Array.from(name).length <= MAX_PATIENT_NAME_LENGTH) out.patientName = name;
    else {
      r.errors.push(
        invalidValue(
          'patientName',
          name,
          `un nom de plus de ${MAX_PATIENT_NAME_LENGTH} caractères n’est pas plausible`,
          `longer than ${MAX_PATIENT_NAME_LENGTH} characters`,
        ),
      );
    }
  }
  const birthDate = read(r, 'patientBirthDate');
  if (birthDate !== undefined) {
    const date = parseDicomDate(birthDate);
    if (date) out.patientBirthDate = toDicomDate(date);
    else {
      r.errors.push(
        invalidValue(
          'patientBirthDate',
          birthDate,
          'attendu une date existante au format AAAAMMJJ (par exemple 19580314)',
          'expected an existing date as YYYYMMDD',
        ),
      );
    }
  }
  return out;
}

/** `[]` when absent, `undefined` when invalid (errors already recorded). */
export function readList(
  r: Reading,
  name: string,
  check: (item: string) => LaunchError | undefined,
  normalize: (item: string) => string = (item) => item,
): string[] | undefined {
  const got = readSingle(r, name);
  if (got.kind === 'absent') return [];
  if (got.kind === 'error') return undefined;
  const list = splitList(name, got.value, (item) => check(normalize(item)));
  if (!list.ok) {
    r.errors.push(...list.errors);
    return undefined;
  }
  return [...new Set(list.items.map(normalize))];
}

export function readDateTime(r: Reading, name: string): XmlDateTime | undefined {
  const value = read(r, name);
  if (value === undefined) return undefined;
  const parsed = parseXmlDateTime(value);
  if (!parsed) {
    r.errors.push(
      invalidValue(
        name,
        value,
        'attendu une date et heure existantes au format AAAA-MM-JJThh:mm:ss, avec ou sans fuseau (par exemple 2024-03-01T08:00:00+01:00)',
        'expected an XML Schema dateTime such as 2024-03-01T08:00:00+01:00',
      ),
    );
  }
  return parsed;
}

export function readMostRecent(r: Reading): number | undefined {
  const value = read(r, 'mostRecentResults');
  if (value === undefined) return undefined;
  const count = /^\d{1,4}$/.test(value) ? Number(value) : NaN;
  if (count >= 1 && count <= MAX_MOST_RECENT_RESULTS) return count;
  r.errors.push(
    invalidValue(
      'mostRecentResults',
      value,
      `attendu un nombre entier d’examens entre 1 et ${MAX_MOST_RECENT_RESULTS}`,
      `expected a whole number from 1 to ${MAX_MOST_RECENT_RESULTS}`,
    ),
  );
  return undefined;
}

/** DICOM modality codes, read case-insensitively: `ct` has no other meaning. */
export function readModalities(r: Reading): string[] | undefined {
  return readList(
    r,
    'modalitiesInStudy',
    (code) =>
      MODALITY.test(code)
        ? undefined
        : invalidValue(
            'modalitiesInStudy',
            code,
            'attendu des codes de modalité DICOM comme CT, MR, US (2 à 16 lettres ou chiffres)',
            'expected DICOM modality codes such as CT, MR (2-16 letters or digits)',
          ),
    (code) => code.toUpperCase(),
  );
}

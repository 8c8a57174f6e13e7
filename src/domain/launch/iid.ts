// IHE IID (RAD-106) request parameters → what was asked for, or every reason it cannot be
// honoured. All errors are collected, not just the first: the person reading them is an
// integrator fixing a link template, and one round trip per mistake wastes their day.
//
// Spelling rules (also in README.md beside this file):
// - parameter names are case-sensitive as in IHE; `Accessionnumber` (French CDA guide) is
//   accepted as `accessionNumber`. Other casings are ignored like any unknown name, but
//   named in the "missing" message so the integrator sees why;
// - both accession spellings at once is the same parameter twice: ambiguous, like any repeat;
// - values `STUDY`/`PATIENT`, `true`/`false` and modality codes are read case-insensitively:
//   no other reading of `study` or `ct` exists.

import { parseCx, type CxIdentifier } from './cx';
import { isAfter, type XmlDateTime } from './dates';
import { ID_PROBLEM_EN, ID_PROBLEM_FR, idProblem, isOid, isStudyUid } from './identifiers';
import {
  readCompare,
  readCrossCheck,
  readDateTime,
  readHints,
  readList,
  readModalities,
  readMostRecent,
  readSingle,
  withCasingHint,
  type CrossCheck,
  type Reading,
  type ViewHints,
} from './iidFields';
import {
  echo,
  invalidValue,
  launchError,
  missingParameter,
  type LaunchError,
  type LaunchWarning,
} from './launchError';
import { collect, toPairs, type LaunchParams } from './params';

export interface StudyRequest extends CrossCheck {
  kind: 'STUDY';
  studyUids: string[];
  accessionNumbers: string[];
  patient?: CxIdentifier;
  hints: ViewHints;
}

export interface PatientRequest extends CrossCheck {
  kind: 'PATIENT';
  patient: CxIdentifier;
  lowerDateTime?: XmlDateTime;
  upperDateTime?: XmlDateTime;
  mostRecentResults?: number;
  modalitiesInStudy?: string[];
  hints: ViewHints;
}

export type IidRequest = StudyRequest | PatientRequest;

export type IidParseResult =
  | { ok: true; request: IidRequest; ignored: string[]; warnings: LaunchWarning[] }
  | { ok: false; errors: LaunchError[]; ignored: string[] };

const COMMON = ['requestType', 'patientID', 'patientName', 'patientBirthDate'] as const;
const HINTS = ['viewerType', 'diagnosticQuality', 'keyImagesOnly'] as const;
const STUDY_ONLY = ['studyUID', 'accessionNumber'] as const;
/** Our extensions of a STUDY request (README.md § compare), not IHE's. */
const STUDY_HINTS = ['compare'] as const;
const PATIENT_ONLY = [
  'lowerDateTime',
  'upperDateTime',
  'mostRecentResults',
  'modalitiesInStudy',
] as const;
const KNOWN: readonly string[] = [
  ...COMMON,
  ...HINTS,
  ...STUDY_ONLY,
  ...STUDY_HINTS,
  ...PATIENT_ONLY,
];
// A Map, not an object literal: `toString` or `__proto__` in a URL must not look known.
const ALIASES: ReadonlyMap<string, string> = new Map([['Accessionnumber', 'accessionNumber']]);

function canonicalName(name: string): string | undefined {
  return KNOWN.includes(name) ? name : ALIASES.get(name);
}

export function parseIidRequest(params: LaunchParams): IidParseResult {
  const pairs = toPairs(params);
  const collected = collect(pairs, canonicalName);
  const r: Reading = { collected, errors: [], warnings: [] };
  for (const [name] of pairs) {
    const meant = KNOWN.find((known) => known.toLowerCase() === name.toLowerCase());
    const already = r.warnings.some((w) => w.parameter === meant);
    if (meant && meant !== name && !ALIASES.has(name) && !already) {
      r.warnings.push({
        code: 'misspelled_parameter',
        parameter: meant,
        messageEn: `Ignored "${echo(name)}": parameter names are case-sensitive ("${meant}").`,
      });
    }
  }

  const requestType = readSingle(r, 'requestType');
  const hints = readHints(r);
  const crossCheck = readCrossCheck(r);
  let request: IidRequest | undefined;
  if (requestType.kind === 'absent') {
    r.errors.push(
      withCasingHint(
        r,
        missingParameter(
          'requestType',
          'le logiciel appelant doit préciser STUDY (un examen) ou PATIENT (les examens d’un patient)',
          'it must be STUDY or PATIENT',
        ),
      ),
    );
  } else if (requestType.kind === 'value') {
    const kind = requestType.value.toUpperCase();
    if (kind === 'STUDY') request = readStudy(r, pairs, hints, crossCheck);
    else if (kind === 'PATIENT') request = readPatient(r, pairs, hints, crossCheck);
    else {
      r.errors.push(
        launchError(
          'unknown_request_type',
          'requestType',
          `Le type de demande « ${echo(requestType.value)} » n’est pas reconnu : seuls STUDY (un examen) et PATIENT (les examens d’un patient) existent. Signalez-le à l’éditeur de votre logiciel.`,
          `Unknown requestType "${echo(requestType.value)}": only STUDY and PATIENT exist.`,
          `Le type de demande (requestType) n’est pas reconnu : seuls STUDY (un examen) et PATIENT (les examens d’un patient) existent. Signalez-le à l’éditeur de votre logiciel.`,
        ),
      );
    }
  }

  if (r.errors.length > 0 || request === undefined) {
    return { ok: false, errors: r.errors, ignored: collected.ignored };
  }
  return { ok: true, request, ignored: collected.ignored, warnings: r.warnings };
}

/** Names given for the other request type are listed as ignored, not silently dropped. */
function notApplicable(r: Reading, names: readonly string[], kind: string): void {
  for (const name of names) {
    if (!r.collected.values.has(name)) continue;
    r.collected.ignored.push(name);
    r.warnings.push({
      code: 'not_applicable',
      parameter: name,
      messageEn: `"${name}" does not apply to requestType=${kind} and was ignored.`,
    });
  }
}

function readPatientId(
  r: Reading,
  pairs: ReadonlyArray<readonly [string, string]>,
): { value?: CxIdentifier; error?: LaunchError; issuerLost?: boolean; absent?: true } {
  const got = readSingle(r, 'patientID');
  if (got.kind === 'absent') return { absent: true };
  if (got.kind === 'error') return {};
  const cx = parseCx(got.value, 'patientID');
  if (cx.ok) {
    if (cx.doubleEncoded) {
      r.warnings.push({
        code: 'double_encoded',
        parameter: 'patientID',
        messageEn: 'patientID arrived URL-encoded twice; decoded once more.',
      });
    }
    return { value: cx.value };
  }
  // `ID^^^&OID&ISO` pasted into a URL unencoded: its `&` cut the CX into extra parameters,
  // one of them named by the OID. Saying so saves the integrator a long hunt.
  if (cx.error.code === 'missing_issuer' && pairs.some(([name]) => isOid(name))) {
    return {
      issuerLost: true,
      error: launchError(
        'malformed_cx',
        'patientID',
        `L’identifiant patient a été coupé en morceaux : les caractères & qu’il contient n’ont pas été encodés (%26) dans le lien. Signalez-le à l’éditeur de votre logiciel.`,
        'patientID was split by unencoded "&" characters: they must be sent as %26.',
      ),
    };
  }
  return { error: cx.error, issuerLost: cx.error.code === 'missing_issuer' };
}

function readStudy(
  r: Reading,
  pairs: ReadonlyArray<readonly [string, string]>,
  hints: ViewHints,
  crossCheck: CrossCheck,
): StudyRequest | undefined {
  notApplicable(r, PATIENT_ONLY, 'STUDY');
  const compare = readCompare(r);
  const studyUids = readList(r, 'studyUID', (uid) =>
    isStudyUid(uid)
      ? undefined
      : invalidValue(
          'studyUID',
          uid,
          'un identifiant d’examen (Study Instance UID) est fait de chiffres séparés par des points, 64 caractères au plus',
          'a Study Instance UID is digits separated by dots, at most 64 characters',
        ),
  );
  const accessionNumbers = readList(r, 'accessionNumber', (accession) => {
    const problem = idProblem(accession);
    return problem
      ? invalidValue(
          'accessionNumber',
          accession,
          `ce numéro d’examen ${ID_PROBLEM_FR[problem]}`,
          `the accession number ${ID_PROBLEM_EN[problem]}`,
        )
      : undefined;
  });
  if (studyUids?.length === 0 && accessionNumbers?.length === 0) {
    r.errors.push(
      withCasingHint(
        r,
        missingParameter(
          'studyUID',
          'pour ouvrir un examen, le lien doit contenir son identifiant (studyUID) ou son numéro (accessionNumber)',
          'a STUDY request needs studyUID or accessionNumber',
        ),
        STUDY_ONLY,
      ),
    );
  }
  const patientId = readPatientId(r, pairs);
  if (patientId.issuerLost) {
    // Only a cross-check here: the study UIDs still say what to open.
    r.warnings.push({
      code: 'issuer_missing_ignored',
      parameter: 'patientID',
      messageEn: 'patientID without an issuer OID cannot be cross-checked and was ignored.',
    });
  } else if (patientId.error) r.errors.push(patientId.error);
  if (studyUids === undefined || accessionNumbers === undefined) return undefined;
  const request: StudyRequest = {
    kind: 'STUDY',
    studyUids,
    accessionNumbers,
    hints: compare ? { ...hints, compare } : hints,
    ...crossCheck,
  };
  if (patientId.value) request.patient = patientId.value;
  return request;
}

function readPatient(
  r: Reading,
  pairs: ReadonlyArray<readonly [string, string]>,
  hints: ViewHints,
  crossCheck: CrossCheck,
): PatientRequest | undefined {
  notApplicable(r, [...STUDY_ONLY, ...STUDY_HINTS], 'PATIENT');
  const patientId = readPatientId(r, pairs);
  if (patientId.error) r.errors.push(patientId.error);
  else if (patientId.absent) {
    r.errors.push(
      withCasingHint(
        r,
        missingParameter(
          'patientID',
          'pour afficher les examens d’un patient, le lien doit contenir son identifiant sous la forme IDENTIFIANT^^^&OID&ISO',
          'a PATIENT request needs patientID as ID^^^&OID&ISO',
        ),
      ),
    );
  }
  const lower = readDateTime(r, 'lowerDateTime');
  const upper = readDateTime(r, 'upperDateTime');
  if (lower && upper && isAfter(lower, upper)) {
    r.errors.push(
      launchError(
        'invalid_parameter',
        'lowerDateTime',
        `La période demandée est inversée : son début (lowerDateTime) est après sa fin (upperDateTime). Signalez-le à l’éditeur de votre logiciel.`,
        'lowerDateTime is after upperDateTime.',
      ),
    );
  }
  const mostRecent = readMostRecent(r);
  const modalities = readModalities(r);
  if (!patientId.value) return undefined;
  const request: PatientRequest = {
    kind: 'PATIENT',
    patient: patientId.value,
    hints,
    ...crossCheck,
  };
  if (lower) request.lowerDateTime = lower;
  if (upper) request.upperDateTime = upper;
  if (mostRecent !== undefined) request.mostRecentResults = mostRecent;
  if (modalities && modalities.length > 0) request.modalitiesInStudy = modalities;
  return request;
}

// The DRIMbox contextual call (ANS proof of concept): a DPI POSTs the patient's identity
// as form fields, so none of it lands in browser history or server logs. Everything here is
// a 400 when wrong, and each error names the one field to fix.
//
// Field names are matched case-insensitively: the ANS PoC itself lower-cases them, so DPIs
// built against it send either spelling. Two spellings of one field is a repeat: ambiguous.
// Names and free text are kept verbatim — `<` is a legal character in a name and the UI
// renders text — but control characters are refused everywhere.

import { oidOfSystem, ID_PROBLEM_EN, ID_PROBLEM_FR, idProblem, isStudyUid } from './identifiers';
import { parseIsoDate, toIsoDate } from './dates';
import {
  echo,
  FIX_AT_SOURCE_EN,
  FIX_AT_SOURCE_FR,
  launchError,
  type LaunchError,
} from './launchError';
import { collect, single, splitList, toPairs, type Collected, type LaunchParams } from './params';

export type FhirGender = 'male' | 'female' | 'other' | 'unknown';

export interface ContextualLaunch {
  /** The patient's INS (or another national identifier) and its system as a bare OID. */
  ins: { value: string; system: string };
  name: { family: string; given: string };
  gender: FhirGender;
  /** YYYY-MM-DD. */
  birthDate: string;
  /** `InformationEtConsentement`: the DPI states the patient was informed and agreed. */
  consent: boolean;
  /** The patient's number at the calling site, for matching that site's DRIMbox. */
  localPatient: { id: string; issuer: string };
  situation?: string;
  district?: string;
  studyUids: string[];
  accessionNumbers: string[];
  modalities: string[];
}

export type ContextualCallResult =
  | { ok: true; launch: ContextualLaunch; ignored: string[] }
  | { ok: false; errors: LaunchError[]; ignored: string[] };

/** Field → what it is, in the GP's words, for messages. */
const REQUIRED: ReadonlyMap<string, string> = new Map([
  ['Patient.identifier.value', 'l’INS du patient'],
  ['Patient.identifier.system', 'l’OID de l’INS'],
  ['Patient.name.family', 'le nom de famille du patient'],
  ['Patient.name.given', 'le prénom du patient'],
  ['Patient.gender', 'le sexe du patient'],
  ['Patient.birthDate', 'la date de naissance du patient'],
  ['InformationEtConsentement', 'l’information et le consentement du patient'],
  ['PatientID', 'l’identifiant local du patient'],
  ['PatientIDIssuer', 'l’autorité de l’identifiant local'],
]);
const OPTIONAL = [
  'Situation',
  'Address.district',
  'StudyInstanceUID',
  'AccessionNumber',
  'Modality',
] as const;
const BY_LOWER_CASE: ReadonlyMap<string, string> = new Map(
  [...REQUIRED.keys(), ...OPTIONAL].map((name) => [name.toLowerCase(), name]),
);

const GENDERS: readonly FhirGender[] = ['male', 'female', 'other', 'unknown'];
// INS-NIR, INS-NIA and their test/demo arcs: 15 characters, Corsica's 2A/2B included.
const INS_OIDS = [
  '1.2.250.1.213.1.4.8',
  '1.2.250.1.213.1.4.9',
  '1.2.250.1.213.1.4.10',
  '1.2.250.1.213.1.4.11',
];
const INS_VALUE = /^[0-9]{5}(?:[0-9]{2}|2A|2B)[0-9]{8}$/;
const MAX_NAME_LENGTH = 100;
const MAX_TEXT_LENGTH = 256;
const MODALITY = /^[A-Z0-9]{2,16}$/;

const NOT_AN_OID_FR =
  'n’est pas un OID (attendu urn:oid:1.2.250.1.213.1.4.8 ou 1.2.250.1.213.1.4.8)';
const NOT_AN_INS_FR = 'n’a pas la forme d’un INS : 15 caractères, clé comprise';
const GENDER_EXPECTED_FR = 'doit valoir male, female, other ou unknown';
const BIRTH_DATE_EXPECTED_FR = 'doit être une date existante au format AAAA-MM-JJ';
const CONSENT_EXPECTED_FR = 'doit valoir true ou false';

/** `problemFrWithoutValue`: `problemFr` without the value it quotes, when it quotes one. */
function fieldError(
  field: string,
  problemFr: string,
  problemEn: string,
  problemFrWithoutValue = problemFr,
): LaunchError {
  const what = REQUIRED.get(field);
  const label = what ? ` (${what})` : '';
  return launchError(
    'invalid_parameter',
    field,
    `Le champ « ${field} »${label} ${problemFr}. ${FIX_AT_SOURCE_FR}`,
    `Field "${field}" ${problemEn}. ${FIX_AT_SOURCE_EN}`,
    `Le champ « ${field} »${label} ${problemFrWithoutValue}. ${FIX_AT_SOURCE_FR}`,
  );
}

function missingField(field: string): LaunchError {
  return {
    ...fieldError(field, 'est absent ou vide', 'is missing or empty'),
    code: 'missing_parameter',
  };
}

interface Reading {
  collected: Collected;
  errors: LaunchError[];
}

function read(r: Reading, field: string): string | undefined {
  const got = single(r.collected, field);
  if (got.kind === 'error') r.errors.push(got.error);
  else if (got.kind === 'absent' && REQUIRED.has(field)) r.errors.push(missingField(field));
  return got.kind === 'value' ? got.value : undefined;
}

function readText(r: Reading, field: string, max: number): string | undefined {
  const value = read(r, field);
  if (value === undefined || Array.from(value).length <= max) return value;
  r.errors.push(fieldError(field, `dépasse ${max} caractères`, `is longer than ${max} characters`));
  return undefined;
}

function readId(r: Reading, field: string): string | undefined {
  const value = read(r, field);
  const problem = value === undefined ? undefined : idProblem(value);
  if (!problem) return value;
  r.errors.push(
    fieldError(
      field,
      `(« ${echo(value ?? '')} ») ${ID_PROBLEM_FR[problem]}`,
      `("${echo(value ?? '')}") ${ID_PROBLEM_EN[problem]}`,
      ID_PROBLEM_FR[problem],
    ),
  );
  return undefined;
}

function readIns(r: Reading): ContextualLaunch['ins'] | undefined {
  const rawSystem = read(r, 'Patient.identifier.system');
  const system = rawSystem === undefined ? undefined : oidOfSystem(rawSystem);
  if (rawSystem !== undefined && system === undefined) {
    r.errors.push(
      fieldError(
        'Patient.identifier.system',
        `(« ${echo(rawSystem)} ») ${NOT_AN_OID_FR}`,
        `("${echo(rawSystem)}") is not an OID (expected urn:oid:… or a bare OID)`,
        NOT_AN_OID_FR,
      ),
    );
  }
  const value = readId(r, 'Patient.identifier.value');
  if (value === undefined || system === undefined) return undefined;
  if (INS_OIDS.includes(system) && !INS_VALUE.test(value)) {
    r.errors.push(
      fieldError(
        'Patient.identifier.value',
        `(« ${echo(value)} ») ${NOT_AN_INS_FR}`,
        `("${echo(value)}") is not shaped like an INS: 15 characters including the key`,
        NOT_AN_INS_FR,
      ),
    );
    return undefined;
  }
  return { value, system };
}

function readList(r: Reading, field: string, valid: (item: string) => boolean): string[] {
  const value = read(r, field);
  if (value === undefined) return [];
  const list = splitList(field, value, (item) =>
    valid(item)
      ? undefined
      : fieldError(
          field,
          `contient une valeur invalide (« ${echo(item)} »)`,
          `has an invalid item ("${echo(item)}")`,
          'contient une valeur invalide',
        ),
  );
  if (list.ok) return list.items;
  r.errors.push(...list.errors);
  return [];
}

export function parseContextualCall(params: LaunchParams): ContextualCallResult {
  const collected = collect(toPairs(params), (name) => BY_LOWER_CASE.get(name.toLowerCase()));
  const r: Reading = { collected, errors: [] };

  const ins = readIns(r);
  const family = readText(r, 'Patient.name.family', MAX_NAME_LENGTH);
  const given = readText(r, 'Patient.name.given', MAX_NAME_LENGTH);

  const rawGender = read(r, 'Patient.gender');
  const gender = GENDERS.find((g) => g === rawGender?.toLowerCase());
  if (rawGender !== undefined && gender === undefined) {
    r.errors.push(
      fieldError(
        'Patient.gender',
        `(« ${echo(rawGender)} ») ${GENDER_EXPECTED_FR}`,
        `("${echo(rawGender)}") must be male, female, other or unknown`,
        GENDER_EXPECTED_FR,
      ),
    );
  }

  const rawBirthDate = read(r, 'Patient.birthDate');
  const birthDate = rawBirthDate === undefined ? undefined : parseIsoDate(rawBirthDate);
  if (rawBirthDate !== undefined && birthDate === undefined) {
    r.errors.push(
      fieldError(
        'Patient.birthDate',
        `(« ${echo(rawBirthDate)} ») ${BIRTH_DATE_EXPECTED_FR}`,
        `("${echo(rawBirthDate)}") must be an existing date as YYYY-MM-DD`,
        BIRTH_DATE_EXPECTED_FR,
      ),
    );
  }

  const rawConsent = read(r, 'InformationEtConsentement');
  const consentWord = rawConsent?.toLowerCase();
  if (rawConsent !== undefined && consentWord !== 'true' && consentWord !== 'false') {
    r.errors.push(
      fieldError(
        'InformationEtConsentement',
        `(« ${echo(rawConsent)} ») ${CONSENT_EXPECTED_FR}`,
        `("${echo(rawConsent)}") must be true or false`,
        CONSENT_EXPECTED_FR,
      ),
    );
  }

  const localId = readId(r, 'PatientID');
  const rawIssuer = readId(r, 'PatientIDIssuer');
  // A FINESS number or a local name is as good an issuer as an OID; only FHIR's prefix goes.
  const localIssuer = rawIssuer === undefined ? undefined : (oidOfSystem(rawIssuer) ?? rawIssuer);

  const situation = readText(r, 'Situation', MAX_TEXT_LENGTH);
  const district = readText(r, 'Address.district', MAX_TEXT_LENGTH);
  const studyUids = readList(r, 'StudyInstanceUID', isStudyUid);
  const accessionNumbers = readList(r, 'AccessionNumber', (a) => idProblem(a) === undefined);
  const modalities = readList(r, 'Modality', (m) => MODALITY.test(m.toUpperCase())).map((m) =>
    m.toUpperCase(),
  );

  if (
    r.errors.length > 0 ||
    !ins ||
    family === undefined ||
    given === undefined ||
    !gender ||
    !birthDate ||
    localId === undefined ||
    localIssuer === undefined
  ) {
    return { ok: false, errors: r.errors, ignored: collected.ignored };
  }
  const launch: ContextualLaunch = {
    ins,
    name: { family, given },
    gender,
    birthDate: toIsoDate(birthDate),
    consent: consentWord === 'true',
    localPatient: { id: localId, issuer: localIssuer },
    studyUids,
    accessionNumbers,
    modalities: [...new Set(modalities)],
  };
  if (situation !== undefined) launch.situation = situation;
  if (district !== undefined) launch.district = district;
  return { ok: true, launch, ignored: collected.ignored };
}

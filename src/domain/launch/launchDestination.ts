// Where a claimed launch lands, decided without I/O: which QIDO searches find a STUDY
// launch's exam across the region, which exam the answers designate (or why none), and
// what goes into the opaque keys and the list URL of a PATIENT launch.
//
// Rules (why):
// - Study UIDs are unique worldwide; accession numbers are not — each site numbers its own
//   exams. A UID is taken when one of the sites holding it names the launch's patient (the
//   others may know them only by their own numbers); an exam found by accession number is
//   taken, site by site, only when it names the patient the launch names; without a patient and with several different exams under that
//   number, nothing is opened rather than a guess (`ambiguous`).
// - An exam that matches the number but names another patient is never opened: the GP
//   is told, since their software and the source disagree about who this is.
// - Several requested exams: the first one found, in the launch's order, opens; the
//   patient's other exams are one click away from the viewer. The requested ones no source
//   that answered holds are named (`missing`), so the GP knows what did not open.
// - One UID held for several distinct persons (distinctPersons.ts: two patients at one
//   source, or two INS) is never merged into one exam: with a patient named, only the copies
//   naming that patient are taken, and only their identifiers; with none, nothing opens and
//   the GP chooses whose exam it is (`conflict`).
// - One search per UID or accession number: list matching (`a\b`) is not something every
//   source honours, and a launch names one or two exams.
import { str, type DicomDataset } from '../dicom/dicomJson';
import { TAG } from '../dicom/tags';
import type { PatientKeyValue } from '../federation/patientKeyValue';
import { filtersToSearchParams } from '../federation/urlState';
import type { StudyFilters as ListFilters } from '../federation/studyFilters';
import { holdsSeveralPersons, namesSomeone } from '../identity/distinctPersons';
import { identifiersOf } from '../identity/identifiersOf';
import { matchPatients, type PatientCluster } from '../identity/matchPatients';
import { identifierKey, insRank, type PatientIdentifier } from '../identity/patientIdentifier';
import type { PersonFacts } from '../identity/personText';
import type { LaunchTarget, StudyFilters } from './launchTarget';

export type StudyTarget = Extract<LaunchTarget, { view: 'study' }>;
export type PatientStudiesTarget = Extract<LaunchTarget, { view: 'patientStudies' }>;

/** Most searches one launch may cause per source: a launch names an exam, not a day's list. */
export const MAX_LOOKUPS_PER_SOURCE = 10;

export const LOOKUP_INCLUDE_FIELDS: readonly string[] = [
  TAG.StudyInstanceUID,
  TAG.AccessionNumber,
  TAG.PatientID,
  TAG.IssuerOfPatientID,
  TAG.OtherPatientIDsSequence,
  // Only to tell the GP apart the patients one UID may name (`conflict`).
  TAG.PatientName,
  TAG.PatientBirthDate,
  TAG.PatientSex,
];

export type QueryPairs = Array<[string, string]>;

/**
 * The QIDO study searches that find the launch's exams at one source. `self` is a patient
 * user's own identity: the gateway lets a patient search only under their own INS.
 */
export function studyLookupQueries(target: StudyTarget, self?: PatientIdentifier): QueryPairs[] {
  const scope: QueryPairs = self
    ? [
        ['PatientID', self.id],
        ['IssuerOfPatientID', self.issuer],
      ]
    : [];
  const include: QueryPairs = [['includefield', LOOKUP_INCLUDE_FIELDS.join(',')]];
  const byUid = target.studyUids.map((uid): QueryPairs => [
    ['StudyInstanceUID', uid],
    ...scope,
    ...include,
  ]);
  const byAccession = target.accessionNumbers.map((accession): QueryPairs => [
    ['AccessionNumber', accession],
    ...scope,
    ...include,
  ]);
  return [...byUid, ...byAccession].slice(0, MAX_LOOKUPS_PER_SOURCE);
}

export type SourceAnswer =
  | { sourceId: string; ok: true; datasets: readonly DicomDataset[] }
  /**
   * `consentRequired`: the source answered, and what it said is that the patient's consent
   * is needed (a consent-gated archive) — not that it is down.
   */
  | { sourceId: string; ok: false; consentRequired?: boolean };

/** Requested exams that no source which answered holds. */
export interface MissingExams {
  studyUids: string[];
  accessionNumbers: string[];
}

/** One of the persons a conflicting UID names, as the sources give them. */
export interface ConflictPerson {
  /** INS first; every pair the copies of this person carry. */
  identifiers: PatientIdentifier[];
  sourceIds: string[];
  facts: PersonFacts;
}

export type StudyLookup =
  | {
      kind: 'found';
      studyInstanceUID: string;
      sourceIds: string[];
      /** INS first, then local ids: what the viewer needs to list the patient's other exams. */
      patientIdentifiers: PatientIdentifier[];
      /** Sources that did not answer: the exam may also be there. */
      unanswered: string[];
      /** Other requested exams found nowhere; absent when every one was found. */
      missing?: MissingExams;
    }
  | { kind: 'notFound'; answered: string[]; unanswered: string[]; missing: MissingExams }
  /**
   * Found nowhere that answered, while a consent-gated source answered « consent required »:
   * the exam may well be there, behind the patient's consent. `patient` is whom the launch
   * names (the consent is recorded for them); empty when it names no one.
   */
  | {
      kind: 'consentNeeded';
      consentSourceIds: string[];
      patient: PatientIdentifier[];
      answered: string[];
      unanswered: string[];
      missing: MissingExams;
    }
  /** One UID, several distinct persons, and no patient named to choose between them. */
  | {
      kind: 'conflict';
      studyInstanceUID: string;
      /** Where the persons are held apart (the source holding both, or each INS's source). */
      conflictSourceIds: string[];
      persons: ConflictPerson[];
      answered: string[];
      unanswered: string[];
    }
  /** Found under the number, but for another patient than the launch names. */
  | { kind: 'otherPatient'; answered: string[]; unanswered: string[] }
  /** One accession number, several exams, and no patient to tell them apart. */
  | { kind: 'ambiguous'; accessionNumber: string; answered: string[]; unanswered: string[] };

interface Hit {
  sourceId: string;
  uid: string;
  accession: string;
  identifiers: PatientIdentifier[];
  dataset: DicomDataset;
}

function launchPatients(target: StudyTarget): PatientIdentifier[] {
  return [target.patient, target.localPatient].filter(
    (p): p is PatientIdentifier => p !== undefined,
  );
}

function namesPatient(hit: Hit, patients: readonly PatientIdentifier[]): boolean {
  const keys = new Set(hit.identifiers.map(identifierKey));
  return patients.some((p) => keys.has(identifierKey(p)));
}

function mergeIdentifiers(lists: ReadonlyArray<readonly PatientIdentifier[]>): PatientIdentifier[] {
  const seen = new Set<string>();
  const out: PatientIdentifier[] = [];
  for (const list of lists) {
    for (const { issuer, id } of list) {
      const key = identifierKey({ issuer, id });
      if (id.trim() === '' || seen.has(key)) continue;
      seen.add(key);
      out.push({ issuer, id });
    }
  }
  // Stable: INS before local numbers, otherwise the order they were met in.
  return out
    .map((identifier, i) => ({ identifier, i }))
    .sort((a, b) => insRank(a.identifier.issuer) - insRank(b.identifier.issuer) || a.i - b.i)
    .map(({ identifier }) => identifier);
}

function factsOf(cluster: PatientCluster): PersonFacts {
  const d = cluster.demographics[0];
  const named = d !== undefined && (d.family !== '' || d.given !== '');
  return {
    name: named ? { family: d.family, given: d.given } : null,
    birthDate: d?.birthDate ? d.birthDate : null,
    sex: d?.sex ?? '',
  };
}

/** The persons a UID's copies name, or null when they can all be one patient. */
function personsOf(hits: readonly Hit[]): PatientCluster[] | null {
  const clusters = matchPatients(hits.map((h) => ({ sourceId: h.sourceId, dataset: h.dataset })));
  return holdsSeveralPersons(clusters) ? clusters.filter(namesSomeone) : null;
}

function conflictSources(persons: readonly PatientCluster[]): string[] {
  const shared = persons.flatMap((p, i) =>
    p.sourceIds.filter((id) => persons.some((q, j) => j !== i && q.sourceIds.includes(id))),
  );
  return [...new Set(shared.length > 0 ? shared : persons.flatMap((p) => p.sourceIds))];
}

export function pickStudy(target: StudyTarget, answers: readonly SourceAnswer[]): StudyLookup {
  const answered = answers.filter((a) => a.ok).map((a) => a.sourceId);
  const unanswered = answers.filter((a) => !a.ok).map((a) => a.sourceId);
  const consentSourceIds = answers
    .filter((a) => !a.ok && a.consentRequired === true)
    .map((a) => a.sourceId);
  const hits: Hit[] = [];
  for (const answer of answers) {
    if (!answer.ok) continue;
    for (const ds of answer.datasets) {
      const uid = str(ds, TAG.StudyInstanceUID);
      if (uid === '') continue;
      hits.push({
        sourceId: answer.sourceId,
        uid,
        accession: str(ds, TAG.AccessionNumber),
        identifiers: identifiersOf(ds),
        dataset: ds,
      });
    }
  }

  const patients = launchPatients(target);
  const requested: Array<{ uid?: string; accession?: string }> = [
    ...target.studyUids.map((uid) => ({ uid })),
    ...target.accessionNumbers.map((accession) => ({ accession })),
  ];
  const matchingOf = (wanted: { uid?: string; accession?: string }) =>
    hits.filter((h) =>
      wanted.uid !== undefined ? h.uid === wanted.uid : h.accession === wanted.accession,
    );
  // Only what was searched can be said missing (studyLookupQueries stops at the cap).
  const unheld = requested
    .slice(0, MAX_LOOKUPS_PER_SOURCE)
    .filter((wanted) => matchingOf(wanted).length === 0);
  const missing: MissingExams = {
    studyUids: unheld.flatMap((w) => (w.uid !== undefined ? [w.uid] : [])),
    accessionNumbers: unheld.flatMap((w) => (w.accession !== undefined ? [w.accession] : [])),
  };
  let sawOtherPatient = false;
  for (const wanted of requested) {
    const matching = matchingOf(wanted);
    if (matching.length === 0) continue;
    // A UID is one exam: one site naming the launch's patient vouches for the copies held
    // elsewhere under that site's own numbers. An accession number is checked site by site.
    const vouched = matching.some((h) => namesPatient(h, patients));
    const theirs =
      patients.length === 0
        ? matching
        : wanted.uid !== undefined
          ? vouched
            ? matching
            : []
          : matching.filter((h) => namesPatient(h, patients));
    if (theirs.length === 0) {
      sawOtherPatient = true;
      continue;
    }
    const uids = [...new Set(theirs.map((h) => h.uid))];
    const [uid] = uids;
    if (uid === undefined) continue;
    if (uids.length > 1 && wanted.accession !== undefined) {
      return { kind: 'ambiguous', accessionNumber: wanted.accession, answered, unanswered };
    }
    let same = theirs.filter((h) => h.uid === uid);
    const persons = personsOf(same);
    if (persons) {
      if (patients.length === 0) {
        return {
          kind: 'conflict',
          studyInstanceUID: uid,
          conflictSourceIds: conflictSources(persons),
          persons: persons.map((p) => ({
            identifiers: p.identifiers.map(({ issuer, id }) => ({ issuer, id })),
            sourceIds: p.sourceIds,
            facts: factsOf(p),
          })),
          answered,
          unanswered,
        };
      }
      // Another person's copy vouches for nothing: only what names the patient is theirs.
      same = same.filter((h) => namesPatient(h, patients));
      if (same.length === 0) {
        sawOtherPatient = true;
        continue;
      }
    }
    const someMissing = missing.studyUids.length + missing.accessionNumbers.length > 0;
    return {
      kind: 'found',
      studyInstanceUID: uid,
      sourceIds: [...new Set(same.map((h) => h.sourceId))],
      patientIdentifiers: mergeIdentifiers([patients, ...same.map((h) => h.identifiers)]),
      unanswered,
      ...(someMissing ? { missing } : {}),
    };
  }
  if (sawOtherPatient) return { kind: 'otherPatient', answered, unanswered };
  // Nothing found where the sources answered: the consent-gated source may hold it.
  if (consentSourceIds.length > 0) {
    return {
      kind: 'consentNeeded',
      consentSourceIds,
      patient: mergeIdentifiers([patients]),
      answered,
      unanswered: unanswered.filter((id) => !consentSourceIds.includes(id)),
      missing,
    };
  }
  return { kind: 'notFound', answered, unanswered, missing };
}

/**
 * The patient a PATIENT launch opens. A patient user's list searches only their own INS
 * (the gateway refuses anything else), so the calling site's local number is left out.
 */
export function patientKeyValue(
  target: PatientStudiesTarget,
  opts: { ownStudiesOnly: boolean; label?: string },
): PatientKeyValue {
  const identifiers = mergeIdentifiers([
    [target.patient],
    opts.ownStudiesOnly || !target.localPatient ? [] : [target.localPatient],
  ]);
  const label = opts.label?.trim();
  return label ? { identifiers, label } : { identifiers };
}

const isoOf = (dicomDate: string): string =>
  `${dicomDate.slice(0, 4)}-${dicomDate.slice(4, 6)}-${dicomDate.slice(6, 8)}`;

/**
 * The list's search params for a launch's filters. `mostRecent` becomes the list's own
 * "N most recent" limit (a count, nothing that names the patient), which the user can lift.
 */
export function studyListSearch(filters: StudyFilters): URLSearchParams {
  const date: ListFilters['date'] =
    filters.from || filters.to
      ? {
          ...(filters.from ? { from: isoOf(filters.from) } : {}),
          ...(filters.to ? { to: isoOf(filters.to) } : {}),
        }
      : { preset: 'all' };
  return filtersToSearchParams({
    modalities: [...filters.modalities],
    regions: [],
    date,
    ...(filters.mostRecent !== undefined ? { mostRecent: filters.mostRecent } : {}),
  });
}

/** A patient's name as a launch gave it (`DUBOIS^MARIE` or family/given), for a label. */
export function patientLabel(
  name: string | { family: string; given: string } | undefined,
): string | undefined {
  if (name === undefined) return undefined;
  const text =
    typeof name === 'string'
      ? name.split('^').slice(0, 2).join(' ')
      : `${name.family} ${name.given}`;
  const trimmed = text.replace(/\s+/g, ' ').trim();
  return trimmed === '' ? undefined : trimmed;
}

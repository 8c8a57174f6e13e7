// Every JSON answer is checked before it leaves the gateway, whatever the source did with
// the query: a source may ignore a filter it does not support, read a value as a list, or
// hold one UID under two patients. Each dataset must match the exact keys the search named
// and the path it was asked under, and — when the request is bound to people (a patient's
// own account, a consent) — name one of them. What fails is dropped, never forwarded.
import { str, strs, type DicomDataset } from '../../src/domain/dicom/dicomJson';
import { TAG } from '../../src/domain/dicom/tags';
import { identifiersOf } from '../../src/domain/identity/identifiersOf';
import type { PatientIdentifier } from '../../src/domain/identity/patientIdentifier';
import { namesAnyOf, personsIn, type Person } from '../../src/domain/identity/persons';
import type { DicomwebTarget } from './allowedPaths';
import { isExactValue, splitValueList } from './queryValues';
import type { QidoQuery } from './upstreamQuery';

export interface AnswerRules {
  target: DicomwebTarget;
  query: QidoQuery;
  /** Datasets must name one of these (PatientID + issuer, or Other Patient IDs); absent: anyone. */
  onlyFor?: readonly PatientIdentifier[];
}

export interface CheckedAnswer {
  kept: DicomDataset[];
  dropped: number;
  /** The people the kept datasets are about. */
  persons: Person[];
}

const UID_KEYS: ReadonlyArray<readonly [string, string]> = [
  ['StudyInstanceUID', TAG.StudyInstanceUID],
  ['SeriesInstanceUID', TAG.SeriesInstanceUID],
  ['SOPInstanceUID', '00080018'],
];

/** The exact value a search gave for `key`, or undefined when it gave none or a pattern. */
function exactValue(query: QidoQuery, key: string): string | undefined {
  const value = query.get(key)?.[0];
  return value !== undefined && value !== '' && isExactValue(value) ? value : undefined;
}

function matchesSearch(ds: DicomDataset, query: QidoQuery): boolean {
  const patientId = exactValue(query, 'PatientID');
  if (patientId !== undefined) {
    const issuer = exactValue(query, 'IssuerOfPatientID');
    const named = identifiersOf(ds).some(
      (i) => i.id === patientId && (issuer === undefined || i.issuer === issuer),
    );
    if (!named) return false;
  }
  for (const [key, tag] of UID_KEYS) {
    const asked = query.get(key)?.[0];
    if (asked === undefined) continue;
    if (!splitValueList(asked).includes(str(ds, tag))) return false;
  }
  const accession = exactValue(query, 'AccessionNumber');
  if (accession !== undefined && str(ds, TAG.AccessionNumber) !== accession) return false;
  const birthDate = exactValue(query, 'PatientBirthDate');
  if (birthDate !== undefined && /^[0-9]{8}$/.test(birthDate)) {
    if (str(ds, TAG.PatientBirthDate) !== birthDate) return false;
  }
  return true;
}

/** A dataset carrying a UID of another study or series than the path names is not this one's. */
function withinPath(ds: DicomDataset, target: DicomwebTarget): boolean {
  const inOther = (tag: string, uid: string | undefined): boolean => {
    if (uid === undefined) return false;
    const held = strs(ds, tag);
    return held.length > 0 && !held.includes(uid);
  };
  return !(
    inOther(TAG.StudyInstanceUID, target.studyUid) ||
    inOther(TAG.SeriesInstanceUID, target.seriesUid) ||
    inOther('00080018', target.instanceUid)
  );
}

/** Whether one dataset of the answer may be forwarded. */
export function answerKeeps(rules: AnswerRules): (ds: DicomDataset) => boolean {
  return (ds) =>
    withinPath(ds, rules.target) &&
    (rules.target.kind !== 'search' || matchesSearch(ds, rules.query)) &&
    (rules.onlyFor === undefined || namesAnyOf(ds, rules.onlyFor));
}

export function checkAnswer(datasets: readonly DicomDataset[], rules: AnswerRules): CheckedAnswer {
  const kept = datasets.filter(answerKeeps(rules));
  return { kept, dropped: datasets.length - kept.length, persons: personsIn(kept) };
}

/** Whether the dataset carries no UID of another series than `seriesUid`. */
export function inSeries(ds: DicomDataset, seriesUid: string): boolean {
  const held = strs(ds, TAG.SeriesInstanceUID);
  return held.length === 0 || held.includes(seriesUid);
}

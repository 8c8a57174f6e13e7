// QIDO-RS answers turned into plain records. A source answering something that is not a
// DICOM JSON array is broken as a whole (InvalidAnswerError → the source shows an error);
// a single malformed item inside a good array is skipped and counted, so one bad study
// never hides the others.
import { date, isDataset, num, personName, seq, str, strs } from './dicomJson';
import type { DicomDataset, PersonName } from './dicomJson';
import { normalizeModality } from './modalities';
import { TAG } from './tags';

export class InvalidAnswerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidAnswerError';
  }
}

export interface CodedConcept {
  value: string;
  scheme: string;
  meaning: string;
}

export interface StudyRecord {
  studyInstanceUID: string;
  /** ISO YYYY-MM-DD, null when absent or not a real date. */
  date: string | null;
  /** HHMMSS… as sent, '' when absent. */
  time: string;
  accessionNumber: string;
  description: string;
  modalities: string[];
  numberOfSeries: number | null;
  numberOfInstances: number | null;
  patientName: PersonName | null;
  patientBirthDate: string | null;
  patientSex: string;
  referringPhysician: PersonName | null;
  institutionName: string;
  /** Rarely sent at study level, but used when present. */
  bodyPartsExamined: string[];
  anatomicRegions: CodedConcept[];
  retrieveUrl: string;
  /** The item as received, for identity matching (identity/identifiersOf). */
  dataset: DicomDataset;
}

export interface SeriesRecord {
  seriesInstanceUID: string;
  /** '' when the answer did not say (series queried under a known study). */
  studyInstanceUID: string;
  modality: string;
  bodyPartExamined: string;
  description: string;
  anatomicRegions: CodedConcept[];
  numberOfInstances: number | null;
}

const UID = /^[0-9]+(\.[0-9]+)*$/;

function uid(ds: DicomDataset, tag: string): string | null {
  const value = str(ds, tag);
  return value.length <= 64 && UID.test(value) ? value : null;
}

/** A count is a non-negative integer; anything else is "unknown", not zero. */
function count(ds: DicomDataset, tag: string): number | null {
  const n = num(ds, tag);
  return n !== null && Number.isInteger(n) && n >= 0 ? n : null;
}

export function codedConcepts(ds: DicomDataset, tag: string): CodedConcept[] {
  return seq(ds, tag)
    .map((item) => ({
      value: str(item, TAG.CodeValue),
      scheme: str(item, TAG.CodingSchemeDesignator),
      meaning: str(item, TAG.CodeMeaning),
    }))
    .filter((c) => c.value !== '');
}

function modalityList(values: string[]): string[] {
  const out: string[] = [];
  for (const v of values) {
    const m = normalizeModality(v);
    if (m && !out.includes(m)) out.push(m);
  }
  return out;
}

function datasets(
  json: unknown,
  what: string,
): { items: [number, DicomDataset][]; problems: string[] } {
  if (!Array.isArray(json)) {
    throw new InvalidAnswerError(`${what}: a DICOM JSON array was expected`);
  }
  const items: [number, DicomDataset][] = [];
  const problems: string[] = [];
  json.forEach((item: unknown, index) => {
    if (isDataset(item)) items.push([index, item]);
    else problems.push(`item ${index}: not a dataset`);
  });
  return { items, problems };
}

export function parseStudy(ds: DicomDataset): StudyRecord | null {
  const studyInstanceUID = uid(ds, TAG.StudyInstanceUID);
  if (!studyInstanceUID) return null;
  return {
    studyInstanceUID,
    date: date(ds, TAG.StudyDate),
    time: str(ds, TAG.StudyTime),
    accessionNumber: str(ds, TAG.AccessionNumber),
    description: str(ds, TAG.StudyDescription),
    modalities: modalityList(strs(ds, TAG.ModalitiesInStudy)),
    numberOfSeries: count(ds, TAG.NumberOfStudyRelatedSeries),
    numberOfInstances: count(ds, TAG.NumberOfStudyRelatedInstances),
    patientName: personName(ds, TAG.PatientName),
    patientBirthDate: date(ds, TAG.PatientBirthDate),
    patientSex: str(ds, TAG.PatientSex).toUpperCase(),
    referringPhysician: personName(ds, TAG.ReferringPhysicianName),
    institutionName: str(ds, TAG.InstitutionName),
    bodyPartsExamined: strs(ds, TAG.BodyPartExamined),
    anatomicRegions: codedConcepts(ds, TAG.AnatomicRegionSequence),
    retrieveUrl: str(ds, TAG.RetrieveURL),
    dataset: ds,
  };
}

export function parseSeriesItem(ds: DicomDataset): SeriesRecord | null {
  const seriesInstanceUID = uid(ds, TAG.SeriesInstanceUID);
  if (!seriesInstanceUID) return null;
  return {
    seriesInstanceUID,
    studyInstanceUID: uid(ds, TAG.StudyInstanceUID) ?? '',
    modality: normalizeModality(str(ds, TAG.Modality)) ?? '',
    bodyPartExamined: str(ds, TAG.BodyPartExamined),
    description: str(ds, TAG.SeriesDescription),
    anatomicRegions: codedConcepts(ds, TAG.AnatomicRegionSequence),
    numberOfInstances: count(ds, TAG.NumberOfSeriesRelatedInstances),
  };
}

/** @throws InvalidAnswerError when the body is not an array (null, object, string, garbage). */
export function parseStudies(json: unknown): { studies: StudyRecord[]; problems: string[] } {
  const { items, problems } = datasets(json, 'studies');
  const studies: StudyRecord[] = [];
  for (const [index, ds] of items) {
    const study = parseStudy(ds);
    if (study) studies.push(study);
    else problems.push(`item ${index}: no valid StudyInstanceUID`);
  }
  return { studies, problems };
}

/** @throws InvalidAnswerError when the body is not an array. */
export function parseSeries(json: unknown): { series: SeriesRecord[]; problems: string[] } {
  const { items, problems } = datasets(json, 'series');
  const series: SeriesRecord[] = [];
  for (const [index, ds] of items) {
    const s = parseSeriesItem(ds);
    if (s) series.push(s);
    else problems.push(`item ${index}: no valid SeriesInstanceUID`);
  }
  return { series, problems };
}

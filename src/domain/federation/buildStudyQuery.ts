// QIDO-RS parameters for one source, within what that source really honours (its
// configured QidoCapabilities — Orthanc's DICOMweb 1.7 has quirks, STACK-NOTES.md). What a
// source cannot filter is applied in the browser and listed in `appliedLocally`, so the UI
// can say so. Values are raw: the gateway decides how to encode them for each upstream.
//
// Rules (why):
// - No IssuerOfPatientID support → only PatientID is sent, and `issuer` is applied locally
//   (verifyPatient.ts): the answer may hold another site's patient with the same number.
// - The region filter is always local: a region is a union of many BodyPartExamined terms,
//   codes and description words, which one QIDO key cannot express; sending one term would
//   silently drop the studies found the other ways. bodyPartAtStudyLevel is therefore not
//   used for filtering.
// - A date preset needs "today", passed in like everywhere in the domain.
// - limit = the source's maxResults, so "count ≥ limit" reliably means "maybe more".
import type { PublicSource } from '../publicConfig';
import { TAG } from '../dicom/tags';
import type { PatientIdentifier } from '../identity/patientIdentifier';
import { resolveDateRange } from './studyFilters';
import type { FilterKind, StudyFilters } from './studyFilters';

export type QueryParams = [key: string, value: string][];

export interface StudyQuery {
  params: QueryParams;
  appliedLocally: FilterKind[];
}

/** Study attributes the list needs; named, since Orthanc ignores includefield=all. */
export const STUDY_INCLUDE_FIELDS: readonly string[] = [
  TAG.StudyDate,
  TAG.StudyTime,
  TAG.AccessionNumber,
  TAG.StudyDescription,
  TAG.ModalitiesInStudy,
  TAG.NumberOfStudyRelatedSeries,
  TAG.NumberOfStudyRelatedInstances,
  TAG.ReferringPhysicianName,
  TAG.InstitutionName,
  TAG.PatientName,
  TAG.PatientBirthDate,
  TAG.PatientSex,
  TAG.IssuerOfPatientID,
  TAG.OtherPatientIDsSequence,
];

/**
 * Series attributes that tell a study's regions, modalities and counts — and whose they
 * are, since a series may name another patient than its study (verifyPatient.ts).
 */
export const SERIES_INCLUDE_FIELDS: readonly string[] = [
  TAG.StudyInstanceUID,
  TAG.PatientID,
  TAG.IssuerOfPatientID,
  TAG.Modality,
  TAG.BodyPartExamined,
  TAG.SeriesDescription,
  TAG.AnatomicRegionSequence,
  TAG.NumberOfSeriesRelatedInstances,
  TAG.SeriesNumber,
];

/** DICOM DA range `A-B`, `A-` or `-B` from ISO bounds. */
function dicomRange(range: { from?: string; to?: string }): string | null {
  const da = (iso?: string) => (iso ? iso.replace(/-/g, '') : '');
  if (!range.from && !range.to) return null;
  return `${da(range.from)}-${da(range.to)}`;
}

function patientParams(
  source: PublicSource,
  patient: PatientIdentifier,
): {
  params: QueryParams;
  issuerLocal: boolean;
} {
  const params: QueryParams = [['PatientID', patient.id.trim()]];
  const issuer = patient.issuer.trim();
  if (issuer === '') return { params, issuerLocal: false };
  if (source.qido.issuerOfPatientId) {
    params.push(['IssuerOfPatientID', issuer]);
    return { params, issuerLocal: false };
  }
  return { params, issuerLocal: true };
}

/** `GET studies?…` for one patient at one source. */
export function buildStudyQuery(
  source: PublicSource,
  patient: PatientIdentifier,
  filters: StudyFilters,
  today: string,
): StudyQuery {
  const { params, issuerLocal } = patientParams(source, patient);
  const appliedLocally: FilterKind[] = issuerLocal ? ['issuer'] : [];

  if (filters.modalities.length > 0) {
    // Comma, not backslash: Orthanc matches `CT,MR` and returns nothing for `CT\MR`.
    if (source.qido.modalitiesInStudy)
      params.push(['ModalitiesInStudy', filters.modalities.join(',')]);
    else appliedLocally.push('modality');
  }

  const range = dicomRange(resolveDateRange(filters.date, today));
  if (range !== null) {
    if (source.qido.studyDateRange) params.push(['StudyDate', range]);
    else appliedLocally.push('date');
  }

  if (filters.regions.length > 0) appliedLocally.push('region');

  params.push(['includefield', STUDY_INCLUDE_FIELDS.join(',')]);
  params.push(['limit', String(source.qido.maxResults)]);
  return { params, appliedLocally };
}

/**
 * `GET series?…` for every series of the patient at one source, in one request: the
 * regions and report flags of all studies at once, instead of one request per study.
 */
export function buildSeriesQuery(source: PublicSource, patient: PatientIdentifier): StudyQuery {
  const { params, issuerLocal } = patientParams(source, patient);
  params.push(['includefield', SERIES_INCLUDE_FIELDS.join(',')]);
  // Series outnumber studies; ten per study is a generous bound that still stops a runaway answer.
  params.push(['limit', String(source.qido.maxResults * 10)]);
  return { params, appliedLocally: issuerLocal ? ['issuer'] : [] };
}

export type PatientSearch =
  | { by: 'identifier'; identifier: PatientIdentifier }
  | { by: 'name'; family: string; birthDate: string };

/**
 * `GET studies?…` to find a patient. By name: family name as a prefix (`DUPONT*` matches
 * `DUPONT^JEAN`), with a space as `?` (Orthanc never matches a space) — always with the
 * birth date, so a name alone never lists a whole town's patients.
 * Null when the search is incomplete.
 */
export function buildPatientSearchQuery(
  source: PublicSource,
  search: PatientSearch,
): QueryParams | null {
  let params: QueryParams;
  if (search.by === 'identifier') {
    if (search.identifier.id.trim() === '') return null;
    params = patientParams(source, search.identifier).params;
  } else {
    const family = search.family
      .trim()
      .replace(/[*?\\^=]/g, '')
      .replace(/\s+/g, '?');
    const birth = search.birthDate.replace(/-/g, '');
    if (family === '' || !/^\d{8}$/.test(birth)) return null;
    params = [
      ['PatientName', `${family}*`],
      ['PatientBirthDate', birth],
    ];
  }
  params.push([
    'includefield',
    [
      TAG.PatientName,
      TAG.PatientBirthDate,
      TAG.PatientSex,
      TAG.IssuerOfPatientID,
      TAG.OtherPatientIDsSequence,
    ].join(','),
  ]);
  params.push(['limit', String(source.qido.maxResults)]);
  return params;
}

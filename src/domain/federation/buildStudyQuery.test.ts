import { describe, expect, it } from 'vitest';
import type { PublicSource, QidoCapabilities } from '../publicConfig';
import {
  buildPatientSearchQuery,
  buildSeriesQuery,
  buildStudyQuery,
  STUDY_INCLUDE_FIELDS,
} from './buildStudyQuery';
import { NO_FILTERS } from './studyFilters';

/** What Orthanc + DICOMweb 1.7 honours (STACK-NOTES.md). */
const ORTHANC: QidoCapabilities = {
  issuerOfPatientId: true,
  modalitiesInStudy: true,
  studyDateRange: true,
  bodyPartAtStudyLevel: false,
  maxResults: 200,
};

const source = (qido: Partial<QidoCapabilities> = {}): PublicSource => ({
  id: 'drimbox-nancy',
  label: 'Nancy',
  kind: 'drimbox',
  qido: { ...ORTHANC, ...qido },
  timeoutMs: 8000,
});

const INS = { issuer: '1.2.250.1.213.1.4.10', id: '185057800608491' };
const TODAY = '2025-03-15';
const param = (params: [string, string][], key: string) =>
  params.filter(([k]) => k === key).map(([, v]) => v);

describe('buildStudyQuery', () => {
  it('sends everything an Orthanc-like source honours, region excepted', () => {
    const { params, appliedLocally } = buildStudyQuery(
      source(),
      INS,
      { modalities: ['CT', 'MR'], regions: ['67734004'], date: { preset: '1y' } },
      TODAY,
    );
    expect(params).toEqual([
      ['PatientID', '185057800608491'],
      ['IssuerOfPatientID', '1.2.250.1.213.1.4.10'],
      ['ModalitiesInStudy', 'CT,MR'],
      ['StudyDate', '20240315-'],
      ['includefield', STUDY_INCLUDE_FIELDS.join(',')],
      ['limit', '200'],
    ]);
    expect(appliedLocally).toEqual(['region']);
  });

  it('sends PatientID only and verifies the issuer locally when the source cannot match it', () => {
    const { params, appliedLocally } = buildStudyQuery(
      source({ issuerOfPatientId: false }),
      INS,
      NO_FILTERS,
      TODAY,
    );
    expect(param(params, 'PatientID')).toEqual(['185057800608491']);
    expect(param(params, 'IssuerOfPatientID')).toEqual([]);
    expect(appliedLocally).toEqual(['issuer']);
  });

  it('sends no issuer for a bare identifier, and has nothing to verify', () => {
    const { params, appliedLocally } = buildStudyQuery(
      source(),
      { issuer: '', id: 'P1' },
      NO_FILTERS,
      TODAY,
    );
    expect(param(params, 'IssuerOfPatientID')).toEqual([]);
    expect(appliedLocally).toEqual([]);
  });

  it('applies modality and date locally when the source cannot', () => {
    const { params, appliedLocally } = buildStudyQuery(
      source({ modalitiesInStudy: false, studyDateRange: false }),
      INS,
      { modalities: ['CT'], regions: [], date: { from: '2020-01-01', to: '2020-12-31' } },
      TODAY,
    );
    expect(param(params, 'ModalitiesInStudy')).toEqual([]);
    expect(param(params, 'StudyDate')).toEqual([]);
    expect(appliedLocally).toEqual(['modality', 'date']);
  });

  it('writes DICOM ranges A-B, A- and -B', () => {
    const q = (date: { from?: string; to?: string }) =>
      param(buildStudyQuery(source(), INS, { ...NO_FILTERS, date }, TODAY).params, 'StudyDate');
    expect(q({ from: '2020-01-01', to: '2020-12-31' })).toEqual(['20200101-20201231']);
    expect(q({ from: '2020-01-01' })).toEqual(['20200101-']);
    expect(q({ to: '2020-12-31' })).toEqual(['-20201231']);
    expect(q({})).toEqual([]);
  });

  it('keeps region local even if the source claims study-level BodyPartExamined', () => {
    const { params, appliedLocally } = buildStudyQuery(
      source({ bodyPartAtStudyLevel: true }),
      INS,
      { ...NO_FILTERS, regions: ['61685007'] },
      TODAY,
    );
    expect(param(params, 'BodyPartExamined')).toEqual([]);
    expect(appliedLocally).toEqual(['region']);
  });

  it('uses the source maxResults as limit', () => {
    expect(
      param(buildStudyQuery(source({ maxResults: 50 }), INS, NO_FILTERS, TODAY).params, 'limit'),
    ).toEqual(['50']);
  });

  it('names the fields the list and identity matching need', () => {
    for (const tag of ['00080061', '00081030', '00080020', '00100021', '00101002', '00201208']) {
      expect(STUDY_INCLUDE_FIELDS).toContain(tag);
    }
  });
});

describe('buildSeriesQuery', () => {
  it('asks for the patient’s series with the anatomy attributes', () => {
    const { params, appliedLocally } = buildSeriesQuery(source({ issuerOfPatientId: false }), INS);
    expect(param(params, 'PatientID')).toEqual([INS.id]);
    expect(param(params, 'includefield')[0]).toContain('00180015');
    expect(param(params, 'limit')).toEqual(['2000']);
    expect(appliedLocally).toEqual(['issuer']);
  });
});

describe('buildPatientSearchQuery', () => {
  it('searches by INS with its OID', () => {
    const params = buildPatientSearchQuery(source(), { by: 'identifier', identifier: INS });
    expect(params?.slice(0, 2)).toEqual([
      ['PatientID', INS.id],
      ['IssuerOfPatientID', INS.issuer],
    ]);
  });

  it('searches by family name prefix + birth date, spaces as ?', () => {
    const params = buildPatientSearchQuery(source(), {
      by: 'name',
      family: ' Le Gall ',
      birthDate: '1985-05-12',
    });
    expect(params?.slice(0, 2)).toEqual([
      ['PatientName', 'Le?Gall*'],
      ['PatientBirthDate', '19850512'],
    ]);
  });

  it('refuses an incomplete search and strips wildcards', () => {
    expect(
      buildPatientSearchQuery(source(), { by: 'name', family: 'DUPONT', birthDate: '' }),
    ).toBeNull();
    expect(
      buildPatientSearchQuery(source(), { by: 'name', family: '*', birthDate: '1985-05-12' }),
    ).toBeNull();
    expect(
      buildPatientSearchQuery(source(), { by: 'identifier', identifier: { issuer: '', id: ' ' } }),
    ).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { parseDicomwebPath, type DicomwebTarget } from './allowedPaths';
import { encodeUpstreamQuery, parseBrowserQuery } from './upstreamQuery';

const search = parseDicomwebPath('studies') as DicomwebTarget;
const orthanc = { decodesUrl: false, maxResults: 200, isSearch: true };
const standard = { decodesUrl: true, maxResults: 200, isSearch: true };
const reencode = (q: string, opts = orthanc): string =>
  encodeUpstreamQuery(parseBrowserQuery(q, search), opts);

describe('query re-encoding', () => {
  it('sends DICOM wildcards, name separators, lists and ranges raw to Orthanc 1.7', () => {
    expect(
      reencode('PatientName=DU%5EMA*&StudyDate=20200101-20241231&ModalitiesInStudy=CT%2CMR'),
    ).toBe('PatientName=DU^MA*&StudyDate=20200101-20241231&ModalitiesInStudy=CT,MR&limit=200');
    expect(reencode('PatientID=2580?7512345653&IssuerOfPatientID=1.2.250.1.213.1.4.10')).toBe(
      'PatientID=2580?7512345653&IssuerOfPatientID=1.2.250.1.213.1.4.10&limit=200',
    );
  });

  it('turns spaces in PatientName into ? for Orthanc 1.7, and percent-encodes the rest', () => {
    expect(reencode('PatientName=DE%20LA%20TOUR*')).toBe('PatientName=DE?LA?TOUR*&limit=200');
    expect(reencode('PatientName=DE+LA*')).toBe('PatientName=DE?LA*&limit=200');
    expect(reencode('StudyDescription=IRM%20GENOU%26X%3D1')).toBe(
      'StudyDescription=IRM%20GENOU%26X%3D1&limit=200',
    );
    expect(reencode('PatientName=%C3%89LODIE*')).toBe('PatientName=%C3%89LODIE*&limit=200');
  });

  it('percent-encodes everything reserved for a server that decodes', () => {
    expect(reencode('PatientName=DU%5EMA*&ModalitiesInStudy=CT%2CMR', standard)).toBe(
      'PatientName=DU%5EMA*&ModalitiesInStudy=CT%2CMR&limit=200',
    );
    expect(reencode('PatientName=DE%20LA*', standard)).toBe('PatientName=DE%20LA*&limit=200');
  });

  it('caps limit at the source maximum and always sets one on searches', () => {
    expect(reencode('PatientID=1&limit=5000')).toBe('PatientID=1&limit=200');
    expect(reencode('PatientID=1&limit=20&offset=40')).toBe('PatientID=1&offset=40&limit=20');
    expect(reencode('PatientID=1')).toBe('PatientID=1&limit=200');
  });

  it('folds identifying tags into their keyword and keeps other tags', () => {
    expect(reencode('00100020=ABC&00081030=IRM&includefield=00100021,StudyDescription')).toBe(
      'PatientID=ABC&00081030=IRM&includefield=00100021,StudyDescription&limit=200',
    );
    expect(reencode('includefield=00100021&includefield=00080061')).toBe(
      'includefield=00100021&includefield=00080061&limit=200',
    );
  });

  it.each([
    'PatientID=1&PatientID=*',
    'PatientID=1&00100020=2',
    'Patient-ID=1',
    'Patient.ID=1',
    '0010002=1',
    'limit=-1',
    'limit=abc',
    'offset=1e3',
    'fuzzymatching=yes',
    'includefield=00100010;drop',
    `PatientName=${'A'.repeat(300)}`,
    'PatientName=A%0D%0AB',
  ])('refuses %s', (q) => {
    expect(() => parseBrowserQuery(q, search)).toThrow(expect.objectContaining({ status: 400 }));
  });

  it('allows only the parameters each retrieve understands', () => {
    const frames = parseDicomwebPath('studies/1/series/2/instances/3/frames/1') as DicomwebTarget;
    const rendered = parseDicomwebPath('studies/1/series/2/instances/3/rendered') as DicomwebTarget;
    expect(() => parseBrowserQuery('PatientID=1', frames)).toThrow(
      expect.objectContaining({ code: 'bad_request' }),
    );
    expect(parseBrowserQuery('quality=80', rendered).get('quality')).toEqual(['80']);
    expect(
      encodeUpstreamQuery(parseBrowserQuery('quality=80', rendered), {
        ...orthanc,
        isSearch: false,
      }),
    ).toBe('quality=80');
  });
});

import { describe, expect, it } from 'vitest';
import { parseContextualCall, type ContextualLaunch } from './contextualCall';
import { parseXmlDateTime } from './dates';
import { parseIidRequest, type IidRequest } from './iid';
import { dicomDateOf, targetOfContextualCall, targetOfIid } from './launchTarget';

const TEST_OID = '1.2.250.1.213.1.4.10';
const CX_IN_URL = `258037512345653%5E%5E%5E%26${TEST_OID}%26ISO`;

function iid(query: string): IidRequest {
  const result = parseIidRequest(new URLSearchParams(query));
  if (!result.ok) throw new Error(result.errors.map((e) => e.messageEn).join('\n'));
  return result.request;
}

function date(value: string, timeZone?: string): string {
  const parsed = parseXmlDateTime(value);
  if (!parsed) throw new Error(`bad dateTime ${value}`);
  return dicomDateOf(parsed, timeZone);
}

describe('targetOfIid', () => {
  it('opens the studies of a STUDY request, with the cross-check patient and hints', () => {
    expect(
      targetOfIid(
        iid(
          `requestType=STUDY&studyUID=1.2.3,1.2.4&Accessionnumber=A1&patientID=${CX_IN_URL}&keyImagesOnly=true`,
        ),
      ),
    ).toEqual({
      view: 'study',
      studyUids: ['1.2.3', '1.2.4'],
      accessionNumbers: ['A1'],
      patient: { id: '258037512345653', issuer: TEST_OID },
      hints: { keyImagesOnly: true },
    });
  });

  it('carries compare=auto to the study it opens', () => {
    expect(targetOfIid(iid('requestType=STUDY&studyUID=1.2.3&compare=auto'))).toMatchObject({
      view: 'study',
      hints: { compare: 'auto' },
    });
  });

  it('lists the studies of a PATIENT request with its filters', () => {
    expect(
      targetOfIid(
        iid(
          `requestType=PATIENT&patientID=${CX_IN_URL}&modalitiesInStudy=CT,MR&mostRecentResults=3` +
            `&lowerDateTime=2024-01-01T00:00:00&upperDateTime=2024-06-30T23:59:59`,
        ),
      ),
    ).toEqual({
      view: 'patientStudies',
      patient: { id: '258037512345653', issuer: TEST_OID },
      filters: { modalities: ['CT', 'MR'], from: '20240101', to: '20240630', mostRecent: 3 },
      hints: {},
    });
  });

  it('leaves filters open when the request gives none', () => {
    expect(targetOfIid(iid(`requestType=PATIENT&patientID=${CX_IN_URL}`))).toMatchObject({
      filters: { modalities: [] },
    });
  });

  it('does not share arrays with the request', () => {
    const request = iid('requestType=STUDY&studyUID=1.2.3');
    const target = targetOfIid(request);
    if (target.view !== 'study') throw new Error('expected study');
    target.studyUids.push('9.9');
    expect(request.kind === 'STUDY' && request.studyUids).toEqual(['1.2.3']);
  });

  it('never narrows the bounds below whole days', () => {
    const target = targetOfIid(
      iid(
        `requestType=PATIENT&patientID=${CX_IN_URL}&lowerDateTime=2024-03-01T23:59:59&upperDateTime=2024-03-02T00:00:01`,
      ),
    );
    expect(target).toMatchObject({ filters: { from: '20240301', to: '20240302' } });
  });

  it('orders bounds that XML Schema could not compare (mixed timezones)', () => {
    const target = targetOfIid(
      iid(
        `requestType=PATIENT&patientID=${CX_IN_URL}&lowerDateTime=2024-03-02T01:00:00` +
          `&upperDateTime=${encodeURIComponent('2024-03-01T12:00:00-11:00')}`,
      ),
      'Pacific/Pago_Pago',
    );
    expect(target).toMatchObject({ filters: { from: '20240301', to: '20240302' } });
  });
});

describe('dicomDateOf: XML dateTime → DICOM date', () => {
  it('keeps the written date when there is no timezone', () => {
    expect(date('2024-03-01T23:30:00')).toBe('20240301');
    expect(date('2024-03-01')).toBe('20240301');
  });

  it('rolls 24:00:00 over to the next day', () => {
    expect(date('2024-12-31T24:00:00')).toBe('20250101');
  });

  it('converts an instant to the civil date in Paris (winter, UTC+1)', () => {
    expect(date('2024-01-15T23:30:00Z')).toBe('20240116');
    expect(date('2024-01-15T22:59:59Z')).toBe('20240115');
  });

  it('converts an instant to the civil date in Paris (summer, UTC+2)', () => {
    expect(date('2024-07-15T22:30:00Z')).toBe('20240716');
    expect(date('2024-07-15T21:59:59Z')).toBe('20240715');
  });

  it('converts other offsets through the instant', () => {
    expect(date('2024-07-15T20:00:00-05:00')).toBe('20240716');
    expect(date('2024-07-16T01:00:00+09:00')).toBe('20240715');
  });

  it('uses the zone it is given (an overseas region)', () => {
    expect(date('2024-07-15T02:00:00Z', 'America/Martinique')).toBe('20240714');
    expect(date('2024-07-15T02:00:00Z', 'Indian/Reunion')).toBe('20240715');
  });

  it('throws for an unknown time zone (a configuration error)', () => {
    expect(() => date('2024-07-15T02:00:00Z', 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('targetOfContextualCall', () => {
  const base: Record<string, string> = {
    'Patient.identifier.value': '258037512345653',
    'Patient.identifier.system': `urn:oid:${TEST_OID}`,
    'Patient.name.family': 'DUBOIS',
    'Patient.name.given': 'MARIE',
    'Patient.gender': 'female',
    'Patient.birthDate': '1958-03-14',
    InformationEtConsentement: 'true',
    PatientID: 'NCY-000123',
    PatientIDIssuer: '2.25.1',
  };

  function launch(extra: Record<string, string> = {}): ContextualLaunch {
    const result = parseContextualCall({ ...base, ...extra });
    if (!result.ok) throw new Error(result.errors.map((e) => e.messageEn).join('\n'));
    return result.launch;
  }

  it("lists the INS patient's studies, keeping the local number beside it", () => {
    expect(targetOfContextualCall(launch({ Modality: 'CT' }))).toEqual({
      view: 'patientStudies',
      patient: { id: '258037512345653', issuer: TEST_OID },
      localPatient: { id: 'NCY-000123', issuer: '2.25.1' },
      filters: { modalities: ['CT'] },
      hints: {},
    });
  });

  it('opens a study when the call names one', () => {
    expect(targetOfContextualCall(launch({ StudyInstanceUID: '1.2.3' }))).toMatchObject({
      view: 'study',
      studyUids: ['1.2.3'],
      accessionNumbers: [],
      patient: { id: '258037512345653', issuer: TEST_OID },
    });
    expect(targetOfContextualCall(launch({ AccessionNumber: 'A1' }))).toMatchObject({
      view: 'study',
      accessionNumbers: ['A1'],
    });
  });
});

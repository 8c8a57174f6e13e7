import { describe, expect, it } from 'vitest';
import { targetOfLaunch } from './targetOfLaunch';

const INS = '258037512345653';
const OID = '1.2.250.1.213.1.4.10';

describe('the target of a claimed launch', () => {
  it('reads an IID PATIENT launch into the list’s patient and filters, with a label', () => {
    const result = targetOfLaunch('iid', [
      ['requestType', 'PATIENT'],
      ['patientID', `${INS}^^^&${OID}&ISO`],
      ['patientName', 'DUBOIS^MARIE'],
      ['modalitiesInStudy', 'ct'],
      ['lowerDateTime', '2024-01-01T00:00:00'],
    ]);
    expect(result).toEqual({
      ok: true,
      label: 'DUBOIS MARIE',
      target: {
        view: 'patientStudies',
        patient: { id: INS, issuer: OID },
        filters: { modalities: ['CT'], from: '20240101' },
        hints: {},
      },
    });
  });

  it('reads a contextual call naming an exam into a study target with both identities', () => {
    const result = targetOfLaunch('contextualCall', [
      ['Patient.identifier.value', INS],
      ['Patient.identifier.system', `urn:oid:${OID}`],
      ['Patient.name.family', 'DUBOIS'],
      ['Patient.name.given', 'Marie'],
      ['Patient.gender', 'female'],
      ['Patient.birthDate', '1958-03-14'],
      ['InformationEtConsentement', 'true'],
      ['PatientID', 'P000481'],
      ['PatientIDIssuer', '2.25.1'],
      ['AccessionNumber', 'NCY2600001'],
    ]);
    expect(result.ok && result.target).toMatchObject({
      view: 'study',
      accessionNumbers: ['NCY2600001'],
      patient: { id: INS, issuer: OID },
      localPatient: { id: 'P000481', issuer: '2.25.1' },
    });
    expect(result.ok && result.label).toBe('DUBOIS Marie');
  });

  it('gives the parser’s French errors back when the parameters do not parse', () => {
    const result = targetOfLaunch('iid', [['requestType', 'SERIES']]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]?.code).toBe('unknown_request_type');
  });
});

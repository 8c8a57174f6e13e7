import { describe, expect, it } from 'vitest';
import { TAG } from '../dicom/tags';
import { datasetHasIdentifier, identifiersOf } from './identifiersOf';
import { patient } from './testDatasets';

const INS = '1.2.250.1.213.1.4.10';

describe('identifiersOf', () => {
  it('lists PatientID with its issuer, then Other Patient IDs, without duplicates', () => {
    const ds = patient({
      id: 'P000123',
      issuer: 'CHRU-NANCY',
      others: [
        { id: '185057800608491', issuer: INS },
        { id: 'P000123', issuer: 'CHRU-NANCY' },
        { id: 'X9' },
      ],
    });
    expect(identifiersOf(ds)).toEqual([
      { issuer: 'CHRU-NANCY', id: 'P000123', origin: 'patientId' },
      { issuer: INS, id: '185057800608491', origin: 'otherPatientId' },
      { issuer: '', id: 'X9', origin: 'otherPatientId' },
    ]);
  });

  it('reads the issuer from the qualifiers sequence when IssuerOfPatientID is absent', () => {
    const ds = {
      [TAG.PatientID]: { vr: 'LO', Value: ['185057800608491'] },
      [TAG.IssuerOfPatientIDQualifiersSequence]: {
        vr: 'SQ',
        Value: [{ [TAG.UniversalEntityID]: { vr: 'UT', Value: [INS] } }],
      },
    };
    expect(identifiersOf(ds)).toEqual([
      { issuer: INS, id: '185057800608491', origin: 'patientId' },
    ]);
  });

  it('gives nothing for a dataset without PatientID, and survives garbage', () => {
    expect(identifiersOf(patient({ name: 'X' }))).toEqual([]);
    expect(identifiersOf({ [TAG.OtherPatientIDsSequence]: { vr: 'SQ', Value: 'oops' } })).toEqual(
      [],
    );
  });

  it('checks an exact (issuer, id) pair', () => {
    const ds = patient({ id: 'P000123', issuer: 'CHRU-NANCY' });
    expect(datasetHasIdentifier(ds, { issuer: 'CHRU-NANCY', id: 'P000123' })).toBe(true);
    expect(datasetHasIdentifier(ds, { issuer: 'CHU-REIMS', id: 'P000123' })).toBe(false);
    expect(datasetHasIdentifier(ds, { issuer: '', id: 'P000123' })).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { patient } from '../identity/testDatasets';
import { keepPatientStudies } from './verifyPatient';
import { record } from './testRows';

describe('keepPatientStudies', () => {
  it('drops another site’s patient sharing the number, and counts it', () => {
    const studies = [
      record('1', { dataset: patient({ id: 'P000123', issuer: 'CHRU-NANCY' }) }),
      record('2', { dataset: patient({ id: 'P000123', issuer: 'CHU-REIMS' }) }),
      record('3', { dataset: patient({ id: 'P000123' }) }),
      record('4', {
        dataset: patient({ id: 'X', others: [{ id: 'P000123', issuer: 'CHRU-NANCY' }] }),
      }),
    ];
    const { kept, dropped } = keepPatientStudies(studies, { issuer: 'CHRU-NANCY', id: 'P000123' });
    expect(kept.map((s) => s.studyInstanceUid)).toEqual(['1', '4']);
    expect(dropped).toBe(2);
  });
});

import { describe, expect, it } from 'vitest';
import { patient } from '../identity/testDatasets';
import { keepPatientSeries, keepPatientStudies } from './verifyPatient';
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
    expect(kept.map((s) => s.studyInstanceUID)).toEqual(['1', '4']);
    expect(dropped).toBe(2);
  });
});

describe('keepPatientSeries', () => {
  const ME = { issuer: 'CHRU-NANCY', id: 'P000123' };
  const row = (study: string, who: Parameters<typeof patient>[0] = {}) => ({
    ...patient(who),
    '0020000D': { vr: 'UI', Value: [study] },
  });

  it.each<[string, ReturnType<typeof row>, boolean, number]>([
    ['names the patient, kept study', row('1', ME), true, 0],
    ['says nothing of the patient, kept study', row('1'), true, 0],
    ['names another patient under a kept study', row('1', { id: 'P9', issuer: 'X' }), false, 1],
    ['names the number without its issuer', row('1', { id: 'P000123' }), false, 1],
    ['names another patient of a study already set aside', row('2', { id: 'P9' }), false, 0],
    ['names the patient, study outside the answer', row('3', ME), false, 0],
  ])('a series row that %s', (_, ds, kept, dropped) => {
    const result = keepPatientSeries([ds], ME, new Set(['1']), new Set(['2']));
    expect(result.kept.length === 1).toBe(kept);
    expect(result.dropped).toBe(dropped);
  });
});

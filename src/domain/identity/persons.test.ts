import { describe, expect, it } from 'vitest';
import type { DicomDataset } from '../dicom/dicomJson';
import { namesAnyOf, personsIn } from './persons';

const INS = '1.2.250.1.213.1.4.10';
const NANCY = '2.25.1';
const REIMS = '2.25.3';

function ds(id: string, issuer?: string, others: Array<[string, string]> = []): DicomDataset {
  return {
    '00100020': id === '' ? { vr: 'LO' } : { vr: 'LO', Value: [id] },
    ...(issuer ? { '00100021': { vr: 'LO', Value: [issuer] } } : {}),
    ...(others.length > 0
      ? {
          '00101002': {
            vr: 'SQ',
            Value: others.map(([oid, oissuer]) => ({
              '00100020': { vr: 'LO', Value: [oid] },
              '00100021': { vr: 'LO', Value: [oissuer] },
            })),
          },
        }
      : {}),
  };
}

describe('personsIn', () => {
  it('keeps one person when every dataset names the same pair', () => {
    const persons = personsIn([ds('258037512345653', INS), ds('258037512345653', INS)]);
    expect(persons).toHaveLength(1);
    expect(persons[0]!.datasets).toEqual([0, 1]);
  });

  it('links a local number to the INS listed beside it, even across datasets', () => {
    const persons = personsIn([
      ds('P000481', NANCY, [['258037512345653', INS]]),
      ds('258037512345653', INS),
      ds('P004410', REIMS, [['258037512345653', INS]]),
    ]);
    expect(persons).toHaveLength(1);
    expect(persons[0]!.identifiers).toHaveLength(3);
  });

  it('sees two people where two patients share no identifier', () => {
    const persons = personsIn([ds('258037512345653', INS), ds('171115432101297', INS)]);
    expect(persons.map((p) => p.datasets)).toEqual([[0], [1]]);
  });

  it('tells apart one local number given by two issuers', () => {
    expect(personsIn([ds('P000123', NANCY), ds('P000123', REIMS)])).toHaveLength(2);
  });

  it('keeps datasets naming nobody apart from everyone, as one unidentified person', () => {
    const persons = personsIn([ds('1234'), ds(''), ds('')]);
    expect(persons).toEqual([
      { identifiers: [{ issuer: '', id: '1234' }], datasets: [0] },
      { identifiers: [], datasets: [1, 2] },
    ]);
  });

  it('stays linear on a long chain of linked numbers', () => {
    const chain = Array.from({ length: 5000 }, (_, i) =>
      ds(`A${i}`, NANCY, [[`A${i + 1}`, NANCY]]),
    );
    expect(personsIn(chain)).toHaveLength(1);
  });
});

describe('namesAnyOf', () => {
  const marie = { issuer: INS, id: '258037512345653' };
  it('matches PatientID with its issuer, or an item of Other Patient IDs', () => {
    expect(namesAnyOf(ds('258037512345653', INS), [marie])).toBe(true);
    expect(namesAnyOf(ds('P000481', NANCY, [['258037512345653', INS]]), [marie])).toBe(true);
  });
  it('never matches an id without its issuer, another issuer, or nobody', () => {
    expect(namesAnyOf(ds('258037512345653'), [marie])).toBe(false);
    expect(namesAnyOf(ds('258037512345653', '1.2.250.1.213.1.4.8'), [marie])).toBe(false);
    expect(namesAnyOf(ds('258037512345653', INS), [])).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { patient } from '../identity/testDatasets';
import { disagreements, listPatientOf, listPatientText } from './listPatient';
import { record } from './testRows';

const INS_TEST = '1.2.250.1.213.1.4.10';
const NIA = '1.2.250.1.213.1.4.9';

function copy(
  sourceId: string,
  who: { family?: string; given?: string; birth?: string; sex?: string; ins?: string },
  extraIds: { issuer: string; id: string }[] = [],
) {
  return {
    sourceId,
    record: record(`1.${sourceId.length}`, {
      patientName: who.family ? { family: who.family, given: who.given ?? '' } : null,
      patientBirthDate: who.birth ?? null,
      patientSex: who.sex ?? '',
      dataset: patient({
        ...(who.ins ? { id: who.ins, issuer: INS_TEST } : {}),
        others: extraIds,
      }),
    }),
  };
}

const MARIE = { family: 'DUBOIS', given: 'MARIE', birth: '1958-03-14', sex: 'F' };

describe('whose list it is', () => {
  it('says nothing before a record is there', () => {
    expect(listPatientOf([])).toBeNull();
  });

  it.each<[string, ReturnType<typeof copy>[], string, string[]]>([
    [
      'one patient, as every source gives her',
      [
        copy('nancy', { ...MARIE, ins: '258037512345653' }),
        copy('reims', { ...MARIE, given: 'Marie', ins: '258037512345653' }),
      ],
      'DUBOIS Marie, née le 14 mars 1958 — INS 258037512345653',
      [],
    ],
    [
      'a man: né',
      [copy('nancy', { family: 'MARTIN', given: 'JEAN', birth: '1971-11-02', sex: 'M' })],
      'MARTIN Jean, né le 2 novembre 1971',
      [],
    ],
    [
      'sexes that differ: words that need no agreement',
      [
        copy('nancy', { family: 'PETIT', birth: '1992-09-09', sex: 'F' }),
        copy('reims', { family: 'PETIT', birth: '1992-09-09', sex: 'M' }),
      ],
      'PETIT, date de naissance : 9 septembre 1992',
      [],
    ],
    [
      'two spellings of the name: both, and said so',
      [copy('nancy', MARIE), copy('reims', { ...MARIE, family: 'DUBOIS-LEROY' })],
      'DUBOIS Marie / DUBOIS-LEROY Marie, née le 14 mars 1958',
      ['name'],
    ],
    [
      'two birth dates: both, and said so',
      [copy('nancy', MARIE), copy('reims', { ...MARIE, birth: '1958-03-15' })],
      'DUBOIS Marie, née le 14 mars 1958 / 15 mars 1958',
      ['birthDate'],
    ],
    [
      'accents and case are not a disagreement',
      [copy('nancy', { family: 'HÉLÈNE' }), copy('reims', { family: 'helene' })],
      'HÉLÈNE',
      [],
    ],
    [
      'a NIA beside the NIR shows the NIR only',
      [
        copy('nancy', { ...MARIE, ins: '258037512345653' }, [
          { issuer: NIA, id: '858037512345699' },
        ]),
      ],
      'DUBOIS Marie, née le 14 mars 1958 — INS 258037512345653',
      [],
    ],
    [
      'a name with markup stays text',
      [copy('nancy', { family: '<script>alert(1)</script>' })],
      '<script>alert(1)</script>',
      [],
    ],
  ])('%s', (_, copies, text, disagree) => {
    const p = listPatientOf(copies);
    if (!p) throw new Error('no patient');
    expect(listPatientText(p, 'fr')).toBe(text);
    expect(disagreements(p)).toEqual(disagree);
  });

  it('keeps which source gives which value', () => {
    const p = listPatientOf([
      copy('nancy', MARIE),
      copy('thionville', MARIE),
      copy('reims', { ...MARIE, birth: '1958-03-15' }),
    ]);
    expect(p?.birthDates).toEqual([
      { value: '1958-03-14', sourceIds: ['nancy', 'thionville'] },
      { value: '1958-03-15', sourceIds: ['reims'] },
    ]);
  });
});

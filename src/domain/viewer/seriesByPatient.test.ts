import { describe, expect, it } from 'vitest';
import { patient, type PatientSpec } from '../identity/testDatasets';
import { seriesByPatient, type SeriesRow } from './seriesByPatient';

const INS_OID = '1.2.250.1.213.1.4.10';
const MARIE = { issuer: INS_OID, id: '258037512345653' };
const JEAN = { issuer: INS_OID, id: '171115432101297' };
const NANCY_LOCAL = { issuer: '2.25.1', id: 'P000481' };
const HER = { ...MARIE, name: 'DUBOIS^MARIE', birth: '19580314', sex: 'F' };
const HIM = { ...JEAN, name: 'MARTIN^JEAN', birth: '19711102', sex: 'M' };

const row = (uid: string, who: PatientSpec = {}): SeriesRow<{ seriesInstanceUID: string }> => ({
  series: { seriesInstanceUID: uid },
  dataset: patient(who),
});
const uids = (list: readonly { seriesInstanceUID: string }[]) =>
  list.map((s) => s.seriesInstanceUID);

describe('whose series a study holds', () => {
  // Rows at the source, whom the study was opened for, whether the user may choose → what
  // is shown (uids), how many set aside, or the kind of answer when nothing is shown.
  it.each<
    [
      string,
      SeriesRow<{ seriesInstanceUID: string }>[],
      (typeof MARIE)[] | undefined,
      boolean,
      unknown,
    ]
  >([
    [
      'her series only, opened for her',
      [row('1', HER), row('2', HER)],
      [MARIE],
      true,
      { kind: 'open', series: ['1', '2'], setAside: 0, patient: [MARIE] },
    ],
    [
      'his series under her UID, opened for her: hers only, his counted',
      [row('1', HER), row('9', HIM), row('8', HIM)],
      [MARIE],
      true,
      { kind: 'open', series: ['1'], setAside: 2, patient: [MARIE] },
    ],
    [
      'the same for a patient user, who may not choose',
      [row('1', HER), row('9', HIM)],
      [MARIE],
      false,
      { kind: 'open', series: ['1'], setAside: 1, patient: [MARIE] },
    ],
    [
      'opened for nobody, two persons: the professional chooses',
      [row('1', HER), row('9', HIM)],
      undefined,
      true,
      { kind: 'choose', groups: [['1'], ['9']] },
    ],
    [
      'opened for nobody, two persons, and no choice allowed: nothing',
      [row('1', HER), row('9', HIM)],
      undefined,
      false,
      { kind: 'none', setAside: 2 },
    ],
    [
      'opened for a third person, two persons there: the professional chooses',
      [row('1', HER), row('9', HIM)],
      [{ issuer: INS_OID, id: '285066748203195' }],
      true,
      { kind: 'choose', groups: [['1'], ['9']] },
    ],
    [
      'opened for nobody, one person: as today, held to that person',
      [row('1', HER), row('2', HER)],
      undefined,
      true,
      { kind: 'open', series: ['1', '2'], setAside: 0, patient: [MARIE] },
    ],
    [
      'rows naming nobody: as today',
      [row('1'), row('2')],
      [MARIE],
      true,
      { kind: 'open', series: ['1', '2'], setAside: 0, patient: [MARIE] },
    ],
    [
      'rows naming nobody beside two persons: set aside with the other’s',
      [row('1', HER), row('2'), row('9', HIM)],
      [MARIE],
      true,
      { kind: 'open', series: ['1'], setAside: 2 },
    ],
    [
      'one person known at this site by its own number only: as today (images are checked)',
      [row('1', { ...NANCY_LOCAL, name: 'DUBOIS^MARIE' })],
      [MARIE],
      true,
      { kind: 'open', series: ['1'], setAside: 0, patient: [MARIE] },
    ],
    [
      'one person surely someone else (another INS): nothing',
      [row('9', HIM)],
      [MARIE],
      true,
      { kind: 'none', setAside: 1 },
    ],
    [
      'one series UID listed under both: kept for her, not counted as set aside',
      [row('1', HER), row('1', HIM), row('9', HIM)],
      [MARIE],
      true,
      { kind: 'open', series: ['1'], setAside: 1 },
    ],
  ])('%s', (_, rows, who, mayChoose, expected) => {
    const split = seriesByPatient(rows, { ...(who ? { patient: who } : {}), mayChoose });
    const shown =
      split.kind === 'open'
        ? { ...split, series: uids(split.series), shown: undefined }
        : split.kind === 'choose'
          ? { kind: 'choose', groups: split.groups.map((g) => uids(g.series)) }
          : split;
    expect(shown).toMatchObject(expected as object);
  });

  it('names the person whose series are kept, never the other', () => {
    const split = seriesByPatient([row('1', HER), row('9', HIM)], {
      patient: [MARIE],
      mayChoose: true,
    });
    expect(split).toMatchObject({
      kind: 'open',
      shown: { name: { family: 'DUBOIS', given: 'MARIE' }, birthDate: '1958-03-14', sex: 'F' },
    });
    expect(JSON.stringify(split)).not.toContain('MARTIN');
  });

  it('labels each group of a choice as the source gives the person', () => {
    const split = seriesByPatient([row('1', HER), row('9', HIM)], { mayChoose: true });
    if (split.kind !== 'choose') throw new Error(split.kind);
    expect(
      split.groups.map((g) => [g.identifiers, g.facts.name?.family, g.facts.birthDate]),
    ).toEqual([
      [[MARIE], 'DUBOIS', '1958-03-14'],
      [[JEAN], 'MARTIN', '1971-11-02'],
    ]);
  });
});

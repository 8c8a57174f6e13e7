import { describe, expect, it } from 'vitest';
import { TAG } from '../dicom/tags';
import { filtersFromSearchParams } from '../federation/urlState';
import {
  patientKeyValue,
  patientLabel,
  pickStudy,
  studyListSearch,
  studyLookupQueries,
  type SourceAnswer,
  type StudyTarget,
} from './launchDestination';

const INS = { issuer: '1.2.250.1.213.1.4.10', id: '258037512345653' };
const NANCY_LOCAL = { issuer: '2.25.1001', id: 'P000481' };
const OTHER_INS = { issuer: '1.2.250.1.213.1.4.10', id: '171115432101297' };
const UID_A = '2.25.111';
const UID_B = '2.25.222';

const study = (
  uid: string,
  accession: string,
  patient: { issuer: string; id: string },
  who: {
    name?: string;
    birth?: string;
    sex?: string;
    others?: { issuer: string; id: string }[];
  } = {},
) => ({
  [TAG.StudyInstanceUID]: { vr: 'UI', Value: [uid] },
  [TAG.AccessionNumber]: { vr: 'SH', Value: [accession] },
  [TAG.PatientID]: { vr: 'LO', Value: [patient.id] },
  [TAG.IssuerOfPatientID]: { vr: 'LO', Value: [patient.issuer] },
  ...(who.name ? { [TAG.PatientName]: { vr: 'PN', Value: [{ Alphabetic: who.name }] } } : {}),
  ...(who.birth ? { [TAG.PatientBirthDate]: { vr: 'DA', Value: [who.birth] } } : {}),
  ...(who.sex ? { [TAG.PatientSex]: { vr: 'CS', Value: [who.sex] } } : {}),
  ...(who.others
    ? {
        [TAG.OtherPatientIDsSequence]: {
          vr: 'SQ',
          Value: who.others.map((o) => ({
            [TAG.PatientID]: { vr: 'LO', Value: [o.id] },
            [TAG.IssuerOfPatientID]: { vr: 'LO', Value: [o.issuer] },
          })),
        },
      }
    : {}),
});

const target = (over: Partial<StudyTarget> = {}): StudyTarget => ({
  view: 'study',
  studyUids: [],
  accessionNumbers: [],
  hints: {},
  ...over,
});

const ok = (sourceId: string, ...datasets: object[]): SourceAnswer => ({
  sourceId,
  ok: true,
  datasets: datasets as SourceAnswer extends { datasets: infer D } ? D : never,
});

describe('study lookup queries', () => {
  it('search each UID and each accession number once, naming the fields needed', () => {
    const queries = studyLookupQueries(target({ studyUids: [UID_A], accessionNumbers: ['A1'] }));
    expect(queries).toHaveLength(2);
    expect(queries[0]?.[0]).toEqual(['StudyInstanceUID', UID_A]);
    expect(queries[1]?.[0]).toEqual(['AccessionNumber', 'A1']);
    expect(queries[0]?.find(([k]) => k === 'includefield')?.[1]).toContain(TAG.PatientID);
  });

  it('scope a patient user to their own INS, as the gateway requires', () => {
    const [query] = studyLookupQueries(target({ studyUids: [UID_A] }), INS);
    expect(query).toContainEqual(['PatientID', INS.id]);
    expect(query).toContainEqual(['IssuerOfPatientID', INS.issuer]);
  });

  it('cap how many searches one launch causes', () => {
    const many = Array.from({ length: 30 }, (_, i) => `2.25.${i + 1}`);
    expect(studyLookupQueries(target({ studyUids: many }))).toHaveLength(10);
  });
});

describe('picking the launched exam', () => {
  it('finds a UID at every source that holds it, patient identifiers INS first', () => {
    const found = pickStudy(target({ studyUids: [UID_A], localPatient: NANCY_LOCAL }), [
      ok('nancy', study(UID_A, 'N1', NANCY_LOCAL)),
      ok('reims', study(UID_A, 'R1', INS)),
      { sourceId: 'archive', ok: false },
    ]);
    expect(found).toEqual({
      kind: 'found',
      studyInstanceUID: UID_A,
      sourceIds: ['nancy', 'reims'],
      patientIdentifiers: [INS, NANCY_LOCAL],
      unanswered: ['archive'],
    });
  });

  it('opens the first requested exam found, in the launch’s order', () => {
    const found = pickStudy(target({ studyUids: [UID_B, UID_A] }), [
      ok('nancy', study(UID_A, 'N1', INS), study(UID_B, 'N2', INS)),
    ]);
    expect(found.kind === 'found' && found.studyInstanceUID).toBe(UID_B);
  });

  it('takes an accession number only for the patient the launch names', () => {
    const found = pickStudy(target({ accessionNumbers: ['X1'], patient: INS }), [
      ok('nancy', study(UID_A, 'X1', OTHER_INS)),
      ok('reims', study(UID_B, 'X1', INS)),
    ]);
    expect(found).toMatchObject({ kind: 'found', studyInstanceUID: UID_B, sourceIds: ['reims'] });
  });

  it('refuses an exam that names another patient than the launch', () => {
    const lookup = pickStudy(target({ studyUids: [UID_A], patient: INS }), [
      ok('nancy', study(UID_A, 'N1', OTHER_INS)),
    ]);
    expect(lookup).toEqual({ kind: 'otherPatient', answered: ['nancy'], unanswered: [] });
  });

  it('does not guess between exams sharing an accession number when no patient is named', () => {
    const lookup = pickStudy(target({ accessionNumbers: ['X1'] }), [
      ok('nancy', study(UID_A, 'X1', INS)),
      ok('reims', study(UID_B, 'X1', OTHER_INS)),
    ]);
    expect(lookup).toMatchObject({ kind: 'ambiguous', accessionNumber: 'X1' });
  });

  it('says which sources answered and which did not when nothing is found', () => {
    const lookup = pickStudy(target({ studyUids: [UID_A] }), [
      ok('nancy'),
      { sourceId: 'reims', ok: false },
      ok('archive', study(UID_B, 'Z', INS)),
    ]);
    expect(lookup).toEqual({
      kind: 'notFound',
      answered: ['nancy', 'archive'],
      unanswered: ['reims'],
      missing: { studyUids: [UID_A], accessionNumbers: [] },
    });
  });

  it('says the archive needs the patient’s consent when only it may hold the exam', () => {
    const lookup = pickStudy(target({ studyUids: [UID_A], patient: INS }), [
      ok('nancy'),
      { sourceId: 'reims', ok: false },
      { sourceId: 'archive', ok: false, consentRequired: true },
    ]);
    expect(lookup).toEqual({
      kind: 'consentNeeded',
      consentSourceIds: ['archive'],
      patient: [INS],
      answered: ['nancy'],
      unanswered: ['reims'],
      missing: { studyUids: [UID_A], accessionNumbers: [] },
    });
  });

  it('names no patient for the consent when the link names none', () => {
    const lookup = pickStudy(target({ studyUids: [UID_A] }), [
      { sourceId: 'archive', ok: false, consentRequired: true },
    ]);
    expect(lookup).toMatchObject({ kind: 'consentNeeded', patient: [], answered: [] });
  });

  it('opens a copy found elsewhere rather than asking for consent', () => {
    const lookup = pickStudy(target({ studyUids: [UID_A], patient: INS }), [
      ok('nancy', study(UID_A, 'N1', INS)),
      { sourceId: 'archive', ok: false, consentRequired: true },
    ]);
    expect(lookup).toMatchObject({ kind: 'found', sourceIds: ['nancy'], unanswered: ['archive'] });
  });

  it('ignores answers without a StudyInstanceUID', () => {
    const lookup = pickStudy(target({ accessionNumbers: ['X1'] }), [
      ok('nancy', { [TAG.AccessionNumber]: { vr: 'SH', Value: ['X1'] } }),
    ]);
    expect(lookup.kind).toBe('notFound');
  });
});

describe('one UID held for several persons', () => {
  const MARIE = { name: 'DUBOIS^MARIE', birth: '19580314', sex: 'F' };
  const JEAN = { name: 'MARTIN^JEAN', birth: '19711102', sex: 'M' };
  const REIMS_LOCAL = { issuer: '2.25.1003', id: 'R77' };
  const OTHER_LOCAL = { issuer: '2.25.1001', id: 'P000999' };

  // Each case: the launch's patient (if any), what the sources answer, what the launch gives.
  it.each<[string, Partial<StudyTarget>, SourceAnswer[], Record<string, unknown>]>([
    [
      'two INS at one source, the launch names Marie: only her copy, only her identifiers',
      { patient: INS },
      [ok('nancy', study(UID_A, 'N1', INS, MARIE), study(UID_A, 'N1', OTHER_INS, JEAN))],
      {
        kind: 'found',
        studyInstanceUID: UID_A,
        sourceIds: ['nancy'],
        patientIdentifiers: [INS],
      },
    ],
    [
      'two INS at one source, the launch names Jean by the local number his copy carries',
      { localPatient: OTHER_LOCAL },
      [
        ok(
          'nancy',
          study(UID_A, 'N1', INS, MARIE),
          study(UID_A, 'N1', OTHER_INS, { ...JEAN, others: [OTHER_LOCAL] }),
        ),
      ],
      { kind: 'found', sourceIds: ['nancy'], patientIdentifiers: [OTHER_INS, OTHER_LOCAL] },
    ],
    [
      'the same conflict, a copy of Marie elsewhere under a local number: it vouches for nobody',
      { patient: INS },
      [
        ok('nancy', study(UID_A, 'N1', INS, MARIE), study(UID_A, 'N1', OTHER_INS, JEAN)),
        ok('reims', study(UID_A, 'R1', REIMS_LOCAL, MARIE)),
      ],
      { kind: 'found', sourceIds: ['nancy'], patientIdentifiers: [INS] },
    ],
    [
      'two INS at one source and no patient named: nothing opens, the GP chooses',
      {},
      [ok('nancy', study(UID_A, 'N1', INS, MARIE), study(UID_A, 'N1', OTHER_INS, JEAN))],
      {
        kind: 'conflict',
        studyInstanceUID: UID_A,
        conflictSourceIds: ['nancy'],
        persons: [
          {
            identifiers: [INS],
            sourceIds: ['nancy'],
            facts: {
              name: { family: 'DUBOIS', given: 'MARIE' },
              birthDate: '1958-03-14',
              sex: 'F',
            },
          },
          {
            identifiers: [OTHER_INS],
            sourceIds: ['nancy'],
            facts: { name: { family: 'MARTIN', given: 'JEAN' }, birthDate: '1971-11-02', sex: 'M' },
          },
        ],
      },
    ],
    [
      'two different INS at two sources and no patient named: a conflict too',
      {},
      [ok('nancy', study(UID_A, 'N1', INS, MARIE)), ok('reims', study(UID_A, 'R1', OTHER_INS))],
      { kind: 'conflict', conflictSourceIds: ['nancy', 'reims'] },
    ],
    [
      'an INS at one source, a local number at another: one exam, merged as before',
      {},
      [ok('nancy', study(UID_A, 'N1', INS)), ok('reims', study(UID_A, 'R1', REIMS_LOCAL))],
      { kind: 'found', sourceIds: ['nancy', 'reims'], patientIdentifiers: [INS, REIMS_LOCAL] },
    ],
    [
      'two local numbers at one source, found by accession number with no patient: a conflict',
      { accessionNumbers: ['N1'], studyUids: [] },
      [ok('nancy', study(UID_A, 'N1', NANCY_LOCAL), study(UID_A, 'N1', OTHER_LOCAL))],
      { kind: 'conflict', conflictSourceIds: ['nancy'] },
    ],
    [
      'the conflict names nobody the launch names: another patient, nothing opens',
      { patient: { issuer: INS.issuer, id: '285066748203195' } },
      [ok('nancy', study(UID_A, 'N1', INS, MARIE), study(UID_A, 'N1', OTHER_INS, JEAN))],
      { kind: 'otherPatient' },
    ],
  ])('%s', (_, over, answers, expected) => {
    expect(pickStudy(target({ studyUids: [UID_A], ...over }), answers)).toMatchObject(expected);
  });

  it('never lets a conflict leak the other person into the identifiers kept', () => {
    const found = pickStudy(target({ studyUids: [UID_A], patient: INS }), [
      ok('nancy', study(UID_A, 'N1', INS, MARIE), study(UID_A, 'N1', OTHER_INS, JEAN)),
    ]);
    expect(JSON.stringify(found)).not.toContain(OTHER_INS.id);
    expect(JSON.stringify(found)).not.toContain('MARTIN');
  });
});

describe('exams a launch names but no source holds', () => {
  it.each<[string, Partial<StudyTarget>, SourceAnswer[], Record<string, unknown>]>([
    [
      'one of two UIDs found: it opens, the other is named',
      { studyUids: [UID_B, UID_A] },
      [ok('nancy', study(UID_A, 'N1', INS))],
      {
        kind: 'found',
        studyInstanceUID: UID_A,
        missing: { studyUids: [UID_B], accessionNumbers: [] },
      },
    ],
    [
      'a UID found, an accession number not',
      { studyUids: [UID_A], accessionNumbers: ['X9'] },
      [ok('nancy', study(UID_A, 'N1', INS))],
      { kind: 'found', missing: { studyUids: [], accessionNumbers: ['X9'] } },
    ],
    [
      'nothing found: every requested exam is named',
      { studyUids: [UID_A], accessionNumbers: ['X9'] },
      [ok('nancy')],
      { kind: 'notFound', missing: { studyUids: [UID_A], accessionNumbers: ['X9'] } },
    ],
  ])('%s', (_, over, answers, expected) => {
    expect(pickStudy(target(over), answers)).toMatchObject(expected);
  });

  it('names as missing only what was searched, not what the cap left out', () => {
    const many = Array.from({ length: 12 }, (_, i) => `2.25.${i + 1}`);
    const lookup = pickStudy(target({ studyUids: many }), [ok('nancy')]);
    expect(lookup).toMatchObject({ kind: 'notFound', missing: { studyUids: many.slice(0, 10) } });
  });

  it('says nothing is missing when everything asked for was found', () => {
    const found = pickStudy(target({ studyUids: [UID_A, UID_B] }), [
      ok('nancy', study(UID_A, 'N1', INS), study(UID_B, 'N2', INS)),
    ]);
    expect(found).not.toHaveProperty('missing');
  });
});

describe('patient launches', () => {
  const patientTarget = {
    view: 'patientStudies' as const,
    patient: INS,
    localPatient: NANCY_LOCAL,
    filters: { modalities: ['CT'], from: '20240101', to: '20261231' },
    hints: {},
  };

  it('seal the INS first, then the calling site’s number, with a label', () => {
    expect(
      patientKeyValue(patientTarget, { ownStudiesOnly: false, label: ' DUBOIS Marie ' }),
    ).toEqual({
      identifiers: [INS, NANCY_LOCAL],
      label: 'DUBOIS Marie',
    });
  });

  it('keep only the INS for a patient user', () => {
    expect(patientKeyValue(patientTarget, { ownStudiesOnly: true })).toEqual({
      identifiers: [INS],
    });
  });

  it('turn the launch filters into the list’s own URL filters', () => {
    const search = studyListSearch(patientTarget.filters);
    expect(search.toString()).toBe('mod=CT&from=2024-01-01&to=2026-12-31');
    expect(filtersFromSearchParams(search)).toEqual({
      modalities: ['CT'],
      regions: [],
      date: { from: '2024-01-01', to: '2026-12-31' },
    });
    expect(studyListSearch({ modalities: [] }).toString()).toBe('');
  });

  it('carry mostRecentResults into the list as its own limit, a bare count', () => {
    const search = studyListSearch({ modalities: [], mostRecent: 2 });
    expect(search.toString()).toBe('recent=2');
    expect(filtersFromSearchParams(search)).toEqual({
      modalities: [],
      regions: [],
      date: { preset: 'all' },
      mostRecent: 2,
    });
  });

  it('label a patient from either name shape', () => {
    expect(patientLabel('DUBOIS^MARIE^^^')).toBe('DUBOIS MARIE');
    expect(patientLabel({ family: 'DUBOIS', given: 'Marie' })).toBe('DUBOIS Marie');
    expect(patientLabel('  ')).toBeUndefined();
    expect(patientLabel(undefined)).toBeUndefined();
  });
});

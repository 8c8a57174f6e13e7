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

const study = (uid: string, accession: string, patient: { issuer: string; id: string }) => ({
  [TAG.StudyInstanceUID]: { vr: 'UI', Value: [uid] },
  [TAG.AccessionNumber]: { vr: 'SH', Value: [accession] },
  [TAG.PatientID]: { vr: 'LO', Value: [patient.id] },
  [TAG.IssuerOfPatientID]: { vr: 'LO', Value: [patient.issuer] },
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
    });
  });

  it('ignores answers without a StudyInstanceUID', () => {
    const lookup = pickStudy(target({ accessionNumbers: ['X1'] }), [
      ok('nancy', { [TAG.AccessionNumber]: { vr: 'SH', Value: ['X1'] } }),
    ]);
    expect(lookup.kind).toBe('notFound');
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

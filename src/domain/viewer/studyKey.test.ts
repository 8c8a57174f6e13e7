import { describe, expect, it } from 'vitest';
import { readStudyTarget, sourcesToTry } from './studyKey';

describe('readStudyTarget', () => {
  it('reads a study key value and drops junk source ids', () => {
    expect(readStudyTarget({ studyInstanceUID: '1.2.3', sourceIds: ['a', 3, '', 'b'] })).toEqual({
      studyInstanceUID: '1.2.3',
      sourceIds: ['a', 'b'],
    });
    expect(readStudyTarget({ studyInstanceUID: '1.2.3' })).toEqual({
      studyInstanceUID: '1.2.3',
      sourceIds: [],
    });
  });
  it('carries the key-images wish only when it is exactly true', () => {
    expect(readStudyTarget({ studyInstanceUID: '1.2', keyImagesOnly: true })).toEqual({
      studyInstanceUID: '1.2',
      sourceIds: [],
      keyImagesOnly: true,
    });
    for (const keyImagesOnly of ['true', 1, false, null, {}]) {
      expect(readStudyTarget({ studyInstanceUID: '1.2', keyImagesOnly })).not.toHaveProperty(
        'keyImagesOnly',
      );
    }
  });
  it('carries the comparison a launch asked for only when it is exactly "auto"', () => {
    expect(readStudyTarget({ studyInstanceUID: '1.2', sourceIds: ['a'], compare: 'auto' })).toEqual(
      { studyInstanceUID: '1.2', sourceIds: ['a'], compare: 'auto' },
    );
    for (const compare of ['AUTO', 'manual', true, 1, null, {}, ['auto']]) {
      expect(readStudyTarget({ studyInstanceUID: '1.2', compare })).toEqual({
        studyInstanceUID: '1.2',
        sourceIds: [],
      });
    }
  });
  it('reads whom the study was opened for, INS and local numbers', () => {
    const identifiers = [
      { issuer: '1.2.250.1.213.1.4.10', id: '258037512345653' },
      { issuer: '2.25.1', id: 'P000481' },
    ];
    expect(readStudyTarget({ studyInstanceUID: '1.2', patient: { identifiers } })).toEqual({
      studyInstanceUID: '1.2',
      sourceIds: [],
      patient: identifiers,
    });
  });

  it.each([
    [{ identifiers: [{ issuer: 1, id: 'x' }] }],
    [{ identifiers: 'DUBOIS' }],
    ['258037512345653'],
    [{ identifiers: [{ issuer: 'a', id: '' }] }],
  ])('refuses a key whose patient cannot be read (%j) rather than opening it for nobody', (p) => {
    expect(readStudyTarget({ studyInstanceUID: '1.2', patient: p })).toBeNull();
  });

  it('reads a patient with no identifier as no patient', () => {
    expect(readStudyTarget({ studyInstanceUID: '1.2', patient: { identifiers: [] } })).toEqual({
      studyInstanceUID: '1.2',
      sourceIds: [],
    });
  });

  it.each<[unknown, unknown]>([
    [
      { studyUids: ['1.2.9'], accessionNumbers: ['NCY1'] },
      { studyUids: ['1.2.9'], accessionNumbers: ['NCY1'] },
    ],
    [
      { studyUids: ['<b>', '1.2.9', 4], accessionNumbers: ['A*', 'B'] },
      { studyUids: ['1.2.9'], accessionNumbers: ['B'] },
    ],
    [{ studyUids: [], accessionNumbers: [] }, undefined],
    ['1.2.9', undefined],
  ])('reads the exams the launch did not find, keeping only valid values: %j', (raw, read) => {
    expect(readStudyTarget({ studyInstanceUID: '1.2', missing: raw })?.missing).toEqual(read);
  });

  it('reads a key sealed before the patient or the missing exams were added', () => {
    expect(readStudyTarget({ studyInstanceUID: '1.2', sourceIds: ['a'] })).toEqual({
      studyInstanceUID: '1.2',
      sourceIds: ['a'],
    });
  });

  it('refuses anything that is not a study UID', () => {
    expect(readStudyTarget(null)).toBeNull();
    expect(readStudyTarget({ studyInstanceUID: '<b>1</b>' })).toBeNull();
    expect(readStudyTarget({ studyInstanceUID: '1.2/../3' })).toBeNull();
    expect(readStudyTarget('1.2.3')).toBeNull();
  });
});

describe('sourcesToTry', () => {
  it('tries the named sources that still exist, or every source when none is named', () => {
    expect(
      sourcesToTry({ studyInstanceUID: '1', sourceIds: ['x', 'b', 'a'] }, ['a', 'b', 'c']),
    ).toEqual(['b', 'a']);
    expect(sourcesToTry({ studyInstanceUID: '1', sourceIds: [] }, ['a', 'b'])).toEqual(['a', 'b']);
  });
});

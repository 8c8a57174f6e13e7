import { describe, expect, it } from 'vitest';
import { readStudyTarget } from '../viewer/studyKey';
import { studyKeyValue } from './studyKeyValue';

const INS = { issuer: '1.2.250.1.213.1.4.10', id: '258037512345653' };
const base = {
  studyInstanceUID: '2.25.1',
  sourceIds: ['drimbox-a'],
  identifiers: [INS],
  keyImagesOnly: false,
};

describe('studyKeyValue', () => {
  it('seals compare=auto so the viewer reads it back', () => {
    const value = studyKeyValue({ ...base, compare: 'auto' });
    expect(value).toMatchObject({ compare: 'auto' });
    expect(readStudyTarget(value)).toEqual({
      studyInstanceUID: '2.25.1',
      sourceIds: ['drimbox-a'],
      patient: [INS],
      compare: 'auto',
    });
  });

  it('seals no comparison field when the launch asked none: the value is as before', () => {
    const value = studyKeyValue({ ...base, compare: undefined });
    expect(value).toEqual({
      studyInstanceUID: '2.25.1',
      sourceIds: ['drimbox-a'],
      patient: { identifiers: [INS] },
    });
    expect(readStudyTarget(value)).not.toHaveProperty('compare');
  });

  it('keeps the key images and the missing exams beside the comparison', () => {
    const missing = { studyUids: ['2.25.9'], accessionNumbers: [] };
    expect(
      readStudyTarget(studyKeyValue({ ...base, keyImagesOnly: true, compare: 'auto', missing })),
    ).toMatchObject({ keyImagesOnly: true, compare: 'auto', missing });
  });
});

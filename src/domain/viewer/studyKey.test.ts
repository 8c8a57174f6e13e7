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

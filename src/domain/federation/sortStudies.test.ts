import { describe, expect, it } from 'vitest';
import { NOT_SPECIFIED, REGION } from '../anatomy/regions';
import type { RegionOrUnspecified } from '../anatomy/regions';
import { sortStudies } from './sortStudies';
import type { SortableStudy } from './sortStudies';

const row = (
  uid: string,
  date: string | null,
  images: string[],
  regions: RegionOrUnspecified[],
  time = '',
): SortableStudy => ({
  studyInstanceUID: uid,
  date,
  time,
  modalities: { images, others: [] },
  regions: regions.map((code) => ({ code })),
});

const rows = [
  row('a', '2020-01-01', ['MR'], [REGION.lowerLimb]),
  row('b', null, ['CT'], [REGION.headNeck]),
  row('c', '2024-06-01', [], [NOT_SPECIFIED]),
  row('d', '2024-06-01', ['CT'], [REGION.thorax], '1030'),
];
const uids = (r: SortableStudy[]) => r.map((x) => x.studyInstanceUID);

describe('sortStudies', () => {
  it('by date, newest first, time breaking ties, undated last', () => {
    expect(uids(sortStudies(rows, { key: 'date', direction: 'desc' }))).toEqual([
      'd',
      'c',
      'a',
      'b',
    ]);
  });

  it('by date ascending keeps undated last', () => {
    expect(uids(sortStudies(rows, { key: 'date', direction: 'asc' }))).toEqual([
      'a',
      'c',
      'd',
      'b',
    ]);
  });

  it('by modality, studies without modality last, then date', () => {
    expect(uids(sortStudies(rows, { key: 'modality', direction: 'asc' }))).toEqual([
      'd',
      'b',
      'a',
      'c',
    ]);
    expect(uids(sortStudies(rows, { key: 'modality', direction: 'desc' }))).toEqual([
      'a',
      'd',
      'b',
      'c',
    ]);
  });

  it('by region in value-set order, « Non précisé » last', () => {
    expect(uids(sortStudies(rows, { key: 'region', direction: 'asc' }))).toEqual([
      'b',
      'd',
      'a',
      'c',
    ]);
    expect(uids(sortStudies(rows, { key: 'region', direction: 'desc' }))).toEqual([
      'a',
      'd',
      'b',
      'c',
    ]);
  });

  it('does not mutate its input', () => {
    const copy = [...rows];
    sortStudies(rows, { key: 'date', direction: 'asc' });
    expect(rows).toEqual(copy);
  });
});

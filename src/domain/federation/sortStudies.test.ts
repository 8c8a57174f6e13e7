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

  it('by region head to feet, « Non précisé » last', () => {
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

  it('puts a breast study before a lower-limb one, head to feet', () => {
    const body = [
      row('knee', '2024-01-01', ['MR'], [REGION.lowerLimb]),
      row('mammo', '2020-01-01', ['MG'], [REGION.breast]),
      row('pelvis', '2022-01-01', ['CT'], [REGION.abdomenPelvis]),
      row('head', '2019-01-01', ['CT'], [REGION.headNeck]),
    ];
    expect(uids(sortStudies(body, { key: 'region', direction: 'asc' }))).toEqual([
      'head',
      'mammo',
      'pelvis',
      'knee',
    ]);
  });

  it('does not mutate its input', () => {
    const copy = [...rows];
    sortStudies(rows, { key: 'date', direction: 'asc' });
    expect(rows).toEqual(copy);
  });
});

import { describe, expect, it } from 'vitest';
import { keepMostRecent, parseMostRecent } from './mostRecent';
import type { SortableStudy } from './sortStudies';
import { applyFilters, NO_FILTERS } from './studyFilters';
import { filtersFromSearchParams, filtersToSearchParams } from './urlState';

const row = (uid: string, date: string | null, time = '', modality = 'CT') => ({
  studyInstanceUID: uid,
  date,
  time,
  modalities: { images: [modality], others: [] },
  regions: [],
});
const uids = (rows: readonly SortableStudy[]) => rows.map((r) => r.studyInstanceUID);

describe('keepMostRecent (IID mostRecentResults)', () => {
  const rows = [
    row('old', '2019-05-02'),
    row('undated', null),
    row('newest', '2026-03-10'),
    row('mid', '2024-11-20'),
    row('same-day-morning', '2024-11-20', '083000'),
    row('same-day-evening', '2024-11-20', '191500'),
  ];

  it('keeps the N most recent by date, newest first, whatever the input order', () => {
    expect(uids(keepMostRecent(rows, 2))).toEqual(['newest', 'same-day-evening']);
  });

  it('tells same-day studies apart by their time, then by UID, so the same N are kept', () => {
    expect(uids(keepMostRecent(rows, 4))).toEqual([
      'newest',
      'same-day-evening',
      'same-day-morning',
      'mid',
    ]);
    expect(uids(keepMostRecent([...rows].reverse(), 4))).toEqual(uids(keepMostRecent(rows, 4)));
  });

  it('puts undated studies last: kept only when fewer dated ones match', () => {
    expect(uids(keepMostRecent(rows, 5))).not.toContain('undated');
    expect(uids(keepMostRecent(rows, 6)).at(-1)).toBe('undated');
    expect(uids(keepMostRecent([row('undated', null)], 2))).toEqual(['undated']);
  });

  it('keeps everything when no count is asked, or when the count exceeds the list', () => {
    expect(keepMostRecent(rows, undefined)).toHaveLength(rows.length);
    expect(keepMostRecent(rows, 50)).toHaveLength(rows.length);
    expect(keepMostRecent([], 2)).toEqual([]);
  });

  it('counts after the other filters: the 2 most recent MR, not the MR among the 2 most recent', () => {
    const mixed = [
      row('ct-2026', '2026-01-01', '', 'CT'),
      row('ct-2025', '2025-01-01', '', 'CT'),
      row('mr-2024', '2024-01-01', '', 'MR'),
      row('mr-2020', '2020-01-01', '', 'MR'),
      row('mr-2010', '2010-01-01', '', 'MR'),
    ];
    const filtered = applyFilters(mixed, { ...NO_FILTERS, modalities: ['MR'] }, '2026-06-01');
    expect(uids(keepMostRecent(filtered, 2))).toEqual(['mr-2024', 'mr-2020']);
  });
});

describe('the count in a link or the list URL', () => {
  it.each([
    ['2', 2],
    [' 10 ', 10],
    ['9999', 9999],
  ])('reads %j as %i', (text, count) => {
    expect(parseMostRecent(text)).toBe(count);
  });

  it.each(['0', '-1', '2.5', '1e3', '10000', '02', 'deux', '', null, undefined])(
    'ignores %j',
    (text) => {
      expect(parseMostRecent(text)).toBeNull();
    },
  );

  it('round-trips through the list URL as `recent`, with the other filters', () => {
    const filters = { ...NO_FILTERS, modalities: ['CT'], mostRecent: 2 };
    const params = filtersToSearchParams(filters);
    expect(params.toString()).toBe('mod=CT&recent=2');
    expect(filtersFromSearchParams(params)).toEqual(filters);
  });

  it('leaves a forged or absent count out, and the rest of the filters intact', () => {
    expect(filtersFromSearchParams('mod=MR&recent=<b>3</b>')).toEqual({
      ...NO_FILTERS,
      modalities: ['MR'],
    });
    expect(filtersToSearchParams(NO_FILTERS).toString()).toBe('');
    expect(filtersToSearchParams({ ...NO_FILTERS, mostRecent: 0 }).toString()).toBe('');
  });
});

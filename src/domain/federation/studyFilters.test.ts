import { describe, expect, it } from 'vitest';
import { NOT_SPECIFIED, REGION } from '../anatomy/regions';
import type { RegionOrUnspecified } from '../anatomy/regions';
import {
  applyFilters,
  availableModalities,
  countUndated,
  dateRangeProblem,
  modalityChoices,
  resolveDateRange,
} from './studyFilters';
import type { FilterableStudy, StudyFilters } from './studyFilters';

const row = (
  id: string,
  date: string | null,
  images: string[] = ['CT'],
  regions: RegionOrUnspecified[] = [NOT_SPECIFIED],
  others: string[] = [],
): FilterableStudy & { id: string } => ({
  id,
  date,
  modalities: { images, others },
  regions: regions.map((code) => ({ code })),
});

const TODAY = '2025-03-15';
const all: StudyFilters = { modalities: [], regions: [], date: { preset: 'all' } };
const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

describe('date filter', () => {
  const rows = [
    row('recent', '2025-01-10'),
    row('edge1y', '2024-03-15'),
    row('before1y', '2024-03-14'),
    row('edge5y', '2020-03-15'),
    row('old', '2019-12-31'),
    row('future', '2025-04-01'),
    row('undated', null),
  ];

  it('keeps everything with "all"', () => {
    expect(applyFilters(rows, all, TODAY)).toHaveLength(rows.length);
  });

  it('"last year" counts back from the injected today, bound included; undated kept', () => {
    expect(ids(applyFilters(rows, { ...all, date: { preset: '1y' } }, TODAY))).toEqual([
      'recent',
      'edge1y',
      'future',
      'undated',
    ]);
  });

  it('"last 5 years"', () => {
    expect(ids(applyFilters(rows, { ...all, date: { preset: '5y' } }, TODAY))).toEqual([
      'recent',
      'edge1y',
      'before1y',
      'edge5y',
      'future',
      'undated',
    ]);
  });

  it('depends on today only through the argument', () => {
    expect(ids(applyFilters(rows, { ...all, date: { preset: '1y' } }, '2025-01-11'))).toContain(
      'before1y',
    );
  });

  it('handles 29 February', () => {
    expect(resolveDateRange({ preset: '1y' }, '2024-02-29')).toEqual({ from: '2023-02-28' });
    expect(resolveDateRange({ preset: '5y' }, '2024-02-29')).toEqual({ from: '2019-02-28' });
  });

  it('applies a custom range, bounds included; open ends allowed', () => {
    const f = (from?: string, to?: string) =>
      applyFilters(rows, { ...all, date: { from, to } }, TODAY);
    expect(ids(f('2020-03-15', '2024-03-15'))).toEqual(['edge1y', 'before1y', 'edge5y', 'undated']);
    expect(ids(f('2025-01-01'))).toEqual(['recent', 'future', 'undated']);
    expect(ids(f(undefined, '2019-12-31'))).toEqual(['old', 'undated']);
  });

  it('refuses a reversed range (filters nothing, says why), and ignores invalid bounds', () => {
    const reversed = { from: '2024-12-31', to: '2024-01-01' };
    expect(dateRangeProblem(reversed)).toBe('reversed');
    expect(resolveDateRange(reversed, TODAY)).toEqual({});
    expect(dateRangeProblem({ from: '2024-01-01', to: '2024-01-01' })).toBeNull();
    expect(dateRangeProblem({ from: '2024-01-01' })).toBeNull();
    expect(dateRangeProblem({ preset: '1y' })).toBeNull();
    expect(resolveDateRange({ from: '2024-02-30', to: 'tomorrow' }, TODAY)).toEqual({});
    expect(dateRangeProblem({ from: '2024-02-30', to: '2024-01-01' })).toBeNull();
  });

  it('counts undated rows', () => {
    expect(countUndated(rows)).toBe(1);
  });
});

describe('modality and region filters', () => {
  const rows = [
    row('ct-thorax', '2024-01-01', ['CT'], [REGION.thorax]),
    row('mr-knee', '2024-01-01', ['MR'], [REGION.lowerLimb]),
    row('tap', '2024-01-01', ['CT'], [REGION.thorax, REGION.abdomenPelvis], ['SR']),
    row('unknown', '2024-01-01', ['US'], [NOT_SPECIFIED]),
  ];

  it('keeps a study containing any selected modality, reports included', () => {
    expect(ids(applyFilters(rows, { ...all, modalities: ['MR', 'US'] }, TODAY))).toEqual([
      'mr-knee',
      'unknown',
    ]);
    expect(ids(applyFilters(rows, { ...all, modalities: ['SR'] }, TODAY))).toEqual(['tap']);
  });

  it('keeps a study covering any selected region; « Non précisé » is selectable', () => {
    expect(ids(applyFilters(rows, { ...all, regions: [REGION.abdomenPelvis] }, TODAY))).toEqual([
      'tap',
    ]);
    expect(ids(applyFilters(rows, { ...all, regions: [NOT_SPECIFIED] }, TODAY))).toEqual([
      'unknown',
    ]);
  });

  it('combines filters with AND', () => {
    expect(
      ids(
        applyFilters(rows, { ...all, modalities: ['CT'], regions: [REGION.abdomenPelvis] }, TODAY),
      ),
    ).toEqual(['tap']);
  });

  it('offers the modalities present, plus those selected', () => {
    expect(availableModalities(rows)).toEqual({ images: ['CT', 'MR', 'US'], others: ['SR'] });
    expect(availableModalities(rows.slice(0, 1), ['MR', 'DOC'])).toEqual({
      images: ['CT', 'MR'],
      others: ['DOC'],
    });
  });

  it('offers the imaging modalities of every row, never DOC or KO on their own', () => {
    const rows = [
      row('a', '2024-01-01', ['CT'], [NOT_SPECIFIED], ['SR', 'KO']),
      row('b', '2024-01-01', ['MG'], [NOT_SPECIFIED], ['DOC']),
      row('c', '2024-01-01', [], [NOT_SPECIFIED], ['DOC']),
    ];
    expect(modalityChoices(rows)).toEqual(['CT', 'MG']);
    // The choices come from every row, whatever is ticked: CT and MG can be combined.
    expect(modalityChoices(rows, ['CT'])).toEqual(['CT', 'MG']);
    // A ticked non-image choice (from a link) stays, so it can be unticked.
    expect(modalityChoices(rows, ['SR'])).toEqual(['CT', 'MG', 'SR']);
    expect(ids(applyFilters(rows, { ...all, modalities: ['CT', 'MG'] }, TODAY))).toEqual([
      'a',
      'b',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { NO_FILTERS } from './studyFilters';
import { DEFAULT_SORT } from './sortStudies';
import {
  filtersFromSearchParams,
  filtersToSearchParams,
  urlStateFromSearchParams,
  urlStateToSearchParams,
} from './urlState';
import type { StudyListUrlState } from './urlState';

describe('filters in the URL', () => {
  it('round-trips filters, sort and patient key', () => {
    const state: StudyListUrlState = {
      patientKey: 'k3y-0123456789abcdef',
      filters: {
        modalities: ['CT', 'MR'],
        regions: ['67734004', 'NOT_SPECIFIED'],
        date: { from: '2020-01-01', to: '2021-06-30' },
      },
      sort: { key: 'region', direction: 'asc' },
    };
    const p = urlStateToSearchParams(state);
    expect(p.toString()).toBe(
      'p=k3y-0123456789abcdef&mod=CT%2CMR&region=67734004%2CNOT_SPECIFIED&from=2020-01-01&to=2021-06-30&sort=region-asc',
    );
    expect(urlStateFromSearchParams(p.toString())).toEqual(state);
  });

  it('leaves defaults out of the URL', () => {
    expect(
      urlStateToSearchParams({
        patientKey: null,
        filters: NO_FILTERS,
        sort: DEFAULT_SORT,
      }).toString(),
    ).toBe('');
    expect(filtersToSearchParams({ ...NO_FILTERS, date: { preset: '5y' } }).toString()).toBe(
      'date=5y',
    );
  });

  it('accepts repeated and comma-joined lists, deduplicated', () => {
    expect(filtersFromSearchParams('mod=CT&mod=mr,CT&region=38266002').modalities).toEqual([
      'CT',
      'MR',
    ]);
  });

  it.each([
    ['mod=<script>alert(1)</script>&region=toString&date=forever', NO_FILTERS],
    ['from=2024-02-30&to=yesterday', NO_FILTERS],
    ['region=%E0%A4%A&mod=%', NO_FILTERS],
    ['date=1y&from=2020-01-01', { ...NO_FILTERS, date: { preset: '1y' } }],
    ['to=2020-12-31', { ...NO_FILTERS, date: { to: '2020-12-31' } }],
    ['mod=' + 'CT,'.repeat(1000), { ...NO_FILTERS, modalities: ['CT'] }],
  ])('ignores what is malformed in %s', (query, expected) => {
    expect(filtersFromSearchParams(query)).toEqual(expected);
  });

  it('ignores a malformed patient key or sort, without throwing', () => {
    const s = urlStateFromSearchParams('p=185057800608491%5E%5E%5E%261.2.250&sort=date-sideways');
    expect(s.patientKey).toBeNull();
    expect(s.sort).toEqual(DEFAULT_SORT);
    expect(urlStateFromSearchParams('p=short').patientKey).toBeNull();
  });
});

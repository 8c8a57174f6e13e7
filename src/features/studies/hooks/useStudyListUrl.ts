// Filters and sort live in the URL's search params (urlState.ts): bookmarkable, restored by
// the back button, and free of any patient identifier (the patient is the route's opaque key).
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  filtersFromSearchParams,
  filtersToSearchParams,
  urlStateFromSearchParams,
  urlStateToSearchParams,
} from '../../../domain/federation/urlState';
import type { StudyFilters } from '../../../domain/federation/studyFilters';
import type { StudySort } from '../../../domain/federation/sortStudies';

export function useStudyListUrl(): {
  filters: StudyFilters;
  sort: StudySort;
  setFilters: (filters: StudyFilters, options?: { replace?: boolean }) => void;
  setSort: (sort: StudySort) => void;
} {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => {
    const s = urlStateFromSearchParams(params);
    return { filters: filtersFromSearchParams(params), sort: s.sort };
  }, [params]);

  const setFilters = useCallback(
    (filters: StudyFilters, options?: { replace?: boolean }) => {
      const next = urlStateToSearchParams({ patientKey: null, filters, sort: state.sort });
      setParams(filtersToSearchParams(filters, next), { replace: options?.replace ?? false });
    },
    [setParams, state.sort],
  );

  const setSort = useCallback(
    (sort: StudySort) => {
      setParams(urlStateToSearchParams({ patientKey: null, filters: state.filters, sort }));
    },
    [setParams, state.filters],
  );

  return { ...state, setFilters, setSort };
}

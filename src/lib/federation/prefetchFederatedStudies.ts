// Asking every source for a patient's studies before the page that shows them is there: the
// search's « Voir les examens » starts them in the same turn as the click, while the
// patient's opaque key is sealed, and the list finds them in flight (issue 21). The very
// queries useFederatedStudies asks — same identifiers (identifiersToQuery), same keys and
// options (sourceStudiesQueryOptions) — so the list sends nothing twice, and the answers stay
// in the query cache (memory) like the list's own.
import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { todayIso } from '../../domain/dateText';
import { identifiersToQuery } from '../../domain/federation/patientKeyValue';
import { NO_FILTERS } from '../../domain/federation/studyFilters';
import type { FederatedStudiesOptions } from './useFederatedStudies';
import { sourceStudiesQueryOptions } from './fetchSourceStudies';

export interface FederatedPrefetch {
  /**
   * Stops what this prefetch started and forgets it (the page it was for will not open):
   * answers that were already in the cache before it stay.
   */
  abandon: () => Promise<void>;
}

/**
 * Starts, without waiting, each source's query for this patient as useFederatedStudies will
 * ask it with the same options. A fresh answer already cached is not asked again, as the
 * list would not ask it either.
 */
export function prefetchFederatedStudies(
  queryClient: QueryClient,
  options: Omit<FederatedStudiesOptions, 'enabled'>,
): FederatedPrefetch {
  const { sources, filters = NO_FILTERS, today = todayIso(new Date()) } = options;
  const identifiers = identifiersToQuery(options.identifiers);
  // The list asks nothing for a patient without an identifier it can send.
  if (identifiers.length === 0) return { abandon: () => Promise.resolve() };
  const queries = sources.map((source) =>
    sourceStudiesQueryOptions({ source, identifiers, filters, today }),
  );
  const started: QueryKey[] = queries
    .filter((q) => queryClient.getQueryState(q.queryKey)?.data === undefined)
    .map((q) => q.queryKey);
  for (const q of queries) void queryClient.prefetchQuery(q);
  return {
    abandon: async () => {
      for (const queryKey of started) {
        await queryClient.cancelQueries({ queryKey, exact: true });
        queryClient.removeQueries({ queryKey, exact: true });
      }
    },
  };
}

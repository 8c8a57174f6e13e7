import { useQuery } from '@tanstack/react-query';
import type { PublicSource } from '../../../domain/publicConfig';
import { openStudy, OpenStudyError } from '../api/openStudy';

export function useOpenStudy(
  key: string,
  accessToken: string | null,
  sources: readonly PublicSource[],
) {
  return useQuery({
    // The key is opaque (no identifier in it), so it may name the query.
    queryKey: ['viewer', 'study', key],
    queryFn: ({ signal }) => {
      if (!accessToken) throw new Error('no token');
      return openStudy({ key, accessToken, sources, signal });
    },
    enabled: accessToken !== null,
    // A bad key or a missing study will not get better by asking again.
    retry: (count, error) => !(error instanceof OpenStudyError) && count < 1,
    staleTime: Infinity,
  });
}

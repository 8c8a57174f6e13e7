import { queryOptions, useQuery } from '@tanstack/react-query';
import type { PatientIdentifier } from '../../../domain/identity/patientIdentifier';
import type { PublicSource } from '../../../domain/publicConfig';
import { markViewerPhase } from '../../../lib/viewerTimeline';
import { openStudy, OpenStudyError } from '../api/openStudy';

/**
 * Opening a study from its key, as one query: the route's study, a prior beside it, and a
 * prior's opening asked ahead of the click all read the same entry.
 */
export function openStudyQuery(
  key: string,
  sources: readonly PublicSource[],
  /** A patient user's own identity: only their series are ever theirs to see. */
  self?: PatientIdentifier,
) {
  return queryOptions({
    // The key is opaque (no identifier in it), so it may name the query.
    queryKey: ['viewer', 'study', key],
    queryFn: async ({ signal }) => {
      markViewerPhase('token');
      const study = await openStudy({
        key,
        sources,
        signal,
        ...(self ? { self } : {}),
      });
      markViewerPhase('study');
      return study;
    },
    // A bad key or a missing study will not get better by asking again.
    retry: (count, error) => !(error instanceof OpenStudyError) && count < 1,
    staleTime: Infinity,
  });
}

export function useOpenStudy(
  key: string,
  /** Opened once a user is signed in (the requests send their token: lib/api). */
  signedIn: boolean,
  sources: readonly PublicSource[],
  /** A patient user's own identity: only their series are ever theirs to see. */
  self?: PatientIdentifier,
) {
  return useQuery({ ...openStudyQuery(key, sources, self), enabled: signedIn });
}

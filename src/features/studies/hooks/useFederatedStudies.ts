// One TanStack Query per source, all started together: each source's rows join the list the
// moment that source answers, and a slow or failing site never holds the others back.
import { useQueries } from '@tanstack/react-query';
import { useMemo } from 'react';
import { statusOfFailure } from '../../../domain/federation/failureStatus';
import { buildStudyQuery } from '../../../domain/federation/buildStudyQuery';
import { mergeStudies } from '../../../domain/federation/mergeStudies';
import type { MergedStudy, SourceStudies } from '../../../domain/federation/mergeStudies';
import { identifiersToQuery } from '../../../domain/federation/patientKeyValue';
import { FAILURE_MESSAGES } from '../../../domain/federation/sourceStatus';
import type { SourceStatus } from '../../../domain/federation/sourceStatus';
import type { FilterKind, StudyFilters } from '../../../domain/federation/studyFilters';
import type { PatientIdentifier } from '../../../domain/identity/patientIdentifier';
import type { PublicSource } from '../../../domain/publicConfig';
import { DicomwebError } from '../../../lib/dicomweb';
import { fetchSourceStudies } from '../api/fetchSourceStudies';
import type { SourceStudiesAnswer } from '../api/fetchSourceStudies';

export interface SourceState {
  source: PublicSource;
  status: SourceStatus;
  appliedLocally: FilterKind[];
  dropped: number;
  /** Asks this source again, leaving the others alone. */
  retry: () => void;
}

export interface FederatedStudies {
  sources: SourceState[];
  /** Every answered source's studies, one row per StudyInstanceUID (not yet filtered). */
  rows: MergedStudy[];
}

export function useFederatedStudies(options: {
  sources: readonly PublicSource[];
  identifiers: readonly PatientIdentifier[];
  filters: StudyFilters;
  today: string;
  accessToken: string | null;
}): FederatedStudies {
  const { sources, filters, today, accessToken } = options;
  const asked = useMemo(() => identifiersToQuery(options.identifiers), [options.identifiers]);
  const patientFingerprint = JSON.stringify(asked.map((i) => [i.issuer, i.id]));

  const queries = useQueries({
    queries: sources.map((source) => ({
      // What the source is really asked (identifiers + the filters it applies itself): a
      // filter applied in the browser changes no key, so it never re-queries anyone.
      queryKey: [
        'studies',
        source.id,
        patientFingerprint,
        asked.map((i) => buildStudyQuery(source, i, filters, today).params),
      ],
      // While a new server-side filter is asked, the previous rows of the SAME patient stay
      // (the browser filters them too), so the list does not blink empty; another patient's
      // rows never stand in.
      placeholderData: (
        previous: SourceStudiesAnswer | undefined,
        prevQuery?: { queryKey: readonly unknown[] },
      ) => (prevQuery?.queryKey[2] === patientFingerprint ? previous : undefined),
      queryFn: ({ signal }: { signal: AbortSignal }) => {
        if (!accessToken) throw new Error('not signed in');
        return fetchSourceStudies({
          source,
          identifiers: asked,
          filters,
          today,
          accessToken,
          signal,
        });
      },
      enabled: accessToken !== null && asked.length > 0,
    })),
  });

  const states = sources.map((source, i): SourceState => {
    const q = queries[i];
    const retry = () => void q?.refetch({ cancelRefetch: false });
    const attempt = (q?.errorUpdateCount ?? 0) + 1;
    let status: SourceStatus;
    if (!q || asked.length === 0) {
      status = { kind: 'idle' };
    } else if (q.isFetching || q.isPending) {
      status = { kind: 'loading', attempt };
    } else if (q.isError) {
      const error = q.error;
      status =
        error instanceof DicomwebError
          ? statusOfFailure(source.kind, error.failure, attempt)
          : { kind: 'failed', reason: 'unknown', message: FAILURE_MESSAGES.unknown, attempt };
    } else {
      status = {
        kind: 'loaded',
        count: new Set(q.data.studies.map((s) => s.studyInstanceUid)).size,
        limitReached: q.data.limitReached,
      };
    }
    return {
      source,
      status,
      appliedLocally: q?.data?.appliedLocally ?? [],
      dropped: q?.data?.dropped ?? 0,
      retry,
    };
  });

  // Merged on every render: a few hundred studies merge in well under a millisecond, and
  // the query results are fresh objects each render anyway.
  // A source now asking for consent (revoked, expired) must not keep showing what it
  // answered before: TanStack Query keeps the last data through an error.
  const withdrawn = (i: number): boolean => states[i]?.status.kind === 'consentNeeded';
  const rows = mergeStudies(
    sources.map((source, i): SourceStudies => ({
      sourceId: source.id,
      kind: source.kind,
      studies: withdrawn(i) ? [] : (queries[i]?.data?.studies ?? []),
      series: withdrawn(i) ? [] : (queries[i]?.data?.series ?? []),
    })),
  );

  return { sources: states, rows };
}

// Every source's studies for one patient (fetchSourceStudies.ts), told as one list: each
// source with its status, and the rows of every answered source merged. The study list and
// the viewer's priors panel both read a patient this way — the same queries, the same
// per-source states (the regional archive « consent needed » until a consent exists).
import { useMemo } from 'react';
import { todayIso } from '../../domain/dateText';
import { mergeStudies } from '../../domain/federation/mergeStudies';
import type { MergedStudy, SourceStudies } from '../../domain/federation/mergeStudies';
import { identifiersToQuery } from '../../domain/federation/patientKeyValue';
import { statusOfFailure } from '../../domain/federation/sourceStatus';
import type { SourceStatus } from '../../domain/federation/sourceStatus';
import { NO_FILTERS } from '../../domain/federation/studyFilters';
import type { FilterKind, StudyFilters } from '../../domain/federation/studyFilters';
import type { PatientIdentifier } from '../../domain/identity/patientIdentifier';
import type { PublicSource } from '../../domain/publicConfig';
import { GatewayError } from '../api/gatewayError';
import { useSourcesStudies } from './fetchSourceStudies';

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

export interface FederatedStudiesOptions {
  sources: readonly PublicSource[];
  /** Every identifier known for the patient; which ones are sent is identifiersToQuery's rule. */
  identifiers: readonly PatientIdentifier[];
  /** The filters sources apply themselves; none (every study of the patient) by default. */
  filters?: StudyFilters;
  /** The day (YYYY-MM-DD) date presets count from; today by default. */
  today?: string;
  /**
   * False holds every source back: nothing is asked, and a source stays idle unless an
   * answer is already in the cache (the list asked it), which costs nothing to show.
   */
  enabled?: boolean;
}

/**
 * One query per source keyed by source + identifiers sent + filters the source applies:
 * the list (no filter chosen) and the viewer (no filter) ask the same keys, so the one that
 * asks second reads the first one's answers (fresh for the query client's staleTime).
 */
export function useFederatedStudies(options: FederatedStudiesOptions): FederatedStudies {
  const { sources, filters = NO_FILTERS, today = todayIso(new Date()), enabled = true } = options;
  const asked = useMemo(() => identifiersToQuery(options.identifiers), [options.identifiers]);
  const queries = useSourcesStudies({ sources, identifiers: asked, filters, today, enabled });

  const states = sources.map((source, i): SourceState => {
    const q = queries[i];
    const retry = () => void q?.refetch({ cancelRefetch: false });
    const attempt = (q?.errorUpdateCount ?? 0) + 1;
    let status: SourceStatus;
    if (!q || asked.length === 0 || (!enabled && q.isPending && !q.isFetching)) {
      status = { kind: 'idle' };
    } else if (q.isFetching || q.isPending) {
      status = { kind: 'loading', attempt };
    } else if (q.isError) {
      const error = q.error;
      // Anything but a GatewayError is a bug of ours, told as an error of the source.
      status = statusOfFailure(
        source.kind,
        error instanceof GatewayError ? error.reason : 'sourceError',
        attempt,
      );
    } else {
      status = {
        kind: 'loaded',
        count: new Set(q.data.studies.map((s) => s.studyInstanceUID)).size,
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

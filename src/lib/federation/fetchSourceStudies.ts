// One source's studies for one patient: the QIDO studies query and the patient-scoped
// series query (regions, modalities, reports) side by side, parsed, and every row checked
// against the exact (issuer, id) pair asked for — whatever the source did with the filter
// (domain/federation/verifyPatient.ts). One query per source, all started together: each
// source's rows join the list the moment it answers, and a slow or failing site never holds
// the others back. Here in src/lib because two features ask it — the study list and the
// viewer's priors — and share its cache through one key (federationKeys.ts).
import { queryOptions, useQueries } from '@tanstack/react-query';
import { isDataset } from '../../domain/dicom/dicomJson';
import { InvalidAnswerError, parseSeries, parseStudies } from '../../domain/dicom/studyRecords';
import type { SeriesRecord, StudyRecord } from '../../domain/dicom/studyRecords';
import { buildSeriesQuery, buildStudyQuery } from '../../domain/federation/buildStudyQuery';
import type { FilterKind, StudyFilters } from '../../domain/federation/studyFilters';
import { keepPatientSeries, keepPatientStudies } from '../../domain/federation/verifyPatient';
import type { PatientIdentifier } from '../../domain/identity/patientIdentifier';
import type { PublicSource } from '../../domain/publicConfig';
import { gateway } from '../api/gatewayClient';
import { invalidAnswer } from '../api/gatewayError';
import { sourcePath } from '../api/sourcePath';
import { useAuth } from '../auth/useAuth';
import { federationKeys } from './federationKeys';

// The gateway times the source out after `timeoutMs` and answers 504 with a reason; the
// browser waits a little longer so that answer, not a bare abort, is what the user sees.
const GATEWAY_ANSWER_MARGIN_MS = 3_000;

export interface SourceStudiesAnswer {
  studies: StudyRecord[];
  series: SeriesRecord[];
  /** Filters this source could not apply itself (the browser does). */
  appliedLocally: FilterKind[];
  /** Answers naming another patient than the one asked for (studies, series), set aside. */
  dropped: number;
  limitReached: boolean;
}

export interface SourceStudiesRequest {
  source: PublicSource;
  identifiers: readonly PatientIdentifier[];
  filters: StudyFilters;
  today: string;
  signal?: AbortSignal;
}

async function fetchForIdentifier(
  req: SourceStudiesRequest,
  identifier: PatientIdentifier,
): Promise<SourceStudiesAnswer> {
  const { source } = req;
  const studyQuery = buildStudyQuery(source, identifier, req.filters, req.today);
  const seriesQuery = buildSeriesQuery(source, identifier);
  const common = {
    timeoutMs: source.timeoutMs + GATEWAY_ANSWER_MARGIN_MS,
    ...(req.signal ? { signal: req.signal } : {}),
  };
  const [studyJson, seriesJson] = await Promise.all([
    gateway.dicomJson(sourcePath(source.id, 'studies'), {
      ...common,
      query: studyQuery.params,
    }),
    gateway.dicomJson(sourcePath(source.id, 'series'), {
      ...common,
      query: seriesQuery.params,
    }),
  ]);
  try {
    const answered = parseStudies(studyJson).studies;
    if (!Array.isArray(seriesJson)) throw new InvalidAnswerError('series: an array was expected');
    const studies = keepPatientStudies(answered, identifier);
    const keptUids = new Set(studies.kept.map((s) => s.studyInstanceUID));
    const droppedUids = new Set(
      answered.filter((s) => !keptUids.has(s.studyInstanceUID)).map((s) => s.studyInstanceUID),
    );
    const rows = keepPatientSeries(seriesJson.filter(isDataset), identifier, keptUids, droppedUids);
    return {
      studies: studies.kept,
      series: parseSeries(rows.kept).series,
      appliedLocally: studyQuery.appliedLocally,
      dropped: studies.dropped + rows.dropped,
      // Said of what the source sent: rows set aside still count towards its limit.
      limitReached: answered.length >= source.qido.maxResults,
    };
  } catch (err) {
    if (err instanceof InvalidAnswerError) throw invalidAnswer(source.id, String(err), err);
    throw err;
  }
}

export async function fetchSourceStudies(req: SourceStudiesRequest): Promise<SourceStudiesAnswer> {
  const answers = await Promise.all(req.identifiers.map((i) => fetchForIdentifier(req, i)));
  return {
    studies: answers.flatMap((a) => a.studies),
    series: answers.flatMap((a) => a.series),
    appliedLocally: [...new Set(answers.flatMap((a) => a.appliedLocally))],
    dropped: answers.reduce((n, a) => n + a.dropped, 0),
    limitReached: answers.some((a) => a.limitReached),
  };
}

type SourceStudiesQuery = Omit<SourceStudiesRequest, 'signal'>;

/**
 * How long a source's failure stands as its answer for a page that opens on it: the search
 * asks the list's queries with the click (prefetchFederatedStudies.ts), and a source that
 * refused by then (the archive's « consent needed ») must not be asked again the moment the
 * list mounts. Older failures are asked again on mount, as before; « Réessayer » always asks.
 */
export const FRESH_FAILURE_MS = 10_000;

/** Whether a page opening on this source's failure (at `failedAt`) asks it again. */
export function askAgainOnMount(failedAt: number, now: number): boolean {
  return !(now - failedAt >= 0 && now - failedAt < FRESH_FAILURE_MS);
}

export function sourceStudiesQueryOptions(req: SourceStudiesQuery) {
  const patient = JSON.stringify(req.identifiers.map((i) => [i.issuer, i.id]));
  const asked = req.identifiers.map(
    (i) => buildStudyQuery(req.source, i, req.filters, req.today).params,
  );
  return queryOptions({
    queryKey: federationKeys.sourceStudies(req.source.id, patient, asked),
    queryFn: ({ signal }) => fetchSourceStudies({ ...req, signal }),
    // While a new server-side filter is asked, the previous rows of the SAME patient stay
    // (the browser filters them too), so the list does not blink empty; another patient's
    // rows never stand in.
    placeholderData: (previous, previousQuery) =>
      previousQuery?.queryKey[3].patient === patient ? previous : undefined,
    retryOnMount: (query) => askAgainOnMount(query.state.errorUpdatedAt, Date.now()),
  });
}

/**
 * Every source's query for this patient, in the order of `sources`. `enabled: false` holds
 * every source back (the viewer waits for its current study's first image).
 */
export function useSourcesStudies(
  options: Omit<SourceStudiesQuery, 'source'> & {
    sources: readonly PublicSource[];
    enabled?: boolean;
  },
) {
  const { sources, enabled = true, ...req } = options;
  const { status } = useAuth();
  return useQueries({
    queries: sources.map((source) => ({
      ...sourceStudiesQueryOptions({ ...req, source }),
      enabled: enabled && status === 'signedIn' && req.identifiers.length > 0,
    })),
  });
}

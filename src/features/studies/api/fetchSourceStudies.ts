// One source's studies for one patient: the QIDO studies query and the patient-scoped
// series query (regions, modalities, reports) side by side, parsed, and checked against the
// exact (issuer, id) pair when the source could not match on the issuer itself.
import { InvalidAnswerError, parseSeries, parseStudies } from '../../../domain/dicom/studyRecords';
import type { SeriesRecord, StudyRecord } from '../../../domain/dicom/studyRecords';
import { buildSeriesQuery, buildStudyQuery } from '../../../domain/federation/buildStudyQuery';
import type { QueryParams } from '../../../domain/federation/buildStudyQuery';
import type { FilterKind, StudyFilters } from '../../../domain/federation/studyFilters';
import { keepPatientStudies } from '../../../domain/federation/verifyPatient';
import type { PatientIdentifier } from '../../../domain/identity/patientIdentifier';
import type { PublicSource } from '../../../domain/publicConfig';
import { DicomwebError, fetchDicomJson, sourcePath } from '../../../lib/dicomweb';

// The gateway times the source out after `timeoutMs` and answers 504 with a reason; the
// browser waits a little longer so that answer, not a bare abort, is what the user sees.
const GATEWAY_ANSWER_MARGIN_MS = 3_000;

export interface SourceStudiesAnswer {
  studies: StudyRecord[];
  series: SeriesRecord[];
  /** Filters this source could not apply itself (the browser does). */
  appliedLocally: FilterKind[];
  /** Studies of another patient with the same number at this site, set aside. */
  dropped: number;
  limitReached: boolean;
}

export interface SourceStudiesRequest {
  source: PublicSource;
  identifiers: readonly PatientIdentifier[];
  filters: StudyFilters;
  today: string;
  accessToken: string;
  signal?: AbortSignal;
}

function asQuery(params: QueryParams): Record<string, string> {
  return Object.fromEntries(params);
}

function invalid(source: PublicSource, err: unknown): DicomwebError {
  return new DicomwebError({ kind: 'invalidBody' }, `${source.id}: ${String(err)}`, {
    cause: err,
  });
}

async function fetchForIdentifier(
  req: SourceStudiesRequest,
  identifier: PatientIdentifier,
): Promise<SourceStudiesAnswer> {
  const { source } = req;
  const studyQuery = buildStudyQuery(source, identifier, req.filters, req.today);
  const seriesQuery = buildSeriesQuery(source, identifier);
  const common = {
    accessToken: req.accessToken,
    timeoutMs: source.timeoutMs + GATEWAY_ANSWER_MARGIN_MS,
    ...(req.signal ? { signal: req.signal } : {}),
  };
  const [studyJson, seriesJson] = await Promise.all([
    fetchDicomJson({
      ...common,
      path: sourcePath(source.id, 'studies'),
      query: asQuery(studyQuery.params),
    }),
    fetchDicomJson({
      ...common,
      path: sourcePath(source.id, 'series'),
      query: asQuery(seriesQuery.params),
    }),
  ]);
  let studies: StudyRecord[];
  let series: SeriesRecord[];
  try {
    studies = parseStudies(studyJson).studies;
    series = parseSeries(seriesJson).series;
  } catch (err) {
    if (err instanceof InvalidAnswerError) throw invalid(source, err);
    throw err;
  }
  const limitReached = studies.length >= source.qido.maxResults;
  let dropped = 0;
  if (studyQuery.appliedLocally.includes('issuer')) {
    const checked = keepPatientStudies(studies, identifier);
    dropped = checked.dropped;
    studies = checked.kept;
    const kept = new Set(studies.map((s) => s.studyInstanceUid));
    series = series.filter((s) => kept.has(s.studyInstanceUid));
  }
  return { studies, series, appliedLocally: studyQuery.appliedLocally, dropped, limitReached };
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

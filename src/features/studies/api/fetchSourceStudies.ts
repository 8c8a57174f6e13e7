// One source's studies for one patient: the QIDO studies query and the patient-scoped
// series query (regions, modalities, reports) side by side, parsed, and every row checked
// against the exact (issuer, id) pair asked for — whatever the source did with the filter
// (domain/federation/verifyPatient.ts).
import { isDataset } from '../../../domain/dicom/dicomJson';
import { InvalidAnswerError, parseSeries, parseStudies } from '../../../domain/dicom/studyRecords';
import type { SeriesRecord, StudyRecord } from '../../../domain/dicom/studyRecords';
import { buildSeriesQuery, buildStudyQuery } from '../../../domain/federation/buildStudyQuery';
import type { QueryParams } from '../../../domain/federation/buildStudyQuery';
import type { FilterKind, StudyFilters } from '../../../domain/federation/studyFilters';
import { keepPatientSeries, keepPatientStudies } from '../../../domain/federation/verifyPatient';
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
  /** Answers naming another patient than the one asked for (studies, series), set aside. */
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
  try {
    const answered = parseStudies(studyJson).studies;
    if (!Array.isArray(seriesJson)) throw new InvalidAnswerError('series: an array was expected');
    const studies = keepPatientStudies(answered, identifier);
    const keptUids = new Set(studies.kept.map((s) => s.studyInstanceUid));
    const droppedUids = new Set(
      answered.filter((s) => !keptUids.has(s.studyInstanceUid)).map((s) => s.studyInstanceUid),
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
    if (err instanceof InvalidAnswerError) throw invalid(source, err);
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

// A report's content, through the gateway: its metadata (WADO-RS), then, for an
// encapsulated PDF or CDA, the document itself (the bulk data of EncapsulatedDocument),
// checked to be what it claims before anything shows it.
import {
  readCdaReport,
  type CdaReport,
  type XmlNodeLike,
} from '../../../domain/reports/cdaNarrative';
import { parseMultipartRelated } from '../../../domain/reports/multipartRelated';
import {
  encapsulatedDocumentOf,
  looksLikePdf,
  trimDocument,
  type ReportObject,
} from '../../../domain/reports/reportObjects';
import { readStructuredReport, type SrDocument } from '../../../domain/reports/srContent';
import { xmlText } from '../../../domain/reports/xmlText';
import { gateway } from '../../../lib/api/gatewayClient';
import { sourcePath } from '../../../lib/api/sourcePath';
import type { StudyRef } from './findStudyReports';

export const REPORT_DOCUMENT_TIMEOUT_MS = 60_000;

export type ReportContent =
  | { kind: 'pdf'; pdf: Uint8Array }
  | { kind: 'cda'; report: CdaReport }
  | { kind: 'sr'; report: SrDocument };

/** The document came, but it is not a readable report (damaged, or not what it claims). */
export class UnreadableReportError extends Error {
  override name = 'UnreadableReportError';
}

async function fetchBulk(path: string, signal?: AbortSignal): Promise<Uint8Array> {
  const response = await gateway.send(path, {
    accept: 'multipart/related; type="application/octet-stream"',
    timeoutMs: REPORT_DOCUMENT_TIMEOUT_MS,
    ...(signal ? { signal } : {}),
  });
  const body = new Uint8Array(await response.arrayBuffer());
  try {
    const [part] = parseMultipartRelated(body, response.headers.get('content-type') ?? '');
    if (!part) throw new UnreadableReportError('empty multipart answer');
    return part.body;
  } catch (error) {
    throw new UnreadableReportError('the document answer is not multipart/related', {
      cause: error,
    });
  }
}

async function fetchMetadata(
  report: ReportObject,
  study: StudyRef,
  signal?: AbortSignal,
): Promise<unknown> {
  const { sourceId, studyInstanceUID } = study;
  const [metadata] = await gateway.dicomJson(
    sourcePath(
      sourceId,
      `studies/${studyInstanceUID}/series/${report.seriesInstanceUID}/instances/${report.sopInstanceUID}/metadata`,
    ),
    { timeoutMs: REPORT_DOCUMENT_TIMEOUT_MS, ...(signal ? { signal } : {}) },
  );
  return metadata;
}

async function fetchDocumentBytes(
  metadata: unknown,
  study: StudyRef,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  const ref = encapsulatedDocumentOf(metadata, window.location.origin, study.sourceId);
  if ('error' in ref) throw new UnreadableReportError(`encapsulated document: ${ref.error}`);
  const bytes =
    ref.source.kind === 'inline' ? ref.source.bytes : await fetchBulk(ref.source.path, signal);
  return trimDocument(bytes, ref.length);
}

function parseCda(bytes: Uint8Array): CdaReport {
  // DOMParser in XML mode runs no script and loads no external entity.
  const doc = new DOMParser().parseFromString(xmlText(bytes), 'application/xml');
  if (doc.getElementsByTagName('parsererror').length > 0) {
    throw new UnreadableReportError('the CDA is not well-formed XML');
  }
  const result = readCdaReport(doc.documentElement as XmlNodeLike | null);
  if (!result.ok) throw new UnreadableReportError('the document is not a CDA');
  return result.report;
}

export async function fetchReportContent(
  report: ReportObject,
  study: StudyRef,
  signal?: AbortSignal,
): Promise<ReportContent> {
  const metadata = await fetchMetadata(report, study, signal);
  switch (report.kind) {
    case 'sr':
      return { kind: 'sr', report: readStructuredReport(metadata) };
    case 'pdf': {
      const pdf = await fetchDocumentBytes(metadata, study, signal);
      if (!looksLikePdf(pdf)) throw new UnreadableReportError('the document is not a PDF');
      return { kind: 'pdf', pdf };
    }
    case 'cda':
      return { kind: 'cda', report: parseCda(await fetchDocumentBytes(metadata, study, signal)) };
  }
}

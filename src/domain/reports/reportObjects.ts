// Which objects of a study are its report, read from QIDO-RS answers. A French site sends
// a report as an encapsulated PDF, an encapsulated CDA (the DMP's "compte rendu
// d'imagerie"), or — from some modalities and RIS — a structured report (SR).
import { base64Bytes } from '../base64Bytes';
import { date, isDataset, num, str, type DicomDataset } from '../dicom/dicomJson';
import { TAG } from '../dicom/tags';

export const REPORT_SOP_CLASS = {
  encapsulatedPdf: '1.2.840.10008.5.1.4.1.1.104.1',
  encapsulatedCda: '1.2.840.10008.5.1.4.1.1.104.2',
} as const;

/** Every SR storage class (Basic, Enhanced, Comprehensive, Key Object Selection…) is under it. */
const SR_SOP_CLASS_ROOT = '1.2.840.10008.5.1.4.1.1.88.';
/** Key Object Selection is an SR but a list of images, not a report. */
const KEY_OBJECT_SELECTION = '1.2.840.10008.5.1.4.1.1.88.59';

/** Series modalities that can hold a report; image series are never searched. */
export const REPORT_MODALITIES: readonly string[] = ['DOC', 'SR'];

export const REPORT_TAG = {
  SOPClassUID: '00080016',
  SOPInstanceUID: '00080018',
  ContentDate: '00080023',
  ContentTime: '00080033',
  InstanceNumber: '00200013',
  DocumentTitle: '00420010',
  EncapsulatedDocument: '00420011',
  MIMETypeOfEncapsulatedDocument: '00420012',
  EncapsulatedDocumentLength: '00420015',
  ConceptNameCodeSequence: '0040A043',
} as const;

/** The instance-level fields to name in the QIDO query (`includefield=` each). */
export const REPORT_INCLUDE_FIELDS: readonly string[] = [
  REPORT_TAG.ContentDate,
  REPORT_TAG.ContentTime,
  REPORT_TAG.DocumentTitle,
  REPORT_TAG.ConceptNameCodeSequence,
];

export type ReportKind = 'pdf' | 'cda' | 'sr';

export function reportKindOf(sopClassUid: string): ReportKind | null {
  if (sopClassUid === REPORT_SOP_CLASS.encapsulatedPdf) return 'pdf';
  if (sopClassUid === REPORT_SOP_CLASS.encapsulatedCda) return 'cda';
  if (sopClassUid.startsWith(SR_SOP_CLASS_ROOT) && sopClassUid !== KEY_OBJECT_SELECTION) {
    return 'sr';
  }
  return null;
}

export interface ReportObject {
  kind: ReportKind;
  seriesInstanceUID: string;
  sopInstanceUID: string;
  /** The document's own title, '' when it has none (the UI names it by its kind then). */
  title: string;
  /** ISO date of the content (else of the series), null when unknown. */
  date: string | null;
  /** HHMMSS digits, '' when unknown; only for ordering. */
  time: string;
}

/** Series UIDs worth searching for reports, in the order the source gave them. */
export function reportSeriesUids(series: readonly unknown[]): string[] {
  const out: string[] = [];
  for (const s of series) {
    const uid = str(s, TAG.SeriesInstanceUID);
    if (uid !== '' && REPORT_MODALITIES.includes(str(s, TAG.Modality).toUpperCase())) {
      if (!out.includes(uid)) out.push(uid);
    }
  }
  return out;
}

function conceptTitle(ds: DicomDataset): string {
  const [concept] = ((ds[REPORT_TAG.ConceptNameCodeSequence] as { Value?: unknown[] } | undefined)
    ?.Value ?? []) as unknown[];
  return isDataset(concept) ? str(concept, TAG.CodeMeaning) : '';
}

/** The report objects among a series' instances; anything else (images, KOs) is left out. */
export function reportObjectsOf(
  seriesInstanceUID: string,
  instances: readonly unknown[],
): ReportObject[] {
  const out: ReportObject[] = [];
  for (const ds of instances) {
    if (!isDataset(ds)) continue;
    const kind = reportKindOf(str(ds, REPORT_TAG.SOPClassUID));
    const sopInstanceUID = str(ds, REPORT_TAG.SOPInstanceUID);
    if (kind === null || sopInstanceUID === '') continue;
    out.push({
      kind,
      seriesInstanceUID: str(ds, TAG.SeriesInstanceUID) || seriesInstanceUID,
      sopInstanceUID,
      title: str(ds, REPORT_TAG.DocumentTitle) || conceptTitle(ds),
      date: date(ds, REPORT_TAG.ContentDate) ?? date(ds, TAG.StudyDate),
      time: (str(ds, REPORT_TAG.ContentTime).match(/^\d{1,6}/)?.[0] ?? '').padEnd(6, '0'),
    });
  }
  return out;
}

/** Newest first: a corrected report supersedes the first one; unknown dates go last. */
export function newestFirst(reports: readonly ReportObject[]): ReportObject[] {
  const key = (r: ReportObject) => `${r.date ?? ''}T${r.time}`;
  return [...reports].sort((a, b) => {
    if ((a.date === null) !== (b.date === null)) return a.date === null ? 1 : -1;
    return key(b).localeCompare(key(a));
  });
}

export interface EncapsulatedDocumentRef {
  /** A same-origin gateway path to GET (as multipart/related), or the bytes themselves. */
  source: { kind: 'bulk'; path: string } | { kind: 'inline'; bytes: Uint8Array };
  mimeType: string;
  /** EncapsulatedDocumentLength: the document without its DICOM padding byte, when known. */
  length: number | null;
}

/**
 * Where the gateway serves a BulkDataURI, as a path of this origin under this source — or
 * null: the bearer token must never be sent anywhere else, whatever a source writes.
 */
export function bulkDataPath(uri: string, origin: string, sourceId: string): string | null {
  let url: URL;
  try {
    url = new URL(uri, origin);
  } catch {
    return null;
  }
  if (url.origin !== origin) return null;
  const prefix = `/dicomweb/${encodeURIComponent(sourceId)}/studies/`;
  if (!url.pathname.startsWith(prefix) || url.pathname.includes('/../')) return null;
  return url.pathname + url.search;
}

/** The EncapsulatedDocument of an instance's metadata, or null when it is missing. */
export function encapsulatedDocumentOf(
  metadata: unknown,
  origin: string,
  sourceId: string,
): EncapsulatedDocumentRef | { error: 'missing' | 'foreignUrl' } {
  if (!isDataset(metadata)) return { error: 'missing' };
  const element = metadata[REPORT_TAG.EncapsulatedDocument];
  const length = num(metadata, REPORT_TAG.EncapsulatedDocumentLength);
  const mimeType = str(metadata, REPORT_TAG.MIMETypeOfEncapsulatedDocument);
  if (!isDataset(element)) return { error: 'missing' };
  const { BulkDataURI: uri, InlineBinary: inline } = element;
  if (typeof uri === 'string') {
    const path = bulkDataPath(uri, origin, sourceId);
    return path === null
      ? { error: 'foreignUrl' }
      : { source: { kind: 'bulk', path }, mimeType, length };
  }
  if (typeof inline === 'string') {
    const bytes = base64Bytes(inline);
    if (bytes) return { source: { kind: 'inline', bytes }, mimeType, length };
  }
  return { error: 'missing' };
}

/** The document without the padding DICOM adds to reach an even length. */
export function trimDocument(bytes: Uint8Array, length: number | null): Uint8Array {
  if (length !== null && Number.isInteger(length) && length > 0 && length <= bytes.length) {
    return bytes.subarray(0, length);
  }
  // Without a declared length, a trailing NUL is padding (XML parsers reject it).
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  return bytes.subarray(0, end);
}

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-

/** A PDF starts with %PDF- within its first KiB (PDF 1.7 § 7.5.2 tolerates a little before it). */
export function looksLikePdf(bytes: Uint8Array): boolean {
  const limit = Math.min(bytes.length - PDF_MAGIC.length, 1024);
  for (let i = 0; i <= limit; i++) {
    if (PDF_MAGIC.every((b, j) => bytes[i + j] === b)) return true;
  }
  return false;
}

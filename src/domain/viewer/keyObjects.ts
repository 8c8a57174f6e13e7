// Key images: what a radiologist flagged in a study with a Key Object Selection document
// (KO, PS3.3 A.35.4, template TID 2010), read from its WADO-RS metadata (DICOM JSON).
// A source may send anything, so every part is checked: a document without its sequences
// selects nothing, a reference that is not a UID is dropped, and a reference to an image
// the study does not hold is counted as missing rather than shown as a blank.
//
// Why the content tree and not the evidence list: the content tree's IMAGE items are the
// selection, in the order the radiologist chose; the evidence sequence
// (CurrentRequestedProcedureEvidenceSequence) is an unordered list of everything the
// document points at — it only tells which series each instance lives in.
import { seq, str, type DicomDataset } from '../dicom/dicomJson';

export const KEY_OBJECT_SOP_CLASS = '1.2.840.10008.5.1.4.1.1.88.59';

const T = {
  SOPClassUID: '00080016',
  SOPInstanceUID: '00080018',
  Modality: '00080060',
  SeriesInstanceUID: '0020000E',
  ConceptNameCodeSequence: '0040A043',
  CodeValue: '00080100',
  CodingSchemeDesignator: '00080102',
  CodeMeaning: '00080104',
  ContentSequence: '0040A730',
  ValueType: '0040A040',
  RelationshipType: '0040A010',
  TextValue: '0040A160',
  ReferencedSOPSequence: '00081199',
  ReferencedSOPInstanceUID: '00081155',
  ReferencedFrameNumber: '00081160',
  CurrentRequestedProcedureEvidenceSequence: '0040A375',
  ReferencedSeriesSequence: '00081115',
} as const;

/**
 * IHE IOCM rejection notes are KO documents too (CID 7011): they say which images to hide,
 * the opposite of key images, so they never become a key-image view.
 */
const REJECTION_TITLES = new Set(['113001', '113037', '113038', '113039']);

/** Bounds for a hostile document: a real selection names a handful of images. */
const MAX_REFERENCES = 5000;
const MAX_FRAMES_PER_REFERENCE = 5000;
const MAX_DESCRIPTION = 1000;

const UID = /^[0-9]+(\.[0-9]+)*$/;
const isUid = (s: string): boolean => s.length > 0 && s.length <= 64 && UID.test(s);

export interface CodedTitle {
  code: string;
  scheme: string;
  meaning: string;
}

/** One flagged image: an instance, and for a multi-frame one the frames named (null = all). */
export interface KeyImageReference {
  sopInstanceUID: string;
  /** From the evidence sequence; null when the document does not say. */
  seriesInstanceUID: string | null;
  frames: number[] | null;
}

export interface KeyObjectDocument {
  sopInstanceUID: string;
  title: CodedTitle | null;
  /** The Key Object Description text (113012), '' when there is none. */
  description: string;
  /** A rejection note (IOCM): not a selection to show. */
  isRejection: boolean;
  references: KeyImageReference[];
}

function codedTitle(ds: DicomDataset): CodedTitle | null {
  const item = seq(ds, T.ConceptNameCodeSequence)[0];
  if (!item) return null;
  const code = str(item, T.CodeValue);
  if (code === '') return null;
  return {
    code,
    scheme: str(item, T.CodingSchemeDesignator),
    meaning: str(item, T.CodeMeaning),
  };
}

/** Which series each referenced instance lives in, from the evidence sequence. */
function seriesOfInstances(ds: DicomDataset): Map<string, string> {
  const out = new Map<string, string>();
  for (const study of seq(ds, T.CurrentRequestedProcedureEvidenceSequence)) {
    for (const series of seq(study, T.ReferencedSeriesSequence)) {
      const seriesUID = str(series, T.SeriesInstanceUID);
      if (!isUid(seriesUID)) continue;
      for (const sop of seq(series, T.ReferencedSOPSequence)) {
        const sopUID = str(sop, T.ReferencedSOPInstanceUID);
        if (isUid(sopUID) && !out.has(sopUID)) out.set(sopUID, seriesUID);
      }
    }
  }
  return out;
}

function framesOf(item: DicomDataset): number[] | null {
  const element = Object.hasOwn(item, T.ReferencedFrameNumber)
    ? item[T.ReferencedFrameNumber]
    : null;
  const value = (element as { Value?: unknown } | null)?.Value;
  if (!Array.isArray(value) || value.length === 0) return null;
  const frames: number[] = [];
  for (const v of value.slice(0, MAX_FRAMES_PER_REFERENCE)) {
    const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : Number.NaN;
    if (Number.isInteger(n) && n >= 1 && !frames.includes(n)) frames.push(n);
  }
  // Frame numbers that are all garbage name nothing usable: the whole instance stands.
  return frames.length > 0 ? frames : null;
}

function isKeyObject(ds: DicomDataset): boolean {
  const sopClass = str(ds, T.SOPClassUID);
  return sopClass === KEY_OBJECT_SOP_CLASS || (sopClass === '' && str(ds, T.Modality) === 'KO');
}

/** One KO instance's metadata → its selection; null when it is not a key object document. */
export function readKeyObject(value: unknown): KeyObjectDocument | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const ds = value as DicomDataset;
  if (!isKeyObject(ds)) return null;
  const title = codedTitle(ds);
  const seriesOf = seriesOfInstances(ds);
  const references: KeyImageReference[] = [];
  let description = '';
  for (const item of seq(ds, T.ContentSequence)) {
    const valueType = str(item, T.ValueType);
    const relationship = str(item, T.RelationshipType);
    if (relationship !== '' && relationship !== 'CONTAINS') continue;
    if (valueType === 'TEXT' && description === '' && codedTitle(item)?.code === '113012') {
      description = str(item, T.TextValue).slice(0, MAX_DESCRIPTION);
      continue;
    }
    if (valueType !== 'IMAGE') continue;
    const sop = seq(item, T.ReferencedSOPSequence)[0];
    if (!sop) continue;
    const sopInstanceUID = str(sop, T.ReferencedSOPInstanceUID);
    if (!isUid(sopInstanceUID)) continue;
    references.push({
      sopInstanceUID,
      seriesInstanceUID: seriesOf.get(sopInstanceUID) ?? null,
      frames: framesOf(sop),
    });
    if (references.length >= MAX_REFERENCES) break;
  }
  const sopInstanceUID = str(ds, T.SOPInstanceUID);
  return {
    sopInstanceUID: isUid(sopInstanceUID) ? sopInstanceUID : '',
    title,
    description,
    isRejection: title !== null && title.scheme === 'DCM' && REJECTION_TITLES.has(title.code),
    references,
  };
}

/** Every key object document among a KO series' instances (anything else is skipped). */
export function readKeyObjects(instances: readonly unknown[]): KeyObjectDocument[] {
  const out: KeyObjectDocument[] = [];
  for (const instance of instances) {
    const doc = readKeyObject(instance);
    if (doc) out.push(doc);
  }
  return out;
}

/** The study's KO series, from its series list: the documents to fetch. */
export function keyObjectSeries<T extends { modality: string }>(series: readonly T[]): T[] {
  return series.filter((s) => s.modality === 'KO');
}

/**
 * The image series whose frames must be known before the selection can be told: the ones
 * the documents name, or every image series when a reference does not say where it lives.
 */
export function seriesNeededFor(
  documents: readonly KeyObjectDocument[],
  imageSeriesUIDs: readonly string[],
): string[] {
  const named = new Set<string>();
  for (const doc of documents) {
    if (doc.isRejection) continue;
    for (const ref of doc.references) {
      if (ref.seriesInstanceUID === null) return [...imageSeriesUIDs];
      named.add(ref.seriesInstanceUID);
    }
  }
  return imageSeriesUIDs.filter((uid) => named.has(uid));
}

export interface SeriesFrames {
  seriesInstanceUID: string;
  /** The series' frames in display order. */
  frames: readonly { sopInstanceUID: string; frame: number }[];
}

export interface KeyImage {
  seriesInstanceUID: string;
  sopInstanceUID: string;
  frame: number;
  /** Position of this frame in its series' display order. */
  indexInSeries: number;
}

export interface KeyImageSelection {
  /** In the documents' order; an image flagged twice is shown once. */
  images: KeyImage[];
  /** References to images the study's series do not hold (or not any more). */
  missing: number;
  /** The documents' titles and notes, deduplicated, for the panel. */
  titles: CodedTitle[];
  descriptions: string[];
}

/** Resolves the documents' references against the frames the series really hold. */
export function selectKeyImages(
  documents: readonly KeyObjectDocument[],
  series: readonly SeriesFrames[],
): KeyImageSelection {
  const where = new Map<string, { seriesInstanceUID: string; frame: number; index: number }[]>();
  for (const s of series) {
    s.frames.forEach((f, index) => {
      const list = where.get(f.sopInstanceUID) ?? [];
      list.push({ seriesInstanceUID: s.seriesInstanceUID, frame: f.frame, index });
      where.set(f.sopInstanceUID, list);
    });
  }
  const images: KeyImage[] = [];
  const seen = new Set<string>();
  const titles: CodedTitle[] = [];
  const descriptions: string[] = [];
  let missing = 0;
  for (const doc of documents) {
    if (doc.isRejection) continue;
    if (
      doc.title &&
      !titles.some((t) => t.code === doc.title?.code && t.scheme === doc.title.scheme)
    )
      titles.push(doc.title);
    if (doc.description !== '' && !descriptions.includes(doc.description))
      descriptions.push(doc.description);
    for (const ref of doc.references) {
      const held = (where.get(ref.sopInstanceUID) ?? []).filter(
        (h) => ref.seriesInstanceUID === null || h.seriesInstanceUID === ref.seriesInstanceUID,
      );
      const wanted = ref.frames ? held.filter((h) => ref.frames?.includes(h.frame)) : held;
      if (wanted.length === 0) {
        missing++;
        continue;
      }
      for (const h of wanted) {
        const id = `${h.seriesInstanceUID}|${ref.sopInstanceUID}|${h.frame}`;
        if (seen.has(id)) continue;
        seen.add(id);
        images.push({
          seriesInstanceUID: h.seriesInstanceUID,
          sopInstanceUID: ref.sopInstanceUID,
          frame: h.frame,
          indexInSeries: h.index,
        });
      }
    }
  }
  return { images, missing, titles, descriptions };
}

// The text content of a DICOM structured report (Basic / Enhanced / Comprehensive SR), read
// from its WADO-RS metadata into a tree the UI shows as an indented list: each content
// item's concept name, its value (text, code, number with units, date, person…), and its
// children. Values stay typed so the UI words and formats them in the user's language.
import { isDataset, num, personName, seq, str, type DicomDataset } from '../dicom/dicomJson';
import { TAG } from '../dicom/tags';

const SR = {
  ContentSequence: '0040A730',
  ValueType: '0040A040',
  RelationshipType: '0040A010',
  ConceptNameCodeSequence: '0040A043',
  ConceptCodeSequence: '0040A168',
  TextValue: '0040A160',
  MeasuredValueSequence: '0040A300',
  NumericValue: '0040A30A',
  MeasurementUnitsCodeSequence: '004008EA',
  DateTime: '0040A120',
  Date: '0040A121',
  Time: '0040A122',
  PersonName: '0040A123',
  UID: '0040A124',
  CompletionFlag: '0040A491',
  VerificationFlag: '0040A493',
  ReferencedSOPSequence: '00081199',
  ReferencedSOPInstanceUID: '00081155',
} as const;

/** Deeper than this is not a report a person reads; the rest is cut. */
const MAX_DEPTH = 32;
/** An SR with more items than this is a measurement dump; the list stops there. */
const MAX_ITEMS = 2000;

export type SrValue =
  | { kind: 'none' }
  | { kind: 'text'; text: string }
  | { kind: 'code'; meaning: string }
  | { kind: 'number'; value: string; units: string }
  | { kind: 'date'; iso: string }
  | { kind: 'time'; text: string }
  | { kind: 'person'; name: string }
  | { kind: 'uid'; uid: string }
  /** IMAGE, COMPOSITE, WAVEFORM: a reference to another object. */
  | { kind: 'reference'; count: number }
  /** SCOORD / TCOORD: coordinates, meaningful only drawn on an image. */
  | { kind: 'coordinates' };

export interface SrItem {
  /** The concept name's meaning, '' when the item has none (e.g. bare text in a container). */
  label: string;
  valueType: string;
  value: SrValue;
  children: SrItem[];
}

export interface SrDocument {
  title: string;
  /** COMPLETE or PARTIAL, '' when unstated. */
  completion: string;
  /** VERIFIED or UNVERIFIED, '' when unstated. */
  verification: string;
  items: SrItem[];
  /** True when the item limit cut the tree. */
  truncated: boolean;
}

function codeMeaning(ds: unknown, tag: string): string {
  const [code] = seq(ds, tag);
  if (!code) return '';
  return str(code, TAG.CodeMeaning) || str(code, TAG.CodeValue);
}

/** UCUM units read as written (mm, cm2, [hnsf'U]); "1" is "no unit". */
function units(measured: DicomDataset): string {
  const [code] = seq(measured, SR.MeasurementUnitsCodeSequence);
  if (!code) return '';
  const scheme = str(code, TAG.CodingSchemeDesignator).toUpperCase();
  const value = str(code, TAG.CodeValue);
  if (scheme === 'UCUM') return value === '1' ? '' : value;
  return str(code, TAG.CodeMeaning) || value;
}

function dicomDateIso(value: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2}))?/.exec(value);
  if (!m) return '';
  const [, y, mo, d, h, mi] = m;
  return h !== undefined && mi !== undefined ? `${y}-${mo}-${d}T${h}:${mi}` : `${y}-${mo}-${d}`;
}

function readValue(item: DicomDataset, valueType: string): SrValue {
  switch (valueType) {
    case 'TEXT': {
      const text = str(item, SR.TextValue);
      return text === '' ? { kind: 'none' } : { kind: 'text', text };
    }
    case 'CODE': {
      const meaning = codeMeaning(item, SR.ConceptCodeSequence);
      return meaning === '' ? { kind: 'none' } : { kind: 'code', meaning };
    }
    case 'NUM': {
      const [measured] = seq(item, SR.MeasuredValueSequence);
      if (!measured) return { kind: 'none' };
      const n = num(measured, SR.NumericValue);
      const raw = str(measured, SR.NumericValue);
      if (n === null && raw === '') return { kind: 'none' };
      return { kind: 'number', value: n === null ? raw : String(n), units: units(measured) };
    }
    case 'DATETIME':
    case 'DATE': {
      const iso = dicomDateIso(str(item, valueType === 'DATE' ? SR.Date : SR.DateTime));
      return iso === '' ? { kind: 'none' } : { kind: 'date', iso };
    }
    case 'TIME': {
      const m = /^(\d{2})(\d{2})?/.exec(str(item, SR.Time));
      return m ? { kind: 'time', text: `${m[1]}:${m[2] ?? '00'}` } : { kind: 'none' };
    }
    case 'PNAME': {
      const pn = personName(item, SR.PersonName);
      return pn
        ? { kind: 'person', name: [pn.given, pn.family].filter(Boolean).join(' ') }
        : { kind: 'none' };
    }
    case 'UIDREF': {
      const uid = str(item, SR.UID);
      return uid === '' ? { kind: 'none' } : { kind: 'uid', uid };
    }
    case 'IMAGE':
    case 'COMPOSITE':
    case 'WAVEFORM':
      return { kind: 'reference', count: Math.max(1, seq(item, SR.ReferencedSOPSequence).length) };
    case 'SCOORD':
    case 'SCOORD3D':
    case 'TCOORD':
      return { kind: 'coordinates' };
    default:
      return { kind: 'none' };
  }
}

/** Reads the content tree of an SR instance's metadata. */
export function readStructuredReport(metadata: unknown): SrDocument {
  const budget = { left: MAX_ITEMS, truncated: false };
  const readItems = (parent: unknown, depth: number): SrItem[] => {
    if (depth > MAX_DEPTH) {
      if (seq(parent, SR.ContentSequence).length > 0) budget.truncated = true;
      return [];
    }
    const out: SrItem[] = [];
    for (const item of seq(parent, SR.ContentSequence)) {
      if (budget.left <= 0) {
        budget.truncated = true;
        break;
      }
      budget.left--;
      const valueType = str(item, SR.ValueType).toUpperCase();
      out.push({
        label: codeMeaning(item, SR.ConceptNameCodeSequence),
        valueType,
        value: readValue(item, valueType),
        children: readItems(item, depth + 1),
      });
    }
    return out;
  };
  const root = isDataset(metadata) ? metadata : {};
  const items = readItems(root, 0);
  return {
    title: codeMeaning(root, SR.ConceptNameCodeSequence),
    completion: str(root, SR.CompletionFlag).toUpperCase(),
    verification: str(root, SR.VerificationFlag).toUpperCase(),
    items,
    truncated: budget.truncated,
  };
}

/** True when the SR says nothing a reader could use (no text, code or number anywhere). */
export function isEmptyReport(doc: SrDocument): boolean {
  const hasContent = (items: readonly SrItem[]): boolean =>
    items.some((i) => i.value.kind !== 'none' || hasContent(i.children));
  return !hasContent(doc.items);
}

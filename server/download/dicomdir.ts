// The DICOMDIR of a downloaded study (PS3.10 § 8, PS3.3 F.3 Basic Directory IOD): the index
// a CD viewer, a PACS import or another hospital's workstation reads first. Written by hand
// because no maintained JavaScript library writes one (dcmjs reads and writes datasets but
// knows nothing of the byte offsets that link directory records), and small: explicit VR
// little endian, defined lengths only, so that each record's position is known before it is
// written and the offsets can be filled in (PS3.3 F.3.2.1: from the first byte of the file).
import crypto from 'node:crypto';

export const MEDIA_STORAGE_DIRECTORY_SOP_CLASS = '1.2.840.10008.1.3.10';
const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
/** drim-viewer's own implementation class UID (a UUID-derived 2.25 UID, PS3.5 B.2). */
export const IMPLEMENTATION_CLASS_UID = '2.25.317655367634951354680346744534138209548';
const IMPLEMENTATION_VERSION = 'DRIM_VIEWER_1';

export interface DicomdirInstance {
  /** Path components inside the file-set, each ≤ 8 of A–Z 0–9 _ (PS3.10 8.2). */
  fileId: readonly string[];
  sopClassUid: string;
  sopInstanceUid: string;
  transferSyntaxUid: string;
  instanceNumber?: string;
  contentDate?: string;
  contentTime?: string;
  /** Encapsulated documents. */
  documentTitle?: string;
  mimeType?: string;
  /** Structured reports. */
  completionFlag?: string;
  verificationFlag?: string;
}

export interface DicomdirSeries {
  seriesInstanceUid: string;
  modality: string;
  seriesNumber?: string;
  instances: readonly DicomdirInstance[];
}

export interface DicomdirStudy {
  studyInstanceUid: string;
  studyDate?: string;
  studyTime?: string;
  studyId?: string;
  accessionNumber?: string;
  studyDescription?: string;
  series: readonly DicomdirSeries[];
}

export interface DicomdirPatient {
  patientName?: string;
  patientId?: string;
  issuerOfPatientId?: string;
  birthDate?: string;
  sex?: string;
  studies: readonly DicomdirStudy[];
}

const FILE_ID_COMPONENT = /^[A-Z0-9_]{1,8}$/;

export function isFileIdComponent(s: string): boolean {
  return FILE_ID_COMPONENT.test(s);
}

/** A new UID from a random UUID (PS3.5 B.2). */
export function newUid(): string {
  return `2.25.${BigInt(`0x${crypto.randomUUID().replace(/-/g, '')}`).toString()}`;
}

// ---- encoding -------------------------------------------------------------------------------

const LONG_LENGTH_VRS = new Set(['OB', 'OW', 'OF', 'OD', 'OL', 'OV', 'SQ', 'UT', 'UN', 'UC', 'UR']);

function header(group: number, element: number, vr: string, length: number): Buffer {
  if (LONG_LENGTH_VRS.has(vr)) {
    const b = Buffer.alloc(12);
    b.writeUInt16LE(group, 0);
    b.writeUInt16LE(element, 2);
    b.write(vr, 4, 'latin1');
    b.writeUInt32LE(length, 8);
    return b;
  }
  if (length > 0xffff) throw new Error(`value too long for ${vr}`);
  const b = Buffer.alloc(8);
  b.writeUInt16LE(group, 0);
  b.writeUInt16LE(element, 2);
  b.write(vr, 4, 'latin1');
  b.writeUInt16LE(length, 6);
  return b;
}

function element(group: number, el: number, vr: string, value: Buffer): Buffer {
  return Buffer.concat([header(group, el, vr, value.length), value]);
}

/** Text values padded to even length: UI with a NUL, the others with a space (PS3.5 6.2). */
function text(group: number, el: number, vr: string, value: string): Buffer {
  let bytes = Buffer.from(value, vr === 'UI' || vr === 'CS' || vr === 'DA' ? 'latin1' : 'utf8');
  if (bytes.length % 2 === 1) bytes = Buffer.concat([bytes, Buffer.from(vr === 'UI' ? [0] : [32])]);
  return element(group, el, vr, bytes);
}

function ul(group: number, el: number, value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(value, 0);
  return element(group, el, 'UL', b);
}

function us(group: number, el: number, value: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(value, 0);
  return element(group, el, 'US', b);
}

/** Only the characters a value representation allows, so one odd source cannot break the file. */
const clean = (value: string | undefined, max: number): string =>
  (value ?? '')
    .replace(/[\\\p{Cc}]/gu, ' ')
    .trim()
    .slice(0, max);

const cleanCs = (value: string | undefined): string =>
  clean(value, 16)
    .toUpperCase()
    .replace(/[^A-Z0-9 _]/g, '_');
const cleanDa = (value: string | undefined): string => (/^\d{8}$/.test(value ?? '') ? value! : '');
const cleanTm = (value: string | undefined): string =>
  /^\d{2,6}(\.\d{1,6})?$/.test(value ?? '') ? value! : '';
const cleanIs = (value: string | undefined): string =>
  /^[+-]?\d{1,12}$/.test((value ?? '').trim()) ? value!.trim() : '';
const cleanUid = (value: string): string => {
  if (!/^[0-9]+(\.[0-9]+)*$/.test(value) || value.length > 64) {
    throw new Error('a directory record needs valid UIDs');
  }
  return value;
};

// ---- records --------------------------------------------------------------------------------

interface DirRecord {
  type: string;
  /** Elements after the four link fields, already in ascending tag order. */
  keys: Buffer[];
  children: DirRecord[];
}

/** The record type a SOP class is indexed under (PS3.3 F.5, Table F.4-1). */
export function recordTypeOf(sopClassUid: string): string {
  if (sopClassUid === '1.2.840.10008.5.1.4.1.1.88.59') return 'KEY OBJECT DOC';
  if (sopClassUid.startsWith('1.2.840.10008.5.1.4.1.1.88.')) return 'SR DOCUMENT';
  if (sopClassUid.startsWith('1.2.840.10008.5.1.4.1.1.104.')) return 'ENCAP DOC';
  if (sopClassUid.startsWith('1.2.840.10008.5.1.4.1.1.11.')) return 'PRESENTATION';
  return 'IMAGE';
}

const CHARSET = text(0x0008, 0x0005, 'CS', 'ISO_IR 192');

function patientRecord(p: DicomdirPatient): DirRecord {
  return {
    type: 'PATIENT',
    keys: [
      CHARSET,
      text(0x0010, 0x0010, 'PN', clean(p.patientName, 64)),
      text(0x0010, 0x0020, 'LO', clean(p.patientId, 64)),
      ...(p.issuerOfPatientId ? [text(0x0010, 0x0021, 'LO', clean(p.issuerOfPatientId, 64))] : []),
      ...(p.birthDate ? [text(0x0010, 0x0030, 'DA', cleanDa(p.birthDate))] : []),
      ...(p.sex ? [text(0x0010, 0x0040, 'CS', cleanCs(p.sex))] : []),
    ],
    children: p.studies.map(studyRecord),
  };
}

function studyRecord(s: DicomdirStudy): DirRecord {
  return {
    type: 'STUDY',
    keys: [
      CHARSET,
      text(0x0008, 0x0020, 'DA', cleanDa(s.studyDate)),
      text(0x0008, 0x0030, 'TM', cleanTm(s.studyTime)),
      text(0x0008, 0x0050, 'SH', clean(s.accessionNumber, 16)),
      text(0x0008, 0x1030, 'LO', clean(s.studyDescription, 64)),
      text(0x0020, 0x000d, 'UI', cleanUid(s.studyInstanceUid)),
      text(0x0020, 0x0010, 'SH', clean(s.studyId, 16)),
    ],
    children: s.series.map(seriesRecord),
  };
}

function seriesRecord(s: DicomdirSeries): DirRecord {
  return {
    type: 'SERIES',
    keys: [
      CHARSET,
      text(0x0008, 0x0060, 'CS', cleanCs(s.modality)),
      text(0x0020, 0x000e, 'UI', cleanUid(s.seriesInstanceUid)),
      text(0x0020, 0x0011, 'IS', cleanIs(s.seriesNumber)),
    ],
    children: s.instances.map(instanceRecord),
  };
}

function instanceRecord(i: DicomdirInstance): DirRecord {
  if (!i.fileId.every(isFileIdComponent) || i.fileId.length > 8) {
    throw new Error('a file ID component must be 1 to 8 of A-Z, 0-9 and _');
  }
  const type = recordTypeOf(i.sopClassUid);
  const keys: Buffer[] = [
    text(0x0004, 0x1500, 'CS', i.fileId.join('\\')),
    text(0x0004, 0x1510, 'UI', cleanUid(i.sopClassUid)),
    text(0x0004, 0x1511, 'UI', cleanUid(i.sopInstanceUid)),
    text(0x0004, 0x1512, 'UI', cleanUid(i.transferSyntaxUid)),
  ];
  if (type !== 'IMAGE' && type !== 'PRESENTATION') {
    keys.push(
      text(0x0008, 0x0023, 'DA', cleanDa(i.contentDate)),
      text(0x0008, 0x0033, 'TM', cleanTm(i.contentTime)),
    );
  }
  keys.push(text(0x0020, 0x0013, 'IS', cleanIs(i.instanceNumber)));
  if (type === 'ENCAP DOC') {
    keys.push(
      text(0x0042, 0x0010, 'ST', clean(i.documentTitle, 1024)),
      text(0x0042, 0x0012, 'LO', clean(i.mimeType, 64)),
    );
  }
  if (type === 'SR DOCUMENT') {
    keys.push(
      text(0x0040, 0xa491, 'CS', cleanCs(i.completionFlag)),
      text(0x0040, 0xa493, 'CS', cleanCs(i.verificationFlag)),
    );
  }
  return { type, keys, children: [] };
}

// ---- layout ---------------------------------------------------------------------------------

/** Directory records in file order (depth first), each with its place among its siblings. */
interface Placed {
  record: DirRecord;
  next: Placed | null;
  firstChild: Placed | null;
  content: Buffer;
  /** Offset of the item tag from the first byte of the file. */
  offset: number;
}

// Within a record's content: (0004,1400) UL at 0, (0004,1410) US at 12, (0004,1420) UL at 22.
const NEXT_VALUE_AT = 8;
const LOWER_VALUE_AT = 12 + 10 + 8;

function recordContent(r: DirRecord): Buffer {
  return Buffer.concat([
    ul(0x0004, 0x1400, 0),
    us(0x0004, 0x1410, 0xffff),
    ul(0x0004, 0x1420, 0),
    text(0x0004, 0x1430, 'CS', r.type),
    ...r.keys,
  ]);
}

function place(records: DirRecord[], into: Placed[]): Placed | null {
  let first: Placed | null = null;
  let previous: Placed | null = null;
  for (const record of records) {
    const p: Placed = {
      record,
      next: null,
      firstChild: null,
      content: recordContent(record),
      offset: 0,
    };
    into.push(p);
    p.firstChild = place(record.children, into);
    if (previous) previous.next = p;
    else first = p;
    previous = p;
  }
  return first;
}

function metaHeader(sopInstanceUid: string): Buffer {
  const body = Buffer.concat([
    element(0x0002, 0x0001, 'OB', Buffer.from([0, 1])),
    text(0x0002, 0x0002, 'UI', MEDIA_STORAGE_DIRECTORY_SOP_CLASS),
    text(0x0002, 0x0003, 'UI', sopInstanceUid),
    text(0x0002, 0x0010, 'UI', EXPLICIT_VR_LITTLE_ENDIAN),
    text(0x0002, 0x0012, 'UI', IMPLEMENTATION_CLASS_UID),
    text(0x0002, 0x0013, 'SH', IMPLEMENTATION_VERSION),
  ]);
  return Buffer.concat([
    Buffer.alloc(128),
    Buffer.from('DICM', 'latin1'),
    ul(0x0002, 0x0000, body.length),
    body,
  ]);
}

export interface DicomdirOptions {
  /** (0004,1130): at most 16 characters of A–Z 0–9 _ and space. */
  fileSetId: string;
  /** A new UID for this DICOMDIR; a fresh one when absent. */
  sopInstanceUid?: string;
}

/** The whole DICOMDIR file for these patients, their studies, series and files. */
export function writeDicomdir(patients: readonly DicomdirPatient[], opts: DicomdirOptions): Buffer {
  const placed: Placed[] = [];
  const firstRoot = place(patients.map(patientRecord), placed);
  const meta = metaHeader(opts.sopInstanceUid ?? newUid());
  const fileSetId = cleanCs(opts.fileSetId);
  const head = (first: number, last: number): Buffer =>
    Buffer.concat([
      text(0x0004, 0x1130, 'CS', fileSetId),
      ul(0x0004, 0x1200, first),
      ul(0x0004, 0x1202, last),
      us(0x0004, 0x1212, 0),
    ]);
  const itemsLength = placed.reduce((n, p) => n + 8 + p.content.length, 0);
  let at = meta.length + head(0, 0).length + 12;
  for (const p of placed) {
    p.offset = at;
    at += 8 + p.content.length;
  }
  for (const p of placed) {
    p.content.writeUInt32LE(p.next?.offset ?? 0, NEXT_VALUE_AT);
    p.content.writeUInt32LE(p.firstChild?.offset ?? 0, LOWER_VALUE_AT);
  }
  let lastRoot = firstRoot;
  while (lastRoot?.next) lastRoot = lastRoot.next;
  const items = placed.map((p) => {
    const tag = Buffer.alloc(8);
    tag.writeUInt16LE(0xfffe, 0);
    tag.writeUInt16LE(0xe000, 2);
    tag.writeUInt32LE(p.content.length, 4);
    return Buffer.concat([tag, p.content]);
  });
  return Buffer.concat([
    meta,
    head(firstRoot?.offset ?? 0, lastRoot?.offset ?? 0),
    header(0x0004, 0x1220, 'SQ', itemsLength),
    ...items,
  ]);
}

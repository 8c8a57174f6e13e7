// Test support: small DICOM Part 10 instances built in memory (explicit VR little endian,
// 2×2 pixels), for the tests of what reads them (instanceFrames, wholeSeriesRetrieve).

const enc = new TextEncoder();
const LONG_VRS = new Set(['OB', 'OW', 'SQ', 'UN', 'UT']);

function even(bytes: Uint8Array, pad: number): Uint8Array {
  if (bytes.length % 2 === 0) return bytes;
  const out = new Uint8Array(bytes.length + 1);
  out.set(bytes);
  out[bytes.length] = pad;
  return out;
}

/** One explicit VR little endian element; `undefined` length for encapsulated pixel data. */
export function element(
  tag: number,
  vr: string,
  value: Uint8Array,
  undefinedLength = false,
): number[] {
  const head = [(tag >>> 16) & 255, (tag >>> 24) & 255, tag & 255, (tag >>> 8) & 255];
  head.push(vr.charCodeAt(0), vr.charCodeAt(1));
  const length = undefinedLength ? 0xffffffff : value.length;
  if (LONG_VRS.has(vr)) {
    head.push(0, 0, length & 255, (length >>> 8) & 255, (length >>> 16) & 255, length >>> 24);
  } else {
    head.push(length & 255, (length >>> 8) & 255);
  }
  return [...head, ...value];
}

const text = (s: string, pad = 0x20) => even(enc.encode(s), pad);
const uid = (s: string) => even(enc.encode(s), 0);
const us = (v: number) => new Uint8Array([v & 255, v >>> 8]);
const u32 = (v: number) => [v & 255, (v >>> 8) & 255, (v >>> 16) & 255, v >>> 24];

function item(data: Uint8Array | number[]): number[] {
  const bytes = [...data];
  return [0xfe, 0xff, 0x00, 0xe0, ...u32(bytes.length), ...bytes];
}

const SEQUENCE_END = [0xfe, 0xff, 0xdd, 0xe0, 0, 0, 0, 0];

export interface Instance {
  sopInstanceUID?: string;
  transferSyntax: string;
  frames?: number;
  bitsAllocated?: number;
  pixelRepresentation?: number;
  photometric?: string;
  pixelData: number[];
}

/** A Part 10 file of 2×2 pixels; pixelData is the whole (7FE0,0010) element. */
export function part10(i: Instance): Uint8Array<ArrayBuffer> {
  const meta = element(0x00020010, 'UI', uid(i.transferSyntax));
  const body = [
    ...element(0x00080018, 'UI', uid(i.sopInstanceUID ?? '1.2.3.4')),
    ...element(0x00280002, 'US', us(1)),
    ...element(0x00280004, 'CS', text(i.photometric ?? 'MONOCHROME2')),
    ...element(0x00280008, 'IS', text(String(i.frames ?? 1))),
    ...element(0x00280010, 'US', us(2)),
    ...element(0x00280011, 'US', us(2)),
    ...element(0x00280100, 'US', us(i.bitsAllocated ?? 16)),
    ...element(0x00280103, 'US', us(i.pixelRepresentation ?? 0)),
    ...i.pixelData,
  ];
  return new Uint8Array([...new Uint8Array(128), ...enc.encode('DICM'), ...meta, ...body]);
}

export function encapsulated(offsets: number[], fragments: number[][]): number[] {
  const bot = item(offsets.flatMap(u32));
  const items = fragments.flatMap((f) => item(f));
  return [...element(0x7fe00010, 'OB', new Uint8Array([...bot, ...items, ...SEQUENCE_END]), true)];
}

/** SOC + SIZ of a 2×2 one-component codestream (jpeg2000Stream.ts reads the sign there). */
export function j2k(signed: boolean): number[] {
  const be32 = (v: number) => [(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
  const siz = [0xff, 0x51, 0, 41, 0, 0, ...be32(2), ...be32(2), ...be32(0), ...be32(0)];
  siz.push(...be32(2), ...be32(2), ...be32(0), ...be32(0), 0, 1, (signed ? 0x80 : 0) | 15, 1, 1);
  return [0xff, 0x4f, ...siz, 0xff, 0xd9];
}

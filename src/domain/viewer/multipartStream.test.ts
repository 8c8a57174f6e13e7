import { describe, expect, it } from 'vitest';
import { MultipartStream, type StreamedPart } from './multipartStream';

const enc = new TextEncoder();
const BOUNDARY = 'b0undary-42';

function part(data: Uint8Array, headers: string[]): Uint8Array {
  const head = enc.encode(`--${BOUNDARY}\r\n${headers.join('\r\n')}\r\n\r\n`);
  const out = new Uint8Array(head.length + data.length + 2);
  out.set(head, 0);
  out.set(data, head.length);
  out.set(enc.encode('\r\n'), head.length + data.length);
  return out;
}

function concat(...arrays: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of arrays) {
    out.set(a, at);
    at += a.length;
  }
  return out;
}

/** Bytes that look like the start of a delimiter without being one. */
const tricky = concat(
  new Uint8Array([0, 13, 10, 45, 45]),
  enc.encode('b0undary-4'),
  new Uint8Array([13, 10, 255, 7]),
);
const second = new Uint8Array(3000).map((_, i) => (i * 31) % 256);

function body(withLength: boolean): Uint8Array {
  const len = (d: Uint8Array) => (withLength ? [`Content-Length: ${d.length}`] : []);
  return concat(
    enc.encode('preamble to ignore\r\n'),
    part(tricky, ['Content-Type: application/dicom', ...len(tricky)]),
    part(second, [
      'Content-Type: application/dicom; transfer-syntax=1.2.840.10008.1.2.4.80',
      ...len(second),
    ]),
    enc.encode(`--${BOUNDARY}--\r\n`),
  );
}

/** Feeds the body in chunks of `size` bytes; the parts in order. */
function feed(bytes: Uint8Array, size: number): { parts: StreamedPart[]; stream: MultipartStream } {
  const stream = new MultipartStream(BOUNDARY);
  const parts: StreamedPart[] = [];
  for (let i = 0; i < bytes.length; i += size)
    parts.push(...stream.push(bytes.subarray(i, i + size)));
  return { parts, stream };
}

describe('MultipartStream', () => {
  for (const withLength of [true, false]) {
    it(`gives every part whole, whatever the chunk boundaries (${withLength ? 'with' : 'without'} Content-Length)`, () => {
      const bytes = body(withLength);
      for (const size of [1, 2, 7, 13, 64, 1000, bytes.length]) {
        const { parts, stream } = feed(bytes, size);
        expect(
          parts.map((p) => [...p.data]),
          `chunks of ${size}`,
        ).toEqual([[...tricky], [...second]]);
        expect(parts.map((p) => p.contentType)).toEqual([
          'application/dicom',
          'application/dicom; transfer-syntax=1.2.840.10008.1.2.4.80',
        ]);
        expect(stream.finished).toBe(true);
        expect(() => stream.end()).not.toThrow();
      }
    });
  }

  it('hands a part over as soon as it is complete, before the answer ends', () => {
    const bytes = body(true);
    const firstEnd = bytes.indexOf(255) + 2 + enc.encode(`\r\n--${BOUNDARY}`).length;
    const stream = new MultipartStream(BOUNDARY);
    expect(stream.push(bytes.subarray(0, firstEnd)).map((p) => p.data.length)).toEqual([
      tricky.length,
    ]);
    expect(stream.finished).toBe(false);
  });

  it('keeps each part in a buffer of its own', () => {
    const { parts } = feed(body(false), 5);
    const [a] = parts;
    expect(a?.data.byteOffset).toBe(0);
    expect(a?.data.buffer.byteLength).toBe(tricky.length);
  });

  it('says when the answer was cut short, so that missing frames are loaded otherwise', () => {
    const bytes = body(true);
    const { parts, stream } = feed(bytes.subarray(0, bytes.length - 200), 100);
    expect(parts).toHaveLength(1);
    expect(() => stream.end()).toThrow(/cut short/);
  });

  it('refuses a part longer than its Content-Length', () => {
    const bytes = concat(
      part(second, [`Content-Length: ${second.length - 1}`]),
      enc.encode(`--${BOUNDARY}--`),
    );
    expect(() => feed(bytes, 100)).toThrow(/Content-Length/);
  });

  it('refuses to start without a boundary', () => {
    expect(() => new MultipartStream('')).toThrow(/boundary/);
  });
});

import { describe, expect, it } from 'vitest';
import {
  MultipartError,
  isMultipartRelated,
  mediaTypeParameters,
  parseMultipartRelated,
} from './multipartRelated';

const enc = new TextEncoder();
const bytes = (...chunks: (string | number[])[]) => {
  const parts = chunks.map((c) => (typeof c === 'string' ? enc.encode(c) : new Uint8Array(c)));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
const text = (b: Uint8Array) => new TextDecoder('latin1').decode(b);

describe('mediaTypeParameters', () => {
  it('reads quoted and bare parameters, a quoted value may hold a semicolon', () => {
    const p = mediaTypeParameters(
      'multipart/related; type="application/dicom; x=1"; boundary=abc-123',
    );
    expect(p.get('type')).toBe('application/dicom; x=1');
    expect(p.get('boundary')).toBe('abc-123');
  });

  it('is case-insensitive on names and unescapes quoted pairs', () => {
    expect(mediaTypeParameters('multipart/related; BOUNDARY="a\\"b"').get('boundary')).toBe('a"b');
  });

  it('knows multipart/related from other types', () => {
    expect(isMultipartRelated('Multipart/Related; boundary=x')).toBe(true);
    expect(isMultipartRelated('multipart/related-ish')).toBe(false);
    expect(isMultipartRelated('application/json')).toBe(false);
  });
});

describe('parseMultipartRelated', () => {
  const ct = 'multipart/related; type="application/octet-stream"; boundary=BOUND';

  it('returns the single part of an Orthanc bulk-data answer, byte for byte', () => {
    // The PDF ends with CR LF itself: Content-Length tells it from the delimiter's line break.
    const pdf = bytes('%PDF-1.4\n', [0xe2, 0xe3, 0xcf, 0xd3, 0x00, 0xff], '\n%%EOF\r\n');
    const body = bytes(
      '--BOUND\r\nContent-Type: application/octet-stream\r\n',
      `Content-Length: ${pdf.length}\r\nMIME-Version: 1.0\r\n\r\n`,
      [...pdf],
      '\r\n--BOUND--\r\n',
    );
    const parts = parseMultipartRelated(body, ct);
    expect(parts).toHaveLength(1);
    expect(parts[0]?.headers['content-type']).toBe('application/octet-stream');
    expect([...(parts[0]?.body ?? [])]).toEqual([...pdf]);
  });

  it('without Content-Length, the CR LF before the delimiter is not part of the body', () => {
    const body = bytes('preamble\r\n--BOUND\r\nContent-Type: text/xml\r\n\r\n<a/>\r\n--BOUND--');
    expect(text(parseMultipartRelated(body, ct)[0]?.body ?? new Uint8Array())).toBe('<a/>');
  });

  it('splits several parts and keeps a boundary-like text inside a part', () => {
    const body = bytes(
      '--BOUND\r\nContent-Type: a/b\r\n\r\none --BOUN two\r\n',
      '--BOUND\r\nContent-Type: c/d\r\n\r\nthree\r\n--BOUND--\r\n',
    );
    const parts = parseMultipartRelated(body, ct);
    expect(parts.map((p) => text(p.body))).toEqual(['one --BOUN two', 'three']);
    expect(parts.map((p) => p.headers['content-type'])).toEqual(['a/b', 'c/d']);
  });

  it('accepts bare LF line breaks', () => {
    const body = bytes('--BOUND\nContent-Type: a/b\n\nhello\n--BOUND--\n');
    expect(text(parseMultipartRelated(body, ct)[0]?.body ?? new Uint8Array())).toBe('hello');
  });

  it('ignores a Content-Length that points past the next delimiter', () => {
    const body = bytes('--BOUND\r\nContent-Length: 9999\r\n\r\nshort\r\n--BOUND--');
    expect(text(parseMultipartRelated(body, ct)[0]?.body ?? new Uint8Array())).toBe('short');
  });

  it('refuses what is not a complete multipart/related body', () => {
    expect(() => parseMultipartRelated(bytes('%PDF-1.4'), 'application/pdf')).toThrow(
      MultipartError,
    );
    expect(() => parseMultipartRelated(bytes('x'), 'multipart/related')).toThrow(/boundary/);
    expect(() => parseMultipartRelated(bytes('no delimiter here'), ct)).toThrow(/never occurs/);
    expect(() => parseMultipartRelated(bytes('--BOUND\r\nA: b\r\n\r\ntruncated'), ct)).toThrow(
      /ends inside a part/,
    );
    expect(() => parseMultipartRelated(bytes('--BOUND--\r\n'), ct)).toThrow(/no part/);
  });
});

import { describe, expect, it } from 'vitest';
import { firstPart, firstPartOf, onePartBody } from './multipartBody';

const enc = new TextEncoder();

describe('firstPart', () => {
  it('extracts the bytes of the first part, binary content included', () => {
    const head = enc.encode('--abc\r\nContent-Type: application/octet-stream\r\n\r\n');
    const data = new Uint8Array([0, 1, 13, 10, 45, 45, 255]);
    const tail = enc.encode('\r\n--abc--\r\n');
    const body = new Uint8Array([...head, ...data, ...tail]);
    expect([
      ...firstPart('multipart/related; type="application/octet-stream"; boundary=abc', body),
    ]).toEqual([...data]);
    expect([...firstPart('multipart/related; boundary="abc"', body)]).toEqual([...data]);
  });
  it('passes a single-part answer through and rejects a broken multipart one', () => {
    const raw = new Uint8Array([1, 2, 3]);
    expect(firstPart('application/octet-stream', raw)).toBe(raw);
    expect(() => firstPart('multipart/related', raw)).toThrow(/boundary/);
    expect(() => firstPart('multipart/related; boundary=zz', raw)).toThrow(/first boundary/);
  });
});

describe('firstPartOf', () => {
  it('gives the part its own Content-Type, where a frame names its transfer syntax', () => {
    const body = enc.encode(
      '--b1\r\nContent-Location: x\r\ncontent-type: image/jp2; transfer-syntax=1.2.840.10008.1.2.4.90' +
        '\r\n\r\nJ2K\r\n--b1--\r\n',
    );
    const part = firstPartOf('multipart/related; type="image/jp2"; boundary=b1', body);
    expect(part.contentType).toBe('image/jp2; transfer-syntax=1.2.840.10008.1.2.4.90');
    expect(new TextDecoder().decode(part.data)).toBe('J2K');
  });
});

describe('onePartBody', () => {
  it('builds a one-part answer that reads back to the same bytes and type', () => {
    const data = new Uint8Array([0, 13, 10, 45, 45, 98, 255]);
    const body = onePartBody(
      'xyz',
      'application/octet-stream; transfer-syntax=1.2.840.10008.1.2.1',
      data,
    );
    const part = firstPartOf('multipart/related; boundary=xyz', body);
    expect([...part.data]).toEqual([...data]);
    expect(part.contentType).toBe('application/octet-stream; transfer-syntax=1.2.840.10008.1.2.1');
    expect(new TextDecoder().decode(body.subarray(body.length - 9))).toBe('--xyz--\r\n');
  });
});

import { describe, expect, it } from 'vitest';
import { firstPart } from './multipartBody';

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

import { describe, expect, it } from 'vitest';
import { storedPixelBytes } from './storedPixelBytes';

/** How a reader takes a 16-bit stored value: PixelRepresentation 1 sign-extends BitsStored. */
function read16(bytes: Uint8Array, i: number, bitsStored: number, signed: boolean): number {
  const raw = (bytes[2 * i] ?? 0) | ((bytes[2 * i + 1] ?? 0) << 8);
  const shift = 32 - bitsStored;
  return signed ? (raw << shift) >> shift : raw;
}

describe('storedPixelBytes', () => {
  it('keeps an unsigned stream’s samples as stored bits, read as signed by PixelRepresentation', () => {
    // A 13-bit CT stream declared unsigned: 6192 is −2000 once read as 13-bit two's complement.
    const bytes = storedPixelBytes([0, 36, 4095, 6192, 8191], 16, 13);
    if (!bytes) throw new Error('no bytes');
    expect(bytes.length).toBe(10);
    expect([0, 1, 2, 3, 4].map((i) => read16(bytes, i, 13, true))).toEqual([
      0, 36, 4095, -2000, -1,
    ]);
  });
  it('keeps only the stored bits of a signed stream’s negative samples', () => {
    const bytes = storedPixelBytes([-1, -2048, 2047], 16, 12);
    if (!bytes) throw new Error('no bytes');
    expect([0, 1, 2].map((i) => read16(bytes, i, 12, false))).toEqual([4095, 2048, 2047]);
    expect([0, 1, 2].map((i) => read16(bytes, i, 12, true))).toEqual([-1, -2048, 2047]);
  });
  it('writes 8-bit samples one byte each and declines layouts it does not know', () => {
    expect([...(storedPixelBytes([0, 127, -1, 255], 8, 8) ?? [])]).toEqual([0, 127, 255, 255]);
    expect(storedPixelBytes([1], 32, 32)).toBeNull();
    expect(storedPixelBytes([1], 16, 17)).toBeNull();
    expect(storedPixelBytes([1], 16, 0)).toBeNull();
  });
});

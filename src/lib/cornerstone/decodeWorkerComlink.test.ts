import { describe, expect, it } from 'vitest';
import { transferablesOf } from './decodeWorkerComlink';

describe('transferablesOf (decoded frames leaving the worker)', () => {
  it('gives away the buffer of a frame that owns it whole', () => {
    const pixels = new Int16Array(512 * 512);
    expect(transferablesOf({ pixelData: pixels, rows: 512 })).toEqual([pixels.buffer]);
  });

  it('keeps a buffer the frame only has a view into, and anything not pixels', () => {
    const memory = new ArrayBuffer(1 << 20);
    expect(transferablesOf({ pixelData: new Uint16Array(memory, 1024, 256) })).toEqual([]);
    expect(transferablesOf({ pixelData: new Uint8Array(memory, 0, 16) })).toEqual([]);
    expect(transferablesOf({ pixelData: [1, 2, 3] })).toEqual([]);
    expect(transferablesOf({})).toEqual([]);
    expect(transferablesOf(null)).toEqual([]);
    expect(transferablesOf(undefined)).toEqual([]);
  });

  it('never gives away shared memory', () => {
    if (typeof SharedArrayBuffer === 'undefined') return;
    const shared = new Int16Array(new SharedArrayBuffer(8));
    expect(transferablesOf({ pixelData: shared })).toEqual([]);
  });
});

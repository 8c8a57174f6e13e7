import { describe, expect, it } from 'vitest';
import setPixelDataType, { pixelArrayTypeFor } from './setPixelDataType';

const frame = (pixelData: ArrayLike<number>, min: number, max: number) => ({
  smallestPixelValue: min,
  largestPixelValue: max,
  pixelData,
});

describe('setPixelDataType (stand-in for the image loader’s)', () => {
  it('chooses the type the library chooses', () => {
    expect(pixelArrayTypeFor(0, 255)).toBe(Uint8Array);
    expect(pixelArrayTypeFor(0, 4095)).toBe(Uint16Array);
    expect(pixelArrayTypeFor(0, 70000)).toBe(Uint32Array);
    expect(pixelArrayTypeFor(-100, 100)).toBe(Int8Array);
    expect(pixelArrayTypeFor(-1024, 3071)).toBe(Int16Array);
    expect(pixelArrayTypeFor(-40000, 0)).toBe(Float32Array);
    expect(pixelArrayTypeFor(-0.5, 2.5)).toBe(Float32Array);
  });

  it('keeps a decoded frame that already has the right type, without copying it', () => {
    const hu = Int16Array.from([-1024, 0, 40, 3071]);
    const f = frame(hu, -1024, 3071);
    setPixelDataType(f);
    expect(f.pixelData).toBe(hu);
  });

  it('converts a frame of another type, values unchanged', () => {
    const f = frame(Float32Array.from([-1024, 0, 40, 3071]), -1024, 3071);
    setPixelDataType(f);
    expect(f.pixelData).toBeInstanceOf(Int16Array);
    expect([...(f.pixelData as Int16Array)]).toEqual([-1024, 0, 40, 3071]);
    const small = frame(Uint16Array.from([0, 7, 255]), 0, 255);
    setPixelDataType(small);
    expect(small.pixelData).toBeInstanceOf(Uint8Array);
    expect([...(small.pixelData as Uint8Array)]).toEqual([0, 7, 255]);
  });

  it('copies a view into a larger buffer, so the rest of that buffer can be freed', () => {
    const whole = Int16Array.from([1, 2, 3, 4, 5, 6]);
    const part = whole.subarray(2, 4);
    const f = frame(part, -1000, 1000);
    setPixelDataType(f);
    expect(f.pixelData).not.toBe(part);
    expect(f.pixelData).toBeInstanceOf(Int16Array);
    expect((f.pixelData as Int16Array).buffer.byteLength).toBe(4);
    expect([...(f.pixelData as Int16Array)]).toEqual([3, 4]);
  });
});

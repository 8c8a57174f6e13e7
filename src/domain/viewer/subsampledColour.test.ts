import { describe, expect, it } from 'vitest';
import {
  fullResolutionChroma,
  isSubsampledColour,
  pixelDataMayStandInForFrame,
} from './subsampledColour';

const instance = (photometric: string, frames?: number) => ({
  '00280004': { vr: 'CS', Value: [photometric] },
  ...(frames === undefined ? {} : { '00280008': { vr: 'IS', Value: [frames] } }),
});

describe('isSubsampledColour', () => {
  it('knows the 4:2:2 photometric interpretations, whatever the padding or case', () => {
    expect(isSubsampledColour('YBR_FULL_422')).toBe(true);
    expect(isSubsampledColour('ybr_partial_422 ')).toBe(true);
  });

  it('leaves full-resolution colour and grey alone', () => {
    for (const pi of ['RGB', 'YBR_FULL', 'YBR_ICT', 'PALETTE COLOR', 'MONOCHROME2', '']) {
      expect(isSubsampledColour(pi)).toBe(false);
    }
  });
});

describe('pixelDataMayStandInForFrame', () => {
  it('is true for a single-frame 4:2:2 instance, with or without NumberOfFrames', () => {
    expect(pixelDataMayStandInForFrame(instance('YBR_FULL_422'))).toBe(true);
    expect(pixelDataMayStandInForFrame(instance('YBR_FULL_422', 1))).toBe(true);
  });

  it('is false for a multi-frame one: its bulk data holds every frame', () => {
    expect(pixelDataMayStandInForFrame(instance('YBR_FULL_422', 12))).toBe(false);
  });

  it('is false for 16-bit samples, which it does not convert', () => {
    const ds = { ...instance('YBR_FULL_422'), '00280100': { vr: 'US', Value: [16] } };
    expect(pixelDataMayStandInForFrame(ds)).toBe(false);
  });

  it('is false for other photometric interpretations and for garbage', () => {
    expect(pixelDataMayStandInForFrame(instance('RGB'))).toBe(false);
    expect(pixelDataMayStandInForFrame({ '00280004': { vr: 'CS', Value: [42] } })).toBe(false);
    expect(pixelDataMayStandInForFrame({})).toBe(false);
  });
});

describe('fullResolutionChroma', () => {
  it('gives each pixel of a pair its own luma and the pair’s shared chroma', () => {
    // One row of four pixels: two pairs.
    const samples = Uint8Array.from([10, 20, 100, 200, 30, 40, 50, 60]);
    expect([...fullResolutionChroma(samples, 1, 4)]).toEqual([
      10, 100, 200, 20, 100, 200, 30, 50, 60, 40, 50, 60,
    ]);
  });

  it('refuses pixel data shorter than the image (a truncated frame)', () => {
    expect(() => fullResolutionChroma(new Uint8Array(6), 2, 2)).toThrow(/too short/);
    expect(() => fullResolutionChroma(new Uint8Array(8), 0, 4)).toThrow(/too short/);
  });
});

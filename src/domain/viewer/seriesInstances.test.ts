import { describe, expect, it } from 'vitest';
import { readSeries } from './seriesInstances';

const v = (vr: string, ...Value: unknown[]) => ({ vr, Value });

function ctSlice(sop: string, z: number, n: number) {
  return {
    '00080018': v('UI', sop),
    '00080060': v('CS', 'CT'),
    '00200013': v('IS', n),
    '00200032': v('DS', 0, 0, z),
    '00200037': v('DS', 1, 0, 0, 0, 1, 0),
    '00280010': v('US', 512),
    '00280011': v('US', 512),
    '00280100': v('US', 16),
    '00280030': v('DS', '0.78', '0.78'),
    '00100010': v('PN', { Alphabetic: 'DUBOIS^MARIE' }),
    '00081030': v('LO', '<b>TAP</b>'),
    '00080020': v('DA', '20260112'),
  };
}

describe('readSeries', () => {
  it('orders a CT head to feet and reads its facts', () => {
    const series = readSeries([ctSlice('b', -10, 2), ctSlice('a', 0, 1), ctSlice('c', -20, 3)]);
    expect(series?.frames.map((f) => f.sopInstanceUID)).toEqual(['a', 'b', 'c']);
    expect(series?.facts).toMatchObject({
      modality: 'CT',
      patientName: 'DUBOIS Marie',
      studyDescription: '<b>TAP</b>',
      studyDate: '2026-01-12',
      scale: { kind: 'patient', rowMm: 0.78, columnMm: 0.78 },
      decodedFrameBytes: 512 * 512 * 2,
      isMultiFrame: false,
    });
  });

  it('expands a multi-frame cine into its frames with the recommended rate', () => {
    const us = {
      '00080018': v('UI', 'us'),
      '00280008': v('IS', '3'),
      '00280010': v('US', 256),
      '00280011': v('US', 320),
      '00280002': v('US', 1),
      '00280100': v('US', 8),
      '00181063': v('DS', 40),
    };
    const series = readSeries([us]);
    expect(series?.frames.map((f) => f.frame)).toEqual([1, 2, 3]);
    expect(series?.facts.cineFps).toBe(25);
    expect(series?.facts.isMultiFrame).toBe(true);
    expect(series?.facts.scale).toEqual({ kind: 'none' });
  });

  it('keeps only objects with pixels and answers null when none has any', () => {
    expect(readSeries([{ '00080018': v('UI', 'sr') }])).toBeNull();
    expect(readSeries([])).toBeNull();
    expect(readSeries([{ '00280010': v('US', 'junk'), '00080018': v('UI', 'x') }])).toBeNull();
  });
});

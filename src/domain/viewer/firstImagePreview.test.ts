import { describe, expect, it } from 'vitest';
import type { DicomDataset } from '../dicom/dicomJson';
import { firstImagePreview } from './firstImagePreview';
import { readSeries } from './seriesInstances';

const v = (vr: string, ...Value: unknown[]) => ({ vr, Value });

function ctSlice(sop: string, z: number, extra: Record<string, unknown> = {}): DicomDataset {
  return {
    '00080018': v('UI', sop),
    '00080060': v('CS', 'CT'),
    '00200032': v('DS', 0, 0, z),
    '00200037': v('DS', 1, 0, 0, 0, 1, 0),
    '00280002': v('US', 1),
    '00280004': v('CS', 'MONOCHROME2'),
    '00280010': v('US', 512),
    '00280011': v('US', 512),
    '00280100': v('US', 16),
    '00280030': v('DS', '0.78', '0.78'),
    '00281050': v('DS', 40),
    '00281051': v('DS', 400),
    ...extra,
  };
}

function previewOf(instances: DicomDataset[]) {
  const content = readSeries(instances);
  if (!content) throw new Error('no content');
  return firstImagePreview(instances, content);
}

describe('firstImagePreview', () => {
  it('asks for the image the stack opens on, at the window of its header', () => {
    // Head first: the slice at z = 0 is shown first, whatever the answer's order.
    const preview = previewOf([ctSlice('b', -10), ctSlice('a', 0), ctSlice('c', -20)]);
    expect(preview).toEqual({ sopInstanceUID: 'a', frame: 1, query: 'window=40,400,linear' });
  });

  it('reads the first of several windows, as Cornerstone does', () => {
    const preview = previewOf([
      ctSlice('a', 0, { '00281050': v('DS', '-600', '40'), '00281051': v('DS', '1500', '400') }),
    ]);
    expect(preview?.query).toBe('window=-600,1500,linear');
  });

  it('keeps decimals short and plain', () => {
    const preview = previewOf([
      ctSlice('a', 0, { '00281050': v('DS', 40.123456), '00281051': v('DS', '1e3') }),
    ]);
    expect(preview?.query).toBe('window=40.1235,1000,linear');
  });

  it('starts a multi-frame image at its first frame', () => {
    const us = ctSlice('cine', 0, { '00280008': v('IS', 30) });
    expect(previewOf([us])).toMatchObject({ sopInstanceUID: 'cine', frame: 1 });
  });

  it('has a large image scaled down by the source, keeping its aspect', () => {
    const mg = ctSlice('mg', 0, { '00280010': v('US', 4096), '00280011': v('US', 3328) });
    expect(previewOf([mg])?.query).toBe('window=40,400,linear&viewport=832,1024');
  });

  it.each([
    [
      'a PET without window',
      { '00080060': v('CS', 'PT'), '00281050': undefined, '00281051': undefined },
    ],
    ['a window without width', { '00281051': undefined }],
    ['a zero width', { '00281051': v('DS', 0) }],
    ['a text window', { '00281050': v('DS', '<script>') }],
    ['an absurd window', { '00281051': v('DS', 1e12) }],
    [
      'MONOCHROME1 without window',
      { '00280004': v('CS', 'MONOCHROME1'), '00281050': undefined, '00281051': undefined },
    ],
    ['colour', { '00280004': v('CS', 'RGB'), '00280002': v('US', 3) }],
    ['palette colour', { '00280004': v('CS', 'PALETTE COLOR') }],
    ['no photometric interpretation', { '00280004': undefined }],
    ['a sigmoid window', { '00281056': v('CS', 'SIGMOID') }],
    ['a VOI LUT', { '00283010': v('SQ', {}) }],
    ['a modality LUT', { '00283000': v('SQ', {}) }],
    ['rectangular pixels', { '00280030': v('DS', '0.5', '1.0') }],
    ['unreadable pixel spacing', { '00280030': v('DS', 'abc', 'def') }],
    ['no columns', { '00280011': undefined }],
  ])('waits for Cornerstone with %s', (_label, extra) => {
    const ds = Object.fromEntries(
      Object.entries(ctSlice('a', 0, extra)).filter(([, value]) => value !== undefined),
    );
    expect(previewOf([ds])).toBeNull();
  });

  it('has a MONOCHROME1 image windowed then inverted by the source, as by Cornerstone', () => {
    const cr = ctSlice('cr', 0, { '00280004': v('CS', 'MONOCHROME1') });
    expect(previewOf([cr])?.query).toBe('window=40,400,linear');
  });

  it('lets the source stretch min–max, as Cornerstone does, when the header has no window', () => {
    const us = ctSlice('us', 0, {
      '00080060': v('CS', 'US'),
      '00281050': undefined,
      '00281051': undefined,
    });
    const ds = Object.fromEntries(Object.entries(us).filter(([, x]) => x !== undefined));
    expect(previewOf([ds])).toEqual({ sopInstanceUID: 'us', frame: 1, query: '' });
  });

  it('reads spacing at the detector when the patient plane has none', () => {
    const cr = ctSlice('cr', 0, {
      '00280030': undefined,
      '00181164': v('DS', '0.1', '0.1'),
    });
    const ds = Object.fromEntries(Object.entries(cr).filter(([, x]) => x !== undefined));
    expect(previewOf([ds])?.sopInstanceUID).toBe('cr');
  });

  it('asks for nothing when the first frame has no instance in the answer', () => {
    const content = readSeries([ctSlice('a', 0)]);
    if (!content) throw new Error('no content');
    expect(firstImagePreview([], content)).toBeNull();
    expect(firstImagePreview([ctSlice('a', 0)], { ...content, frames: [] })).toBeNull();
  });
});

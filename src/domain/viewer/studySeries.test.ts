import { describe, expect, it } from 'vitest';
import type { DicomDataset } from '../dicom/dicomJson';
import { previewAheadOf, readStudySeries, samePreview } from './studySeries';

const OID = '1.2.250.1.213.1.4.10';
const MARIE = { issuer: OID, id: '258037512345653' };
const JEAN = { issuer: OID, id: '171115432101297' };
const v = (vr: string, ...Value: unknown[]) => ({ vr, Value });
const of = (who: { issuer: string; id: string }) => ({
  '00100020': v('LO', who.id),
  '00100021': v('LO', who.issuer),
});
const row = (uid: string, count: number, who = MARIE): DicomDataset => ({
  '0020000E': v('UI', uid),
  '00080060': v('CS', 'CT'),
  '00201209': v('IS', count),
  ...of(who),
});
const slice = (n: number, who = MARIE): DicomDataset => ({
  '00080018': v('UI', `9.${n}`),
  '00200032': v('DS', 0, 0, -n),
  '00200037': v('DS', 1, 0, 0, 0, 1, 0),
  '00280004': v('CS', 'MONOCHROME2'),
  '00280010': v('US', 512),
  '00280011': v('US', 512),
  '00281050': v('DS', 40),
  '00281051': v('DS', 400),
  ...of(who),
});

describe('readStudySeries', () => {
  it('merges a series UID listed twice, counts added up', () => {
    const split = readStudySeries([row('9', 2), row('9', 3)], { mayChoose: true });
    expect(split).toMatchObject({ kind: 'open', series: [{ numberOfInstances: 5 }] });
  });

  it('is null when no row can be read, and sorts two persons as the viewer does', () => {
    expect(readStudySeries([{ '00080060': v('CS', 'CT') }], { mayChoose: true })).toBeNull();
    const mixed = [row('1', 2), row('2', 3, JEAN)];
    expect(readStudySeries(mixed, { mayChoose: true })?.kind).toBe('choose');
    expect(readStudySeries(mixed, { patient: [MARIE], mayChoose: true })).toMatchObject({
      kind: 'open',
      series: [{ seriesInstanceUID: '1' }],
      setAside: 1,
    });
  });
});

describe('previewAheadOf', () => {
  it('names the first image as the viewer will, held to the patient', () => {
    expect(previewAheadOf([slice(1), slice(0)], [MARIE])).toEqual({
      sopInstanceUID: '9.0',
      frame: 1,
      query: 'window=40,400,linear',
    });
    // Another person's slice on top is never the preview.
    expect(previewAheadOf([slice(0, JEAN), slice(1)], [MARIE])?.sopInstanceUID).toBe('9.1');
  });

  it('names none when numbers the viewer reads back from the files were lost', () => {
    const lost = { ...slice(1), '00200032': { vr: 'DS', Value: [] } };
    expect(previewAheadOf([slice(0), lost], [MARIE])).toBeNull();
  });
});

describe('samePreview', () => {
  it('is the same image, frame and rendering', () => {
    const a = { sopInstanceUID: '9.0', frame: 1, query: 'window=40,400,linear' };
    expect(samePreview(a, { ...a })).toBe(true);
    expect(samePreview(a, { ...a, frame: 2 })).toBe(false);
    expect(samePreview(a, { ...a, sopInstanceUID: '9.1' })).toBe(false);
    expect(samePreview(a, { ...a, query: '' })).toBe(false);
  });
});

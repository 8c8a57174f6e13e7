import { describe, expect, it } from 'vitest';
import type { DoseObject, SegmentationObject } from '../../../domain/viewer/derivedObjects';
import { imagePlaneOf } from '../../../domain/viewer/patientPlane';
import type { LoadedSeries } from '../session/seriesState';
import { doseContent, segmentationContent } from './derivedContent';

/** A 3-slice axial stack, z 0, 2.5, 5 (only what the mapping reads). */
const ct = {
  frames: [0, 2.5, 5].map((z, k) => ({
    sopInstanceUID: `ct.${k}`,
    frame: 1,
    instanceNumber: k + 1,
    imagePositionPatient: [0, 0, z],
    imageOrientationPatient: [1, 0, 0, 0, 1, 0],
  })),
} as unknown as LoadedSeries;

const plane = (z: number) => imagePlaneOf([0, 0, z], [1, 0, 0, 0, 1, 0], [1, 1]);

function seg(frames: { z: number; source?: string }[]): SegmentationObject {
  return {
    kind: 'segmentation',
    sopInstanceUID: 'seg',
    type: 'BINARY',
    maxFractional: 1,
    rows: 1,
    columns: 8,
    bitsAllocated: 1,
    segments: [{ number: 1, label: 'A', colorRgb: [255, 0, 0] }],
    frames: frames.map((f, i) => ({
      frame: i + 1,
      segmentNumber: 1,
      sourceSopInstanceUIDs: f.source ? [f.source] : [],
      position: [0, 0, f.z],
    })),
    planes: frames.map((f) => plane(f.z)),
    referencedSeriesInstanceUID: 'ct',
    frameOfReferenceUID: null,
  };
}

describe('segmentationContent', () => {
  it('puts each frame on its slice and counts those on none', () => {
    const c = segmentationContent(
      seg([{ z: 5 }, { z: 0, source: 'ct.1' }, { z: 40 }]),
      new Uint8Array([1, 2, 4]),
      ct,
    );
    expect([...c.framesBySlice.entries()]).toEqual([
      [2, [1]],
      [1, [2]],
    ]);
    expect(c.unmatched).toBe(1);
    expect([...(c.coverage[1] ?? [])]).toEqual([0, 1, 0, 0, 0, 0, 0, 0]);
  });

  it('refuses a segmentation none of whose frames lies on a slice', () => {
    expect(() => segmentationContent(seg([{ z: 40 }]), new Uint8Array(1), ct)).toThrow('noFrames');
  });

  it('alone, groups its frames by plane in order along the normal', () => {
    const c = segmentationContent(seg([{ z: 9 }, { z: 3 }, { z: 9 }]), new Uint8Array(3), null);
    expect([...c.framesBySlice.entries()]).toEqual([
      [0, [2]],
      [1, [1, 3]],
    ]);
    expect(c.ownPlanes.map((p) => p.position[2])).toEqual([3, 9]);
  });
});

describe('doseContent', () => {
  it('finds the maximum, where it lies, and its isodose levels', () => {
    const dose: DoseObject = {
      kind: 'dose',
      sopInstanceUID: 'd',
      rows: 2,
      columns: 2,
      frames: 2,
      plane: imagePlaneOf([-10, -20, -100], [1, 0, 0, 0, 1, 0], [4, 5])!,
      offsets: [0, 5],
      scaling: 1e-3,
      units: 'GY',
      bitsAllocated: 32,
      signed: false,
      frameOfReferenceUID: null,
    };
    // Largest stored value in frame 2, row 1, column 0.
    const stored = new Uint32Array([1, 2, 3, 4, 5, 6, 60000, 8]);
    const c = doseContent(dose, new Uint8Array(stored.buffer));
    expect(c.max.dose).toBeCloseTo(60, 6);
    expect(c.max.at).toEqual([-10, -16, -95]);
    expect(c.levels.map((l) => l.dose)).toEqual([57, 48, 30, 12].map((d) => expect.closeTo(d, 6)));
  });
});

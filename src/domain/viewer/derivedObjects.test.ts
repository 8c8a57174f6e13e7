import { describe, expect, it } from 'vitest';
import type { DicomDataset } from '../dicom/dicomJson';
import {
  DerivedObjectError,
  derivedKind,
  doseStoredValues,
  readDose,
  readSegmentation,
  readStructureSet,
  segFrameCoverage,
  segPixelBytes,
  type DerivedProblem,
} from './derivedObjects';

const v = (vr: string, ...Value: unknown[]) => ({ vr, Value });
const sq = (...items: DicomDataset[]) => ({ vr: 'SQ', Value: items });

describe('derivedKind', () => {
  const cases: [string, string | null][] = [
    ['SEG', 'segmentation'],
    ['RTSTRUCT', 'structureSet'],
    [' rtdose ', 'dose'],
    ['CT', null],
    ['KO', null],
    ['', null],
    ['toString', null],
  ];
  for (const [m, kind] of cases)
    it(`${JSON.stringify(m)} → ${kind}`, () => expect(derivedKind(m)).toBe(kind));
});

function frameItem(sop: string | null, z: number, segment: number): DicomDataset {
  return {
    '00089124': sop ? sq({ '00082112': sq({ '00081155': v('UI', sop) }) }) : sq(),
    '00209113': sq({ '00200032': v('DS', -100, -100, z) }),
    '0062000A': sq({ '0062000B': v('US', segment) }),
  };
}

function seg(over: Record<string, unknown> = {}): DicomDataset {
  return {
    '00080018': v('UI', '9.1'),
    '00620001': v('CS', 'BINARY'),
    '00280100': v('US', 1),
    '00280010': v('US', 2),
    '00280011': v('US', 3),
    '00280008': v('IS', 2),
    '00081115': sq({ '0020000E': v('UI', '1.2.ct') }),
    '00620002': sq(
      {
        '00620004': v('US', 1),
        '00620005': v('LO', 'Foie'),
        '0062000D': v('US', 65535, 32896, 32896),
      },
      { '00620004': v('US', 2), '00620005': v('LO', 'Rate') },
    ),
    '52009229': sq({
      '00209116': sq({ '00200037': v('DS', 1, 0, 0, 0, 1, 0) }),
      '00289110': sq({ '00280030': v('DS', 0.5, 0.5) }),
    }),
    '52009230': v('SQ', frameItem('1.2.ct.7', 10, 1), frameItem(null, 12.5, 2)),
    ...over,
  };
}

describe('readSegmentation', () => {
  it('reads segments, colours and each frame’s source, position and plane', () => {
    const s = readSegmentation(seg());
    expect(s.segments).toEqual([
      { number: 1, label: 'Foie', colorRgb: [255, 255, 255] },
      { number: 2, label: 'Rate', colorRgb: expect.any(Array) },
    ]);
    expect(s.referencedSeriesInstanceUID).toBe('1.2.ct');
    expect(s.frames).toEqual([
      {
        frame: 1,
        segmentNumber: 1,
        sourceSopInstanceUIDs: ['1.2.ct.7'],
        position: [-100, -100, 10],
      },
      { frame: 2, segmentNumber: 2, sourceSopInstanceUIDs: [], position: [-100, -100, 12.5] },
    ]);
    expect(s.planes[1]?.rowSpacing).toBe(0.5);
  });

  const bad: { name: string; over: Record<string, unknown>; problem: DerivedProblem }[] = [
    {
      name: 'BINARY stored on 8 bits',
      over: { '00280100': v('US', 8) },
      problem: 'unsupportedEncoding',
    },
    {
      name: 'LABELMAP (not read yet)',
      over: { '00620001': v('CS', 'LABELMAP') },
      problem: 'unsupportedEncoding',
    },
    { name: 'no segment', over: { '00620002': sq() }, problem: 'noSegments' },
    { name: 'no frame', over: { '00280008': v('IS', 0), '52009230': sq() }, problem: 'noFrames' },
  ];
  for (const c of bad) {
    it(`refuses ${c.name}`, () => {
      expect(() => readSegmentation(seg(c.over))).toThrow(new DerivedObjectError(c.problem));
    });
  }

  it('reads one frame when NumberOfFrames is absent, whatever the per-frame items', () => {
    const s = readSegmentation(seg({ '00280008': undefined }));
    expect(s.frames.map((f) => f.frame)).toEqual([1]);
  });

  it('reads FRACTIONAL on 8 bits with its MaximumFractionalValue', () => {
    const s = readSegmentation(
      seg({ '00620001': v('CS', 'FRACTIONAL'), '00280100': v('US', 8), '0062000E': v('US', 200) }),
    );
    expect(segFrameCoverage(Uint8Array.from([0, 100, 200, 255, 0, 0]), s, 1)).toEqual(
      Float32Array.from([0, 0.5, 1, 1, 0, 0]),
    );
  });
});

describe('segFrameCoverage (BINARY)', () => {
  // 2 × 3 frames, packed with no padding: frame 1 = bits 0–5, frame 2 = bits 6–11.
  const geometry = { rows: 2, columns: 3, bitsAllocated: 1, maxFractional: 1 };
  const bytes = Uint8Array.from([0b1100_0101, 0b0000_1001]);
  const cases: { frame: number; mask: number[] }[] = [
    { frame: 1, mask: [1, 0, 1, 0, 0, 0] },
    { frame: 2, mask: [1, 1, 1, 0, 0, 1] },
  ];
  for (const c of cases) {
    it(`frame ${c.frame}`, () =>
      expect([...segFrameCoverage(bytes, geometry, c.frame)]).toEqual(c.mask));
  }
  it('segPixelBytes rounds the bits up', () => {
    expect(segPixelBytes({ ...geometry, frames: [{}, {}] as never })).toBe(2);
  });
});

function contour(points: number[], sop?: string): DicomDataset {
  return {
    '30060050': v('DS', ...points),
    ...(sop ? { '30060016': sq({ '00081155': v('UI', sop) }) } : {}),
  };
}

function rtstruct(contours: DicomDataset[]): DicomDataset {
  return {
    '00080018': v('UI', '9.2'),
    '30060020': sq({ '30060022': v('IS', 3), '30060026': v('LO', 'PTV') }),
    '30060039': sq({
      '30060084': v('IS', 3),
      '3006002A': v('IS', 255, 0, 128),
      '30060040': v('SQ', ...contours),
    }),
    '30060010': sq({ '30060012': sq({ '30060014': sq({ '0020000E': v('UI', '1.2.ct') }) }) }),
  };
}

describe('readStructureSet', () => {
  it('reads ROIs, names, colours, contours and the referenced series', () => {
    const s = readStructureSet(rtstruct([contour([0, 0, 1, 1, 0, 1, 1, 1, 1], '1.2.ct.3')]));
    expect(s.referencedSeriesInstanceUID).toBe('1.2.ct');
    expect(s.rois).toEqual([
      {
        number: 3,
        name: 'PTV',
        colorRgb: [255, 0, 128],
        contours: [
          {
            points: [
              [0, 0, 1],
              [1, 0, 1],
              [1, 1, 1],
            ],
            referencedSopInstanceUIDs: ['1.2.ct.3'],
          },
        ],
      },
    ]);
    expect(s.emptyContours).toBe(0);
  });

  it('leaves an empty contour out and counts it', () => {
    const s = readStructureSet(rtstruct([contour([]), contour([0, 0, 1, 1, 0, 1, 1, 1, 1])]));
    expect(s.emptyContours).toBe(1);
    expect(s.rois[0]?.contours).toHaveLength(1);
  });

  it('refuses a set whose contours are all empty', () => {
    expect(() => readStructureSet(rtstruct([contour([])]))).toThrow(
      new DerivedObjectError('noContours'),
    );
  });
});

function rtdose(over: Record<string, unknown> = {}): DicomDataset {
  return {
    '00080018': v('UI', '9.3'),
    '00280010': v('US', 1),
    '00280011': v('US', 2),
    '00280008': v('IS', 2),
    '00280100': v('US', 32),
    '00280103': v('US', 0),
    '00200032': v('DS', 0, 0, -10),
    '00200037': v('DS', 1, 0, 0, 0, 1, 0),
    '00280030': v('DS', 10, 10),
    '3004000C': v('DS', 0, 5),
    '3004000E': v('DS', 1e-3),
    '30040002': v('CS', 'GY'),
    ...over,
  };
}

describe('readDose', () => {
  it('reads the grid and its scaling', () => {
    const d = readDose(rtdose());
    expect(d).toMatchObject({
      rows: 1,
      columns: 2,
      frames: 2,
      offsets: [0, 5],
      scaling: 1e-3,
      units: 'GY',
    });
    const bytes = new Uint8Array(new Uint32Array([0, 1000, 2000, 70000]).buffer);
    expect([...doseStoredValues(bytes, d)]).toEqual([0, 1000, 2000, 70000]);
  });

  const bad: { name: string; over: Record<string, unknown>; problem: DerivedProblem }[] = [
    { name: 'no DoseGridScaling', over: { '3004000E': undefined }, problem: 'noScaling' },
    { name: 'a zero DoseGridScaling', over: { '3004000E': v('DS', 0) }, problem: 'noScaling' },
    { name: 'no orientation', over: { '00200037': undefined }, problem: 'noGeometry' },
    {
      name: 'an offset vector of the wrong length',
      over: { '3004000C': v('DS', 0) },
      problem: 'noGeometry',
    },
    { name: '8-bit doses', over: { '00280100': v('US', 8) }, problem: 'unsupportedEncoding' },
  ];
  for (const c of bad) {
    it(`refuses ${c.name}`, () =>
      expect(() => readDose(rtdose(c.over))).toThrow(new DerivedObjectError(c.problem)));
  }

  it('refuses pixel data shorter than the grid', () => {
    expect(() => doseStoredValues(new Uint8Array(4), readDose(rtdose()))).toThrow(
      new DerivedObjectError('noPixels'),
    );
  });
});

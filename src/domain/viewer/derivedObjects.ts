// Objects laid over a study's images rather than read on their own: a segmentation (SEG), a
// structure set (RTSTRUCT) and a radiotherapy dose grid (RTDOSE). Told apart by the series'
// Modality, which the list (QIDO) gives before any metadata (the IODs fix it, PS3.3
// C.8.20.1, C.8.8.5.1, C.8.8.1), then read from their DICOM JSON metadata (PS3.18 F.2) and,
// for SEG and RTDOSE, their pixel data fetched as bulk data.
import { num, seq, str, strs, type DicomDataset } from '../dicom/dicomJson';
import { dicomLabToRgb } from './cielab';
import { contourPoints } from './contourGeometry';
import { imagePlaneOf, type ImagePlane, type Vec3 } from './patientPlane';
import type { SegFrame } from './segmentationFrames';

export type DerivedKind = 'segmentation' | 'structureSet' | 'dose';

const BY_MODALITY: Readonly<Record<string, DerivedKind>> = {
  SEG: 'segmentation',
  RTSTRUCT: 'structureSet',
  RTDOSE: 'dose',
};

/** What kind of derived object a series is, from its Modality; null for anything else. */
export function derivedKind(modality: string): DerivedKind | null {
  const m = modality.trim().toUpperCase();
  return Object.hasOwn(BY_MODALITY, m) ? (BY_MODALITY[m] ?? null) : null;
}

/**
 * Why an object cannot be drawn; each has its French sentence (locales `derived.problem.*`).
 * The rest of the viewer works regardless.
 */
export type DerivedProblem =
  | 'unsupportedEncoding'
  | 'noSegments'
  | 'noFrames'
  | 'noGeometry'
  | 'noScaling'
  | 'noContours'
  | 'noPixels';

export class DerivedObjectError extends Error {
  constructor(readonly problem: DerivedProblem) {
    super(problem);
  }
}

const T = {
  SOPInstanceUID: '00080018',
  ReferencedSOPInstanceUID: '00081155',
  ReferencedSeriesSequence: '00081115',
  SeriesInstanceUID: '0020000E',
  FrameOfReferenceUID: '00200052',
  ImagePositionPatient: '00200032',
  ImageOrientationPatient: '00200037',
  PixelSpacing: '00280030',
  NumberOfFrames: '00280008',
  Rows: '00280010',
  Columns: '00280011',
  BitsAllocated: '00280100',
  PixelRepresentation: '00280103',
  SegmentationType: '00620001',
  SegmentSequence: '00620002',
  SegmentNumber: '00620004',
  SegmentLabel: '00620005',
  RecommendedDisplayCIELabValue: '0062000D',
  MaximumFractionalValue: '0062000E',
  SegmentIdentificationSequence: '0062000A',
  ReferencedSegmentNumber: '0062000B',
  SharedFunctionalGroups: '52009229',
  PerFrameFunctionalGroups: '52009230',
  DerivationImageSequence: '00089124',
  SourceImageSequence: '00082112',
  PlanePositionSequence: '00209113',
  PlaneOrientationSequence: '00209116',
  PixelMeasuresSequence: '00289110',
  StructureSetROISequence: '30060020',
  ROINumber: '30060022',
  ROIName: '30060026',
  ROIContourSequence: '30060039',
  ROIDisplayColor: '3006002A',
  ReferencedROINumber: '30060084',
  ContourSequence: '30060040',
  ContourImageSequence: '30060016',
  ContourData: '30060050',
  ReferencedFrameOfReferenceSequence: '30060010',
  RTReferencedStudySequence: '30060012',
  RTReferencedSeriesSequence: '30060014',
  GridFrameOffsetVector: '3004000C',
  DoseGridScaling: '3004000E',
  DoseUnits: '30040002',
} as const;

/** Every value of a numeric attribute (US, DS, IS, FD), NaN-free; [] when absent. */
export function nums(ds: unknown, tag: string): number[] {
  return strs(ds, tag)
    .map(Number)
    .filter((n) => Number.isFinite(n));
}

/** A segment's colour when the object recommends none: distinct, readable over grey. */
const FALLBACK_COLOURS: readonly [number, number, number][] = [
  [230, 25, 75],
  [60, 180, 75],
  [255, 225, 25],
  [0, 130, 200],
  [245, 130, 48],
  [145, 30, 180],
];

function fallbackColour(n: number): [number, number, number] {
  return FALLBACK_COLOURS[(Math.max(1, n) - 1) % FALLBACK_COLOURS.length] ?? [255, 0, 0];
}

export interface SegmentInfo {
  number: number;
  label: string;
  colorRgb: [number, number, number];
}

export interface SegmentationObject {
  kind: 'segmentation';
  sopInstanceUID: string;
  type: 'BINARY' | 'FRACTIONAL';
  /** FRACTIONAL: the stored value meaning « wholly inside ». */
  maxFractional: number;
  rows: number;
  columns: number;
  bitsAllocated: number;
  segments: SegmentInfo[];
  frames: SegFrame[];
  /** Each frame's plane (index = frame − 1), null when the object does not place it. */
  planes: (ImagePlane | null)[];
  referencedSeriesInstanceUID: string | null;
  frameOfReferenceUID: string | null;
}

function firstOf(ds: DicomDataset, tag: string): DicomDataset | undefined {
  return seq(ds, tag)[0];
}

/** A functional group's macro item: the frame's own, else the shared one. */
function macro(
  perFrame: DicomDataset | undefined,
  shared: DicomDataset | undefined,
  tag: string,
): DicomDataset | undefined {
  return (perFrame && firstOf(perFrame, tag)) ?? (shared && firstOf(shared, tag));
}

function referencedSeriesOf(ds: DicomDataset): string | null {
  return str(firstOf(ds, T.ReferencedSeriesSequence), T.SeriesInstanceUID) || null;
}

export function readSegmentation(ds: DicomDataset): SegmentationObject {
  const type = str(ds, T.SegmentationType).toUpperCase();
  const bitsAllocated = num(ds, T.BitsAllocated) ?? 0;
  // BINARY is 1 bit per pixel, FRACTIONAL 8 (PS3.3 C.8.20.2); anything else — and the
  // LABELMAP type of later editions — is said, not guessed at.
  if (!(
    (type === 'BINARY' && bitsAllocated === 1) ||
    (type === 'FRACTIONAL' && bitsAllocated === 8)
  )) {
    throw new DerivedObjectError('unsupportedEncoding');
  }
  const rows = num(ds, T.Rows) ?? 0;
  const columns = num(ds, T.Columns) ?? 0;
  const segments = seq(ds, T.SegmentSequence).map((item): SegmentInfo => {
    const number = num(item, T.SegmentNumber) ?? 0;
    const lab = nums(item, T.RecommendedDisplayCIELabValue);
    return {
      number,
      label: str(item, T.SegmentLabel) || String(number),
      colorRgb:
        lab.length === 3 ? dicomLabToRgb([lab[0]!, lab[1]!, lab[2]!]) : fallbackColour(number),
    };
  });
  if (segments.length === 0) throw new DerivedObjectError('noSegments');
  const shared = firstOf(ds, T.SharedFunctionalGroups);
  const perFrame = seq(ds, T.PerFrameFunctionalGroups);
  // Absent, NumberOfFrames is 1 (PS3.3 C.7.6.6): the real liver_1frame.dcm lists three
  // per-frame items over the single frame its pixel data holds.
  const count = num(ds, T.NumberOfFrames) ?? 1;
  if (count === 0 || rows === 0 || columns === 0) throw new DerivedObjectError('noFrames');
  const frames: SegFrame[] = [];
  const planes: (ImagePlane | null)[] = [];
  for (let i = 0; i < count; i++) {
    const item = perFrame[i];
    const segmentNumber =
      num(macro(item, shared, T.SegmentIdentificationSequence), T.ReferencedSegmentNumber) ??
      (segments.length === 1 ? (segments[0]?.number ?? 1) : 0);
    const sources = (item ? seq(item, T.DerivationImageSequence) : []).flatMap((d) =>
      seq(d, T.SourceImageSequence).map((s) => str(s, T.ReferencedSOPInstanceUID)),
    );
    const position = nums(macro(item, shared, T.PlanePositionSequence), T.ImagePositionPatient);
    const plane = imagePlaneOf(
      position,
      nums(macro(item, shared, T.PlaneOrientationSequence), T.ImageOrientationPatient),
      nums(macro(item, shared, T.PixelMeasuresSequence), T.PixelSpacing),
    );
    frames.push({
      frame: i + 1,
      segmentNumber,
      sourceSopInstanceUIDs: sources.filter((s) => s !== ''),
      position: position.length >= 3 ? [position[0]!, position[1]!, position[2]!] : null,
    });
    planes.push(plane);
  }
  return {
    kind: 'segmentation',
    sopInstanceUID: str(ds, T.SOPInstanceUID),
    type: type as 'BINARY' | 'FRACTIONAL',
    maxFractional: num(ds, T.MaximumFractionalValue) ?? 255,
    rows,
    columns,
    bitsAllocated,
    segments,
    frames,
    planes,
    referencedSeriesInstanceUID: referencedSeriesOf(ds),
    frameOfReferenceUID: str(ds, T.FrameOfReferenceUID) || null,
  };
}

/**
 * Frame `frame` (1-based) of a SEG's pixel data as coverage 0–1 per pixel. BINARY frames are
 * packed bit after bit, least significant first, with no padding between frames (PS3.5 8.1.1).
 */
export function segFrameCoverage(
  pixelData: Uint8Array,
  seg: Pick<SegmentationObject, 'rows' | 'columns' | 'bitsAllocated' | 'maxFractional'>,
  frame: number,
): Float32Array {
  const size = seg.rows * seg.columns;
  const out = new Float32Array(size);
  if (seg.bitsAllocated === 1) {
    const start = (frame - 1) * size;
    for (let i = 0; i < size; i++) {
      const bit = start + i;
      out[i] = ((pixelData[bit >> 3] ?? 0) >> (bit & 7)) & 1;
    }
    return out;
  }
  const start = (frame - 1) * size;
  const max = seg.maxFractional > 0 ? seg.maxFractional : 255;
  for (let i = 0; i < size; i++) out[i] = Math.min(1, (pixelData[start + i] ?? 0) / max);
  return out;
}

/** Bytes a SEG's pixel data must hold for all its frames. */
export function segPixelBytes(
  seg: Pick<SegmentationObject, 'rows' | 'columns' | 'bitsAllocated' | 'frames'>,
): number {
  const bits = seg.rows * seg.columns * seg.frames.length * seg.bitsAllocated;
  return Math.ceil(bits / 8);
}

export interface RoiContour {
  points: Vec3[];
  referencedSopInstanceUIDs: string[];
}

export interface StructureRoi {
  number: number;
  name: string;
  colorRgb: [number, number, number];
  contours: RoiContour[];
}

export interface StructureSetObject {
  kind: 'structureSet';
  sopInstanceUID: string;
  rois: StructureRoi[];
  referencedSeriesInstanceUID: string | null;
  /** Contours with no point (or fewer than one whole one): left out, and said. */
  emptyContours: number;
}

export function readStructureSet(ds: DicomDataset): StructureSetObject {
  const names = new Map<number, string>();
  for (const item of seq(ds, T.StructureSetROISequence)) {
    const n = num(item, T.ROINumber);
    if (n !== null) names.set(n, str(item, T.ROIName));
  }
  let emptyContours = 0;
  const rois: StructureRoi[] = [];
  for (const item of seq(ds, T.ROIContourSequence)) {
    const number = num(item, T.ReferencedROINumber) ?? 0;
    const colour = nums(item, T.ROIDisplayColor);
    const contours: RoiContour[] = [];
    for (const c of seq(item, T.ContourSequence)) {
      const points = contourPoints(nums(c, T.ContourData));
      if (points.length === 0) {
        emptyContours++;
        continue;
      }
      contours.push({
        points,
        referencedSopInstanceUIDs: seq(c, T.ContourImageSequence)
          .map((r) => str(r, T.ReferencedSOPInstanceUID))
          .filter((s) => s !== ''),
      });
    }
    rois.push({
      number,
      name: names.get(number) || String(number),
      colorRgb:
        colour.length === 3
          ? ([colour[0]!, colour[1]!, colour[2]!].map((v) => Math.min(255, Math.max(0, v))) as [
              number,
              number,
              number,
            ])
          : fallbackColour(number),
      contours,
    });
  }
  if (rois.every((r) => r.contours.length === 0)) throw new DerivedObjectError('noContours');
  const series =
    seq(ds, T.ReferencedFrameOfReferenceSequence)
      .flatMap((f) => seq(f, T.RTReferencedStudySequence))
      .flatMap((s) => seq(s, T.RTReferencedSeriesSequence))
      .map((s) => str(s, T.SeriesInstanceUID))
      .find((s) => s !== '') ?? null;
  return {
    kind: 'structureSet',
    sopInstanceUID: str(ds, T.SOPInstanceUID),
    rois,
    referencedSeriesInstanceUID: series,
    emptyContours,
  };
}

export interface DoseObject {
  kind: 'dose';
  sopInstanceUID: string;
  rows: number;
  columns: number;
  frames: number;
  plane: ImagePlane;
  offsets: number[];
  scaling: number;
  /** DoseUnits: 'GY' or 'RELATIVE'. */
  units: string;
  bitsAllocated: number;
  signed: boolean;
  frameOfReferenceUID: string | null;
}

export function readDose(ds: DicomDataset): DoseObject {
  const scaling = num(ds, T.DoseGridScaling);
  if (scaling === null || !(scaling > 0)) throw new DerivedObjectError('noScaling');
  const bitsAllocated = num(ds, T.BitsAllocated) ?? 0;
  if (bitsAllocated !== 16 && bitsAllocated !== 32)
    throw new DerivedObjectError('unsupportedEncoding');
  const plane = imagePlaneOf(
    nums(ds, T.ImagePositionPatient),
    nums(ds, T.ImageOrientationPatient),
    nums(ds, T.PixelSpacing),
  );
  if (!plane) throw new DerivedObjectError('noGeometry');
  const rows = num(ds, T.Rows) ?? 0;
  const columns = num(ds, T.Columns) ?? 0;
  const frames = num(ds, T.NumberOfFrames) ?? 1;
  const offsets = nums(ds, T.GridFrameOffsetVector);
  if (rows === 0 || columns === 0 || (frames > 1 && offsets.length !== frames)) {
    throw new DerivedObjectError('noGeometry');
  }
  return {
    kind: 'dose',
    sopInstanceUID: str(ds, T.SOPInstanceUID),
    rows,
    columns,
    frames,
    plane,
    offsets: offsets.length > 0 ? offsets : [0],
    scaling,
    units: str(ds, T.DoseUnits).toUpperCase(),
    bitsAllocated,
    signed: num(ds, T.PixelRepresentation) === 1,
    frameOfReferenceUID: str(ds, T.FrameOfReferenceUID) || null,
  };
}

/** A dose grid's stored values from its pixel data (little endian, as the source sends it). */
export function doseStoredValues(
  pixelData: Uint8Array,
  dose: Pick<DoseObject, 'rows' | 'columns' | 'frames' | 'bitsAllocated' | 'signed'>,
): Float64Array {
  const count = dose.rows * dose.columns * dose.frames;
  const bytes = dose.bitsAllocated / 8;
  if (pixelData.byteLength < count * bytes) throw new DerivedObjectError('noPixels');
  const view = new DataView(pixelData.buffer, pixelData.byteOffset, pixelData.byteLength);
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const o = i * bytes;
    out[i] =
      bytes === 4
        ? dose.signed
          ? view.getInt32(o, true)
          : view.getUint32(o, true)
        : dose.signed
          ? view.getInt16(o, true)
          : view.getUint16(o, true);
  }
  return out;
}

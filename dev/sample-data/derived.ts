// Derived objects over a generated CT (issue 20): a DICOM SEG whose segments are exactly the
// phantom shapes' voxels, an RTSTRUCT whose contours circle them, and an RTDOSE whose
// maximum sits on a known grid point. Each comes with the truth the manifest publishes.
import dcmjs from 'dcmjs';
import type { NaturalDataset } from 'dcmjs';
import { uidFor } from './determinism';
import { baseDataset, ds, SOP_CLASS, type SeriesContext, type StudyContext } from './dicom-objects';
import type {
  CrossSectionTruth,
  ManifestDose,
  ManifestSegmentation,
  ManifestStructureSet,
  PhantomShape,
} from './manifest';
import { shapeAt, slicePixelCenter, type CrossSectionPhantom } from './phantoms';
import type { CrossSectionSeries, DerivedObjectsPlan } from './plan';

type Vec3 = [number, number, number];
type Rgb = [number, number, number];

/** The CT the objects lie over, as generated. */
export interface ReferencedCt {
  plan: CrossSectionSeries;
  phantom: CrossSectionPhantom;
  seriesInstanceUID: string;
  frameOfReferenceUID: string;
  /** SOP Instance UID of slice k (0-based; InstanceNumber k + 1). */
  sopInstanceUID: (k: number) => string;
}

export interface DerivedFile {
  seriesNumber: number;
  modality: 'SEG' | 'RTSTRUCT' | 'RTDOSE';
  dataset: NaturalDataset;
}

export interface DerivedResult {
  datasets: DerivedFile[];
  segmentations: ManifestSegmentation[];
  structureSets: ManifestStructureSet[];
  doses: ManifestDose[];
}

const round4 = (n: number): number => Number(n.toFixed(4));

const code = (value: string, scheme: string, meaning: string): NaturalDataset => ({
  CodeValue: value,
  CodingSchemeDesignator: scheme,
  CodeMeaning: meaning,
});

/** Segment categories and types (SNOMED CT) by the phantom shape a segment covers. */
const SEGMENT_CODES: Record<string, { category: NaturalDataset; type: NaturalDataset }> = {
  'bone sphere': {
    category: code('85756007', 'SCT', 'Tissue'),
    type: code('272673000', 'SCT', 'Bone'),
  },
  spine: {
    category: code('123037004', 'SCT', 'Anatomical Structure'),
    type: code('421060004', 'SCT', 'Spinal column'),
  },
};

/**
 * RecommendedDisplayCIELabValue from sRGB, and the sRGB a reader gets back from it (what the
 * manifest publishes: the colour a viewer shows, not the one the plan asked for).
 */
export function dicomLab(rgb: Rgb): { lab: number[]; rgb: Rgb } {
  const lab = dcmjs.data.Colors.rgb82DICOMLAB(rgb).map((v) => Math.round(v));
  const back = dcmjs.data.Colors.dicomlab2RGB8(lab).map((v) => Math.round(v)) as Rgb;
  return { lab, rgb: back };
}

function shapeOf(truth: CrossSectionTruth, label: string): PhantomShape {
  const s = truth.shapes.find((x) => x.label === label);
  if (!s) throw new Error(`no phantom shape '${label}'`);
  return s;
}

/** The slices (0-based) whose plane crosses the sphere `around`. */
function slicesAround(ct: ReferencedCt, around: string): number[] {
  const s = shapeOf(ct.phantom.truth, around);
  if (s.kind !== 'sphere') throw new Error(`'${around}' must be a sphere`);
  const out: number[] = [];
  for (const [k, g] of ct.phantom.slices.entries()) {
    if (Math.abs(g.imagePositionPatient[2] - s.centerMm[2]) < s.radiusMm) out.push(k);
  }
  return out;
}

function sliceZ(ct: ReferencedCt, k: number): number {
  const g = ct.phantom.slices[k];
  if (!g) throw new Error(`no slice ${k}`);
  return g.imagePositionPatient[2];
}

/**
 * The pixels of an axial slice that can hold the shape (its bounding box, one pixel wider):
 * only those are tested, which keeps the generator fast on 512² slices.
 */
function pixelBox(
  ct: ReferencedCt,
  k: number,
  shape: PhantomShape,
): { c0: number; c1: number; r0: number; r1: number } {
  const g = ct.phantom.slices[k];
  if (!g) throw new Error(`no slice ${k}`);
  if (g.imageOrientationPatient.join() !== '1,0,0,0,1,0') throw new Error('axial CTs only');
  const [minX, minY, maxX, maxY] =
    shape.kind === 'box'
      ? [shape.minMm[0], shape.minMm[1], shape.maxMm[0], shape.maxMm[1]]
      : [
          shape.centerMm[0] - shape.radiusMm,
          shape.centerMm[1] - shape.radiusMm,
          shape.centerMm[0] + shape.radiusMm,
          shape.centerMm[1] + shape.radiusMm,
        ];
  const [ox, oy] = g.imagePositionPatient;
  const ps = g.pixelSpacingMm;
  const n = ct.plan.size;
  const clamp = (v: number) => Math.min(n - 1, Math.max(0, v));
  return {
    c0: clamp(Math.floor((minX - ox) / ps) - 1),
    c1: clamp(Math.ceil((maxX - ox) / ps) + 1),
    r0: clamp(Math.floor((minY - oy) / ps) - 1),
    r1: clamp(Math.ceil((maxY - oy) / ps) + 1),
  };
}

/** Pixels of slice k showing the shape (as the CT draws it: later shapes win). */
function shapeMask(ct: ReferencedCt, k: number, label: string): Uint8Array {
  const n = ct.plan.size;
  const mask = new Uint8Array(n * n);
  const { c0, c1, r0, r1 } = pixelBox(ct, k, shapeOf(ct.phantom.truth, label));
  for (let row = r0; row <= r1; row++) {
    for (let col = c0; col <= c1; col++) {
      const p = slicePixelCenter(ct.phantom, k, col, row);
      if (shapeAt(ct.phantom.truth, p)?.label === label) mask[row * n + col] = 1;
    }
  }
  return mask;
}

/**
 * Fraction (0–1) of each pixel's square inside the sphere on slice k's plane, by 8×8
 * sub-samples near the edge (pixels well inside or outside are 1 or 0 outright).
 */
function sphereFractions(ct: ReferencedCt, k: number, label: string): Float64Array {
  const s = shapeOf(ct.phantom.truth, label);
  if (s.kind !== 'sphere') throw new Error(`'${label}' must be a sphere`);
  const n = ct.plan.size;
  const out = new Float64Array(n * n);
  const dz = sliceZ(ct, k) - s.centerMm[2];
  const r2 = s.radiusMm * s.radiusMm - dz * dz;
  if (r2 <= 0) return out;
  const r = Math.sqrt(r2);
  const ps = ct.phantom.slices[k]?.pixelSpacingMm ?? 0;
  const margin = ps * Math.SQRT1_2;
  const sub = 8;
  const { c0, c1, r0, r1 } = pixelBox(ct, k, s);
  for (let row = r0; row <= r1; row++) {
    for (let col = c0; col <= c1; col++) {
      const [x, y] = slicePixelCenter(ct.phantom, k, col, row);
      const d = Math.hypot(x - s.centerMm[0], y - s.centerMm[1]);
      if (d > r + margin) continue;
      if (d < r - margin) {
        out[row * n + col] = 1;
        continue;
      }
      let inside = 0;
      for (let i = 0; i < sub; i++) {
        for (let j = 0; j < sub; j++) {
          const sx = x + ((i + 0.5) / sub - 0.5) * ps - s.centerMm[0];
          const sy = y + ((j + 0.5) / sub - 0.5) * ps - s.centerMm[1];
          if (sx * sx + sy * sy <= r2) inside++;
        }
      }
      out[row * n + col] = inside / (sub * sub);
    }
  }
  return out;
}

interface SegFrame {
  segment: number;
  k: number;
  /** Binary: 0/1; fractional: 0–255. */
  values: Uint8Array;
}

/** 1 bit per pixel, frames back to back, first pixel in the lowest bit (PS3.5 8.1.1). */
export function packBits(frames: readonly Uint8Array[], frameSize: number): Uint8Array {
  const bits = frames.length * frameSize;
  const out = new Uint8Array(Math.ceil(Math.ceil(bits / 8) / 2) * 2);
  for (const [f, values] of frames.entries()) {
    const base = f * frameSize;
    for (let i = 0; i < frameSize; i++) {
      if (values[i]) {
        const bit = base + i;
        out[bit >> 3] = (out[bit >> 3] ?? 0) | (1 << (bit & 7));
      }
    }
  }
  return out;
}

function toBuffer(a: ArrayBufferView): ArrayBuffer {
  return a.buffer.slice(a.byteOffset, a.byteOffset + a.byteLength) as ArrayBuffer;
}

function derivedSeries(
  seed: string,
  studyKey: string,
  seriesNumber: number,
  modality: string,
  description: string,
  frameOfReferenceUID: string,
): SeriesContext {
  return {
    seriesInstanceUID: uidFor(seed, `study/${studyKey}/derived/${seriesNumber}`),
    seriesNumber,
    modality,
    description,
    frameOfReferenceUID,
  };
}

interface SegSpec {
  seriesNumber: number;
  description: string;
  type: 'BINARY' | 'FRACTIONAL';
  segments: { label: string; covers: string; colorRgb: Rgb }[];
}

function segmentation(
  seed: string,
  studyKey: string,
  study: StudyContext,
  ct: ReferencedCt,
  slices: number[],
  spec: SegSpec,
): { dataset: NaturalDataset; truth: ManifestSegmentation } {
  const series = derivedSeries(
    seed,
    studyKey,
    spec.seriesNumber,
    'SEG',
    spec.description,
    ct.frameOfReferenceUID,
  );
  const sopInstanceUID = uidFor(seed, `study/${studyKey}/derived/${spec.seriesNumber}/instance/1`);
  const n = ct.plan.size;
  const g0 = ct.phantom.slices[0];
  if (!g0) throw new Error('the CT has no slice');
  const ps = g0.pixelSpacingMm;
  const voxelMl = (ps * ps * ct.plan.sliceSpacing) / 1000;
  const fractional = spec.type === 'FRACTIONAL';
  const frames: SegFrame[] = [];
  const truths: ManifestSegmentation['segments'] = [];
  for (const [i, seg] of spec.segments.entries()) {
    let weight = 0;
    const sum: Vec3 = [0, 0, 0];
    const ks: number[] = [];
    for (const k of slices) {
      let values: Uint8Array;
      if (fractional) {
        const f = sphereFractions(ct, k, seg.covers);
        values = new Uint8Array(f.length);
        for (let j = 0; j < f.length; j++) values[j] = Math.round((f[j] ?? 0) * 255);
      } else {
        values = shapeMask(ct, k, seg.covers);
      }
      let any = false;
      for (let j = 0; j < values.length; j++) {
        const v = values[j] ?? 0;
        if (v === 0) continue;
        any = true;
        const w = fractional ? v / 255 : 1;
        const p = slicePixelCenter(ct.phantom, k, j % n, Math.floor(j / n));
        weight += w;
        sum[0] += w * p[0];
        sum[1] += w * p[1];
        sum[2] += w * p[2];
      }
      if (!any) continue;
      frames.push({ segment: i + 1, k, values });
      ks.push(k);
    }
    if (ks.length === 0) throw new Error(`segment '${seg.label}' is empty`);
    truths.push({
      number: i + 1,
      label: seg.label,
      colorRgb: dicomLab(seg.colorRgb).rgb,
      covers: seg.covers,
      centerMm: sum.map((v) => round4(v / weight)) as Vec3,
      volumeMl: round4(weight * voxelMl),
      instanceRange: [Math.min(...ks) + 1, Math.max(...ks) + 1],
    });
  }

  const dimensionOrganizationUID = uidFor(
    seed,
    `study/${studyKey}/derived/${spec.seriesNumber}/dimension-organization`,
  );
  const positions = [...new Set(frames.map((f) => f.k))].sort((a, b) => a - b);
  const referencedKs = positions;
  const sourceImage = (k: number): NaturalDataset => ({
    ReferencedSOPClassUID: SOP_CLASS.CT,
    ReferencedSOPInstanceUID: ct.sopInstanceUID(k),
  });
  const segmentCodes = (covers: string) => {
    const c = SEGMENT_CODES[covers];
    if (!c) throw new Error(`no segment codes for '${covers}'`);
    return c;
  };
  const pixelData = fractional
    ? (() => {
        const out = new Uint8Array(frames.length * n * n);
        for (const [f, frame] of frames.entries()) out.set(frame.values, f * n * n);
        return out;
      })()
    : packBits(
        frames.map((f) => f.values),
        n * n,
      );

  const dataset: NaturalDataset = {
    ...baseDataset(study, series, SOP_CLASS.SEG, sopInstanceUID, 1),
    ImageType: ['DERIVED', 'PRIMARY'],
    ContentLabel: 'SEGMENTATION',
    ContentDescription: spec.description,
    ContentCreatorName: 'IA^DRIM',
    DeviceSerialNumber: 'DRIM-0001',
    SoftwareVersions: 'DRIM SAMPLE 1',
    FrameOfReferenceUID: ct.frameOfReferenceUID,
    PositionReferenceIndicator: '',
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows: n,
    Columns: n,
    BitsAllocated: fractional ? 8 : 1,
    BitsStored: fractional ? 8 : 1,
    HighBit: fractional ? 7 : 0,
    PixelRepresentation: 0,
    LossyImageCompression: '00',
    SegmentationType: spec.type,
    ...(fractional
      ? { SegmentationFractionalType: 'PROBABILITY', MaximumFractionalValue: 255 }
      : {}),
    SegmentSequence: spec.segments.map((seg, i) => ({
      SegmentNumber: i + 1,
      SegmentLabel: seg.label,
      SegmentAlgorithmType: 'MANUAL',
      SegmentedPropertyCategoryCodeSequence: [segmentCodes(seg.covers).category],
      SegmentedPropertyTypeCodeSequence: [segmentCodes(seg.covers).type],
      RecommendedDisplayCIELabValue: dicomLab(seg.colorRgb).lab,
    })),
    DimensionOrganizationSequence: [{ DimensionOrganizationUID: dimensionOrganizationUID }],
    DimensionOrganizationType: '3D',
    DimensionIndexSequence: [
      {
        DimensionOrganizationUID: dimensionOrganizationUID,
        DimensionIndexPointer: 0x0062000b,
        FunctionalGroupPointer: 0x0062000a,
        DimensionDescriptionLabel: 'ReferencedSegmentNumber',
      },
      {
        DimensionOrganizationUID: dimensionOrganizationUID,
        DimensionIndexPointer: 0x00200032,
        FunctionalGroupPointer: 0x00209113,
        DimensionDescriptionLabel: 'ImagePositionPatient',
      },
    ],
    SharedFunctionalGroupsSequence: [
      {
        PlaneOrientationSequence: [{ ImageOrientationPatient: g0.imageOrientationPatient }],
        PixelMeasuresSequence: [
          {
            PixelSpacing: [ds(ps), ds(ps)],
            SliceThickness: ct.plan.sliceThickness,
            SpacingBetweenSlices: ct.plan.sliceSpacing,
          },
        ],
      },
    ],
    PerFrameFunctionalGroupsSequence: frames.map((f) => ({
      DerivationImageSequence: [
        {
          SourceImageSequence: [
            {
              ...sourceImage(f.k),
              PurposeOfReferenceCodeSequence: [
                code('121322', 'DCM', 'Source image for image processing operation'),
              ],
            },
          ],
          DerivationCodeSequence: [code('113076', 'DCM', 'Segmentation')],
        },
      ],
      FrameContentSequence: [{ DimensionIndexValues: [f.segment, positions.indexOf(f.k) + 1] }],
      PlanePositionSequence: [
        { ImagePositionPatient: (ct.phantom.slices[f.k]?.imagePositionPatient ?? []).map(ds) },
      ],
      SegmentIdentificationSequence: [{ ReferencedSegmentNumber: f.segment }],
    })),
    NumberOfFrames: frames.length,
    ReferencedSeriesSequence: [
      {
        SeriesInstanceUID: ct.seriesInstanceUID,
        ReferencedInstanceSequence: referencedKs.map(sourceImage),
      },
    ],
    PixelData: [toBuffer(pixelData)],
    _vrMap: { PixelData: 'OB' },
  };
  return {
    dataset,
    truth: {
      seriesInstanceUID: series.seriesInstanceUID,
      sopInstanceUID,
      seriesNumber: spec.seriesNumber,
      segmentationType: spec.type,
      referencedSeriesInstanceUID: ct.seriesInstanceUID,
      numberOfFrames: frames.length,
      segments: truths,
    },
  };
}

const CONTOUR_POINTS = 64;

/** A closed polygon (patient mm, rounded as written) around a circle of the plane z. */
function circleContour(cx: number, cy: number, r: number, z: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < CONTOUR_POINTS; i++) {
    const a = (2 * Math.PI * i) / CONTOUR_POINTS;
    out.push(ds(cx + r * Math.cos(a)), ds(cy + r * Math.sin(a)), ds(z));
  }
  return out;
}

/** Shoelace area (mm²) and centroid of a planar polygon given as x,y,z triplets. */
export function polygonAreaCentroid(points: readonly number[]): {
  area: number;
  cx: number;
  cy: number;
} {
  let a = 0;
  let cx = 0;
  let cy = 0;
  const n = points.length / 3;
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    const x0 = points[3 * i] ?? 0;
    const y0 = points[3 * i + 1] ?? 0;
    const x1 = points[3 * j] ?? 0;
    const y1 = points[3 * j + 1] ?? 0;
    const cross = x0 * y1 - x1 * y0;
    a += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  return { area: Math.abs(a / 2), cx: cx / (3 * a), cy: cy / (3 * a) };
}

function structureSet(
  seed: string,
  studyKey: string,
  study: StudyContext,
  ct: ReferencedCt,
  slices: number[],
  plan: DerivedObjectsPlan['structureSet'],
): { dataset: NaturalDataset; truth: ManifestStructureSet } {
  const series = derivedSeries(
    seed,
    studyKey,
    plan.seriesNumber,
    'RTSTRUCT',
    plan.description,
    ct.frameOfReferenceUID,
  );
  const sopInstanceUID = uidFor(seed, `study/${studyKey}/derived/${plan.seriesNumber}/instance/1`);
  const image = (k: number): NaturalDataset => ({
    ReferencedSOPClassUID: SOP_CLASS.CT,
    ReferencedSOPInstanceUID: ct.sopInstanceUID(k),
  });
  const rois = plan.rois.map((roi, i) => {
    const shape = shapeOf(ct.phantom.truth, roi.covers);
    const contours: { k: number; points: number[] }[] = [];
    for (const k of slices) {
      const z = sliceZ(ct, k);
      if (shape.kind === 'sphere') {
        const dz = z - shape.centerMm[2];
        const r2 = shape.radiusMm * shape.radiusMm - dz * dz;
        if (r2 <= 0) continue;
        contours.push({
          k,
          points: circleContour(shape.centerMm[0], shape.centerMm[1], Math.sqrt(r2), z),
        });
      } else if (shape.kind === 'cylinder') {
        contours.push({
          k,
          points: circleContour(shape.centerMm[0], shape.centerMm[1], shape.radiusMm, z),
        });
      } else {
        throw new Error(`no contour for a ${shape.kind}`);
      }
    }
    let volume = 0;
    const sum: Vec3 = [0, 0, 0];
    for (const c of contours) {
      const { area, cx, cy } = polygonAreaCentroid(c.points);
      volume += area;
      sum[0] += area * cx;
      sum[1] += area * cy;
      sum[2] += area * sliceZ(ct, c.k);
    }
    const ks = contours.map((c) => c.k);
    return {
      roi,
      number: i + 1,
      contours,
      truth: {
        number: i + 1,
        name: roi.name,
        colorRgb: [...roi.colorRgb] as Rgb,
        covers: roi.covers,
        centerMm: sum.map((v) => round4(v / volume)) as Vec3,
        // Each contour stands for its slice's thickness (the slices touch: spacing = thickness).
        volumeMl: round4((volume * ct.plan.sliceSpacing) / 1000),
        instanceRange: [Math.min(...ks) + 1, Math.max(...ks) + 1] as [number, number],
      },
    };
  });
  const dataset: NaturalDataset = {
    ...baseDataset(study, series, SOP_CLASS.RTSTRUCT, sopInstanceUID, 1),
    OperatorsName: '',
    StructureSetLabel: plan.label,
    StructureSetName: plan.description,
    StructureSetDate: study.date,
    StructureSetTime: study.time,
    ReferencedFrameOfReferenceSequence: [
      {
        FrameOfReferenceUID: ct.frameOfReferenceUID,
        RTReferencedStudySequence: [
          {
            // Study Component Management SOP Class, as treatment planning systems write it.
            ReferencedSOPClassUID: '1.2.840.10008.3.1.2.3.1',
            ReferencedSOPInstanceUID: study.studyInstanceUID,
            RTReferencedSeriesSequence: [
              {
                SeriesInstanceUID: ct.seriesInstanceUID,
                ContourImageSequence: slices.map(image),
              },
            ],
          },
        ],
      },
    ],
    StructureSetROISequence: rois.map((r) => ({
      ROINumber: r.number,
      ReferencedFrameOfReferenceUID: ct.frameOfReferenceUID,
      ROIName: r.roi.name,
      ROIGenerationAlgorithm: 'MANUAL',
    })),
    ROIContourSequence: rois.map((r) => ({
      ReferencedROINumber: r.number,
      ROIDisplayColor: [...r.roi.colorRgb],
      ContourSequence: r.contours.map((c, i) => ({
        ContourNumber: i + 1,
        ContourImageSequence: [image(c.k)],
        ContourGeometricType: 'CLOSED_PLANAR',
        NumberOfContourPoints: c.points.length / 3,
        ContourData: c.points,
      })),
    })),
    RTROIObservationsSequence: rois.map((r) => ({
      ObservationNumber: r.number,
      ReferencedROINumber: r.number,
      RTROIInterpretedType: r.roi.interpretedType,
      ROIInterpreter: '',
    })),
  };
  return {
    dataset,
    truth: {
      seriesInstanceUID: series.seriesInstanceUID,
      sopInstanceUID,
      seriesNumber: plan.seriesNumber,
      referencedSeriesInstanceUID: ct.seriesInstanceUID,
      rois: rois.map((r) => r.truth),
    },
  };
}

/**
 * A Gaussian dose on a grid that has a point exactly at the CT pixel centre nearest the
 * sphere's centre, on the CT slice nearest it: a probe there reads the maximum.
 */
function dose(
  seed: string,
  studyKey: string,
  study: StudyContext,
  ct: ReferencedCt,
  around: string,
  plan: DerivedObjectsPlan['dose'],
): { dataset: NaturalDataset; truth: ManifestDose } {
  const series = derivedSeries(
    seed,
    studyKey,
    plan.seriesNumber,
    'RTDOSE',
    plan.description,
    ct.frameOfReferenceUID,
  );
  const sopInstanceUID = uidFor(seed, `study/${studyKey}/derived/${plan.seriesNumber}/instance/1`);
  const shape = shapeOf(ct.phantom.truth, around);
  if (shape.kind !== 'sphere') throw new Error(`'${around}' must be a sphere`);
  const g0 = ct.phantom.slices[0];
  const g1 = ct.phantom.slices[1];
  if (!g0 || !g1) throw new Error('the CT needs two slices');
  const [ox, oy, oz] = g0.imagePositionPatient;
  const ps = g0.pixelSpacingMm;
  const step = g1.imagePositionPatient[2] - oz;
  const [sx, sy, sz] = shape.centerMm;
  const col = Math.round((sx - ox) / ps);
  const row = Math.round((sy - oy) / ps);
  const k = Math.round((sz - oz) / step);
  const maxAt: Vec3 = [round4(ox + col * ps), round4(oy + row * ps), round4(oz + k * step)];

  // The grid covers the body (|x|, |y| ≤ 150 mm) and ±16 frames around the maximum.
  const sp = plan.spacingMm;
  const before = (v: number) => Math.floor((v + 150) / sp);
  const after = (v: number) => Math.floor((150 - v) / sp);
  const x0 = round4(maxAt[0] - before(maxAt[0]) * sp);
  const y0 = round4(maxAt[1] - before(maxAt[1]) * sp);
  const columns = before(maxAt[0]) + after(maxAt[0]) + 1;
  const rows = before(maxAt[1]) + after(maxAt[1]) + 1;
  const half = 16;
  const frames = 2 * half + 1;
  const z0 = round4(maxAt[2] - half * plan.frameSpacingMm);
  const offsets = Array.from({ length: frames }, (_, f) => round4(f * plan.frameSpacingMm));
  const pixels = new Uint32Array(rows * columns * frames);
  const twoSigma2 = 2 * plan.sigmaMm * plan.sigmaMm;
  let maxStored = 0;
  for (let f = 0; f < frames; f++) {
    const dz = z0 + (offsets[f] ?? 0) - maxAt[2];
    for (let r = 0; r < rows; r++) {
      const dy = y0 + r * sp - maxAt[1];
      for (let c = 0; c < columns; c++) {
        const dx = x0 + c * sp - maxAt[0];
        const gy = plan.maxGy * Math.exp(-(dx * dx + dy * dy + dz * dz) / twoSigma2);
        const stored = Math.round(gy / plan.doseGridScaling);
        pixels[(f * rows + r) * columns + c] = stored;
        maxStored = Math.max(maxStored, stored);
      }
    }
  }
  const dataset: NaturalDataset = {
    ...baseDataset(study, series, SOP_CLASS.RTDOSE, sopInstanceUID, 1),
    OperatorsName: '',
    FrameOfReferenceUID: ct.frameOfReferenceUID,
    PositionReferenceIndicator: '',
    ImagePositionPatient: [x0, y0, z0],
    ImageOrientationPatient: [1, 0, 0, 0, 1, 0],
    PixelSpacing: [sp, sp],
    SliceThickness: plan.frameSpacingMm,
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows: rows,
    Columns: columns,
    BitsAllocated: 32,
    BitsStored: 32,
    HighBit: 31,
    PixelRepresentation: 0,
    NumberOfFrames: frames,
    FrameIncrementPointer: 0x3004000c,
    GridFrameOffsetVector: offsets,
    DoseUnits: 'GY',
    DoseType: 'PHYSICAL',
    DoseSummationType: 'PLAN',
    DoseGridScaling: plan.doseGridScaling,
    TissueHeterogeneityCorrection: 'IMAGE',
    PixelData: [toBuffer(pixels)],
    _vrMap: { PixelData: 'OW' },
  };
  return {
    dataset,
    truth: {
      seriesInstanceUID: series.seriesInstanceUID,
      sopInstanceUID,
      seriesNumber: plan.seriesNumber,
      referencedSeriesInstanceUID: ct.seriesInstanceUID,
      doseGridScaling: plan.doseGridScaling,
      rows,
      columns,
      numberOfFrames: frames,
      pixelSpacingMm: [sp, sp],
      gridFrameOffsetsMm: offsets,
      maxGy: Number((maxStored * plan.doseGridScaling).toFixed(6)),
      maxAtMm: maxAt,
    },
  };
}

export function derivedObjects(
  seed: string,
  studyKey: string,
  study: StudyContext,
  ct: ReferencedCt,
  plan: DerivedObjectsPlan,
): DerivedResult {
  const slices = slicesAround(ct, plan.around);
  const seg = segmentation(seed, studyKey, study, ct, slices, {
    ...plan.segmentation,
    type: 'BINARY',
  });
  const fractional = plan.fractionalSegmentation
    ? segmentation(seed, studyKey, study, ct, slices, {
        seriesNumber: plan.fractionalSegmentation.seriesNumber,
        description: plan.fractionalSegmentation.description,
        type: 'FRACTIONAL',
        segments: [plan.fractionalSegmentation.segment],
      })
    : null;
  const rt = structureSet(seed, studyKey, study, ct, slices, plan.structureSet);
  const rd = dose(seed, studyKey, study, ct, plan.around, plan.dose);
  return {
    datasets: [
      { seriesNumber: plan.segmentation.seriesNumber, modality: 'SEG', dataset: seg.dataset },
      ...(fractional && plan.fractionalSegmentation
        ? [
            {
              seriesNumber: plan.fractionalSegmentation.seriesNumber,
              modality: 'SEG' as const,
              dataset: fractional.dataset,
            },
          ]
        : []),
      { seriesNumber: plan.structureSet.seriesNumber, modality: 'RTSTRUCT', dataset: rt.dataset },
      { seriesNumber: plan.dose.seriesNumber, modality: 'RTDOSE', dataset: rd.dataset },
    ],
    segmentations: [seg.truth, ...(fractional ? [fractional.truth] : [])],
    structureSets: [rt.truth],
    doses: [rd.truth],
  };
}

// What the viewer needs from a series' WADO-RS metadata (DICOM JSON), read defensively
// (a source may send anything): the frames to show, in order, with their geometry, and
// the series-wide facts the overlays and measurements depend on.
import { num, personName, str, strs, date, type DicomDataset } from '../dicom/dicomJson';
import { nameText } from '../identity/personText';
import { measurementScale, type MeasurementScale } from './measurementSpacing';
import { sortSlices } from './stackOrder';

const T = {
  SOPInstanceUID: '00080018',
  SOPClassUID: '00080016',
  InstanceNumber: '00200013',
  ImagePositionPatient: '00200032',
  ImageOrientationPatient: '00200037',
  NumberOfFrames: '00280008',
  PixelSpacing: '00280030',
  ImagerPixelSpacing: '00181164',
  Rows: '00280010',
  Columns: '00280011',
  BitsAllocated: '00280100',
  SamplesPerPixel: '00280002',
  PhotometricInterpretation: '00280004',
  Modality: '00080060',
  SeriesDescription: '0008103E',
  SeriesNumber: '00200011',
  StudyDescription: '00081030',
  StudyDate: '00080020',
  PatientName: '00100010',
  PatientBirthDate: '00100030',
  PatientSex: '00100040',
  FrameTime: '00181063',
  CineRate: '00180040',
  RecommendedDisplayFrameRate: '00082144',
} as const;

/** One image to show: a single-frame instance or one frame of a multi-frame one. */
export interface FrameRef {
  sopInstanceUID: string;
  /** 1-based, as in WADO-RS `/frames/{n}`. */
  frame: number;
  instanceNumber: number | null;
  imagePositionPatient: number[] | null;
  imageOrientationPatient: number[] | null;
}

export interface SeriesFacts {
  modality: string;
  seriesDescription: string;
  seriesNumber: number | null;
  studyDescription: string;
  /** ISO date, null when absent or invalid. */
  studyDate: string | null;
  patientName: string;
  patientBirthDate: string | null;
  patientSex: string;
  rows: number | null;
  columns: number | null;
  photometricInterpretation: string;
  scale: MeasurementScale;
  /** Frames per second the acquisition recommends for cine, null when it says nothing. */
  cineFps: number | null;
  /** Bytes one decoded frame takes (for the cache budget). */
  decodedFrameBytes: number;
  /** Every frame a multi-frame instance holds (US/XA cine), not a volume. */
  isMultiFrame: boolean;
}

export interface SeriesContent {
  frames: FrameRef[];
  facts: SeriesFacts;
}

/** All numeric values of an element (DS/IS may be strings); null when absent or malformed. */
export function numbers(ds: DicomDataset, tag: string): number[] | null {
  const element = Object.hasOwn(ds, tag) ? ds[tag] : undefined;
  if (typeof element !== 'object' || element === null) return null;
  const value = (element as { Value?: unknown }).Value;
  if (!Array.isArray(value) || value.length === 0) return null;
  const out: number[] = [];
  for (const v of value) {
    const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : Number.NaN;
    if (!Number.isFinite(n)) return null;
    out.push(n);
  }
  return out;
}

function cineFps(ds: DicomDataset): number | null {
  const recommended = num(ds, T.RecommendedDisplayFrameRate) ?? num(ds, T.CineRate);
  if (recommended !== null && recommended > 0 && recommended <= 120) return recommended;
  const frameTime = num(ds, T.FrameTime);
  if (frameTime !== null && frameTime > 0) return Math.min(120, 1000 / frameTime);
  return null;
}

/** « DUBOIS Marie », as every list of the app writes a patient (identity/personText.ts). */
function displayName(ds: DicomDataset): string {
  return nameText(personName(ds, T.PatientName));
}

/** The frames of a series in display order, and its facts; null when it holds no image. */
export function readSeries(instances: readonly DicomDataset[]): SeriesContent | null {
  const slices = instances
    .map((ds) => ({
      ds,
      sopInstanceUID: str(ds, T.SOPInstanceUID),
      instanceNumber: num(ds, T.InstanceNumber),
      imagePositionPatient: numbers(ds, T.ImagePositionPatient),
      imageOrientationPatient: numbers(ds, T.ImageOrientationPatient),
      frames: Math.max(1, Math.floor(num(ds, T.NumberOfFrames) ?? 1)),
      rows: num(ds, T.Rows),
    }))
    // An object without rows has no pixels to show (SR, PDF, KO in an image series).
    .filter((s) => s.sopInstanceUID !== '' && s.rows !== null && s.rows > 0);
  const sorted = sortSlices(slices);
  const first = sorted[0];
  if (!first) return null;

  const frames: FrameRef[] = [];
  for (const s of sorted) {
    for (let f = 1; f <= s.frames; f++) {
      frames.push({
        sopInstanceUID: s.sopInstanceUID,
        frame: f,
        instanceNumber: s.instanceNumber,
        imagePositionPatient: s.imagePositionPatient,
        imageOrientationPatient: s.imageOrientationPatient,
      });
    }
  }

  const ds = first.ds;
  const rows = num(ds, T.Rows);
  const columns = num(ds, T.Columns);
  const samples = num(ds, T.SamplesPerPixel) ?? 1;
  const bits = num(ds, T.BitsAllocated) ?? 16;
  const photometric = str(ds, T.PhotometricInterpretation);
  // Colour frames are decoded to RGBA; greyscale to (at most) 32-bit floats when scaled.
  const bytesPerPixel = samples > 1 || photometric === 'PALETTE COLOR' ? 4 : Math.max(1, bits / 8);
  return {
    frames,
    facts: {
      modality: str(ds, T.Modality),
      seriesDescription: str(ds, T.SeriesDescription),
      seriesNumber: num(ds, T.SeriesNumber),
      studyDescription: str(ds, T.StudyDescription),
      studyDate: date(ds, T.StudyDate),
      patientName: displayName(ds),
      patientBirthDate: date(ds, T.PatientBirthDate),
      patientSex: strs(ds, T.PatientSex)[0] ?? '',
      rows,
      columns,
      photometricInterpretation: photometric,
      scale: measurementScale(numbers(ds, T.PixelSpacing), numbers(ds, T.ImagerPixelSpacing)),
      cineFps: cineFps(ds),
      decodedFrameBytes: (rows ?? 0) * (columns ?? 0) * bytesPerPixel,
      isMultiFrame: first.frames > 1,
    },
  };
}

// The ground truth of the generated sample: what each source must hold and what each image
// shows. Tests across the repo read manifest.json through these types.
import type { SourceId } from '../demo-identities';

export const MANIFEST_VERSION = 1;

export interface ManifestSource {
  id: SourceId;
  kind: 'drimbox' | 'regional';
  /** Transfer syntax of the generated images stored at this source (documents stay explicit LE). */
  transferSyntaxUID: string;
}

export interface PatientIdentifier {
  id: string;
  issuer: string;
}

export interface ManifestPatient {
  key: string;
  familyName: string;
  givenName: string;
  birthDate: string;
  sex: 'F' | 'M';
  ins?: PatientIdentifier;
  /** The local number each site knows the patient by (issuer = the site's localIssuer). */
  localIds: { sourceId: SourceId; id: string; issuer: string }[];
}

/** Points are in patient coordinates (mm) unless the name says px (column, row). */
export type PhantomTruth = CrossSectionTruth | RulerTruth | MammoTruth | MovingDiscTruth;

export type PhantomShape =
  | { kind: 'cylinder'; label: string; centerMm: [number, number]; radiusMm: number; value: number }
  | {
      kind: 'sphere';
      label: string;
      centerMm: [number, number, number];
      radiusMm: number;
      value: number;
    }
  | { kind: 'box'; label: string; minMm: [number, number]; maxMm: [number, number]; value: number };

/** CT (values in HU, after rescale), MR (arbitrary units), PT (Bq/ml after rescale). */
export interface CrossSectionTruth {
  kind: 'cross-section';
  units: 'HU' | 'AU' | 'BQML';
  /** Value outside every shape. */
  background: number;
  /** Later shapes override earlier ones (the body first, then its inserts). */
  shapes: PhantomShape[];
  /** Uniform integer noise in [-a, +a] (rescaled units) wherever the value is not background. */
  noiseAmplitude: number;
  /**
   * Axial series: z of slice k (InstanceNumber k + 1) is firstSliceZ + k * sliceStepZ.
   * Sagittal series step along x instead (sliceStepZ = 0): read ImagePositionPatient.
   */
  firstSliceZ: number;
  sliceStepZ: number;
  /** Stored value = (value - intercept) / slope. */
  rescaleSlope: number;
  rescaleIntercept: number;
}

/** CR/DX: a radio-opaque bar of known length on a uniform background (stored values). */
export interface RulerTruth {
  kind: 'ruler';
  lengthMm: number;
  widthMm: number;
  /** Pixel ends of the bar's axis (horizontal bar, inclusive columns). */
  startPx: [number, number];
  endPx: [number, number];
  /** Spacing used to draw it (mm per pixel, row then column) even when the file carries none. */
  drawnSpacingMm: [number, number];
  barValue: number;
  background: number;
  noiseAmplitude: number;
  /** As seen: MONOCHROME1 inverts, so a dense bar has a low stored value there. */
  photometricInterpretation: 'MONOCHROME1' | 'MONOCHROME2';
}

/** MG: per view, a breast half-disc against the chest wall with a dense disc (stored values). */
export interface MammoTruth {
  kind: 'mammo';
  breastValue: number;
  background: number;
  noiseAmplitude: number;
  views: {
    instanceNumber: number;
    code: 'RCC' | 'LCC' | 'RMLO' | 'LMLO';
    imageLaterality: 'L' | 'R';
    viewPosition: 'CC' | 'MLO';
    chestWallSide: 'left' | 'right';
    breastRadiusPx: number;
    denseDisc: { centerPx: [number, number]; radiusPx: number; radiusMm: number; value: number };
  }[];
}

/** US/XA cine: a bright disc moving along a straight line, one position per frame. */
export interface MovingDiscTruth {
  kind: 'moving-disc';
  radiusPx: number;
  discValue: number;
  background: number;
  /** Centre of the disc in frame f (0-based) = centersPx[f]. */
  centersPx: [number, number][];
  noiseAmplitude: number;
}

export interface ManifestSeries {
  seriesInstanceUID: string;
  seriesNumber: number;
  modality: string;
  bodyPartExamined?: string;
  description: string;
  numberOfInstances: number;
  rows: number;
  columns: number;
  numberOfFrames: number;
  bitsAllocated: number;
  photometricInterpretation: string;
  pixelSpacing?: [number, number];
  imagerPixelSpacing?: [number, number];
  sliceThickness?: number;
  /** UID of the first instance (InstanceNumber 1), handy for WADO tests. */
  firstSopInstanceUID: string;
  phantom?: PhantomTruth;
}

export interface ManifestReport {
  kind: 'pdf' | 'cda';
  sopInstanceUID: string;
  seriesInstanceUID: string;
  title: string;
  /** The report's French text as plain text (lines joined with \n). */
  text: string;
}

/** A Key Object Selection document (modality KO): the images a radiologist flagged. */
export interface ManifestKeyObject {
  sopInstanceUID: string;
  seriesInstanceUID: string;
  seriesNumber: number;
  /** Document title (CID 7010), e.g. 113000 DCM « Of Interest ». */
  title: { code: string; scheme: string; meaning: string };
  /** The Key Object Description text item, '' when there is none. */
  description: string;
  /** The referenced images, in the document's order (the order a viewer shows them in). */
  images: { seriesInstanceUID: string; sopInstanceUID: string; instanceNumber: number }[];
}

export interface ManifestStudy {
  key: string;
  studyInstanceUID: string;
  patientKey: string;
  sourceIds: SourceId[];
  /** YYYYMMDD, '' when the study carries an empty StudyDate. */
  studyDate: string;
  studyTime: string;
  accessionNumber: string;
  description: string;
  /** ModalitiesInStudy as a source reports it (sorted, DOC included when there is a report). */
  modalities: string[];
  /** CISIS SNOMED CT codes of the regions shown; [] = « Non précisé ». */
  regions: string[];
  /** How the regions can be told: BodyPartExamined, the description only, or nothing. */
  regionEvidence: 'body-part' | 'description' | 'none';
  referringPhysicianName: string;
  institutionName: string;
  report: ManifestReport | null;
  /** Key object documents; [] when the study has none. Not in `series` (no pixels). */
  keyObjects: ManifestKeyObject[];
  /** As QIDO counts them: image series, the report and the key object series. */
  numberOfSeries: number;
  numberOfInstances: number;
  series: ManifestSeries[];
  /** Free-form tags tests can search for (e.g. 'multi-site', 'html-description', 'large-ct'). */
  tags: string[];
}

export interface ManifestRealFile {
  /** Relative to dev/sample-data/real/. */
  file: string;
  studyInstanceUID: string;
  seriesInstanceUID: string;
  sopInstanceUID: string;
  patientID: string;
  modality: string | null;
  transferSyntaxUID: string;
  numberOfFrames: number;
  rows: number;
  columns: number;
  photometricInterpretation: string;
  /**
   * Set when an earlier file has the same PatientID, Study, Series and SOP Instance UIDs:
   * Orthanc keeps that earlier one (the loader uploads duplicates last).
   */
  duplicateOf: string | null;
  /** Oddities tests may rely on: 'no-modality', 'empty-patient-id', 'study-uid-shared-with-other-patient-id'. */
  notes: string[];
}

export interface Manifest {
  version: number;
  generatorVersion: string;
  seed: string;
  /** "Today" for the sample (YYYYMMDD): ages and "older than 6 years" are measured from it. */
  referenceDate: string;
  sources: ManifestSource[];
  patients: ManifestPatient[];
  studies: ManifestStudy[];
  realFiles: ManifestRealFile[];
  /** The source the real files are loaded into. */
  realFilesSourceId: SourceId;
  totals: {
    /** Distinct SOP instances per source, as Orthanc's /statistics CountInstances will say. */
    instancesPerSource: Record<string, number>;
  };
}

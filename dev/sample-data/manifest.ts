// The ground truth of the generated sample: what each source must hold and what each image
// shows. Tests across the repo read manifest.json through these types.
import type { SourceId } from '../demo-identities';

/**
 * 2: per-image `views`, mammography orientation truth and `comparisons` (issue 17).
 * 3: PET/CT, NM, SEG, RTSTRUCT and RTDOSE truth (issue 20).
 */
export const MANIFEST_VERSION = 3;

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
  /**
   * Set when each slice has its own RescaleSlope, as PET scanners write (the PET/CT's PET):
   * slice k (InstanceNumber k + 1) stores (value - intercept) / rescaleSlopePerSlice[k], and
   * rescaleSlope is then the largest of them.
   */
  rescaleSlopePerSlice?: number[];
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

/**
 * MG: per view, a breast half-disc against the chest wall with a dense disc (stored values).
 * The tissue (breastValue) fills the half of the image on `chestWallSide`; the other side is
 * background, so a pixel check tells where the wall is. The dense disc sits 100 px above the
 * middle row: the lateral side on a CC, the axilla side on an MLO, when hung as conventionally.
 */
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
    /** Edge of the image as stored (column 0 = 'left') the chest wall lies against. */
    chestWallSide: 'left' | 'right';
    /** PatientOrientation (0020,0020) as written: rows' direction, then columns' (e.g. P, L). */
    patientOrientation: [string, string];
    /**
     * Whether the mirrored layout (right breast's views on the left half, chest walls back to
     * back, so the right breast's wall on the right edge of its pane and the left breast's on
     * the left edge) must flip this image left-right. False for every view stored as hung.
     */
    flipForMirroredLayout: boolean;
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
  /** Cross-sections: FrameOfReferenceUID, one per study (no two studies share one). */
  frameOfReferenceUID?: string;
  /** UID of the first instance (InstanceNumber 1), handy for WADO tests. */
  firstSopInstanceUID: string;
  /** CR, DX and MG: each image's view, as its header says; absent for other series. */
  views?: ManifestView[];
  phantom?: PhantomTruth;
  /** PT of a PET/CT: what SUV is computed from and what it must read (issue 20). */
  pet?: ManifestPetTruth;
  /** NM multi-frame: what each frame is and shows (issue 20). */
  nm?: ManifestNmTruth;
}

/**
 * A PET series in Bq/ml with everything SUVbw needs. SUVbw = Bq/ml × bqmlToSuvbw, where
 * bqmlToSuvbw = weight (g) / (injected dose decayed from injection to the series' start).
 */
export interface ManifestPetTruth {
  patientWeightKg: number;
  injectedDoseBq: number;
  halfLifeS: number;
  /** RadiopharmaceuticalStartDateTime as written (YYYYMMDDHHMMSS). */
  injectionDateTime: string;
  /** SeriesDate + SeriesTime as written (YYYYMMDDHHMMSS): DecayCorrection START refers to it. */
  seriesDateTime: string;
  bqmlToSuvbw: number;
  /** The CT of the same study, in the same frame of reference (fusion). */
  ctSeriesInstanceUID: string;
  /**
   * Spheres of uniform, known activity: the same centres (patient mm) in the PET and in the
   * CT, where each shows as an insert of `ctHu`. Noise inside them is small enough that the
   * SUVmax of a probe or ROI inside reads `suvbw` within 0.5 %.
   */
  spheres: {
    label: string;
    centerMm: [number, number, number];
    radiusMm: number;
    bqml: number;
    suvbw: number;
    ctHu: number;
  }[];
}

/** NM multi-frame: frame f (1-based) as the vectors of its header say, and its hot spot. */
export interface ManifestNmTruth {
  kind: 'static' | 'dynamic';
  pixelSpacingMm: [number, number];
  background: number;
  frames: {
    frame: number;
    detector: number;
    energyWindow: number;
    /** Dynamic only: the frame's start from the acquisition's start (ms). */
    startMs?: number;
    hotSpotCenterPx: [number, number];
    hotSpotRadiusPx: number;
    hotSpotCounts: number;
  }[];
}

/** A DICOM SEG over one of the study's series (issue 20). Not in ManifestStudy.series. */
export interface ManifestSegmentation {
  seriesInstanceUID: string;
  sopInstanceUID: string;
  seriesNumber: number;
  segmentationType: 'BINARY' | 'FRACTIONAL';
  referencedSeriesInstanceUID: string;
  numberOfFrames: number;
  segments: {
    number: number;
    label: string;
    /** RecommendedDisplayCIELabValue, converted to sRGB 0–255. */
    colorRgb: [number, number, number];
    /** The label of the phantom shape it covers (PhantomShape.label of the referenced series). */
    covers: string;
    centerMm: [number, number, number];
    /** Voxels in the segment × the voxel's volume (ml). */
    volumeMl: number;
    /** InstanceNumbers of the referenced series it has frames on, first and last. */
    instanceRange: [number, number];
  }[];
}

/** An RTSTRUCT over one of the study's series. Not in ManifestStudy.series. */
export interface ManifestStructureSet {
  seriesInstanceUID: string;
  sopInstanceUID: string;
  seriesNumber: number;
  referencedSeriesInstanceUID: string;
  rois: {
    number: number;
    name: string;
    colorRgb: [number, number, number];
    covers: string;
    centerMm: [number, number, number];
    /** The closed planar contours' enclosed volume (ml). */
    volumeMl: number;
    instanceRange: [number, number];
  }[];
}

/** An RTDOSE grid over a planning CT of the study. Not in ManifestStudy.series. */
export interface ManifestDose {
  seriesInstanceUID: string;
  sopInstanceUID: string;
  seriesNumber: number;
  /** The planning CT it lies over (same FrameOfReferenceUID). */
  referencedSeriesInstanceUID: string;
  doseGridScaling: number;
  rows: number;
  columns: number;
  numberOfFrames: number;
  pixelSpacingMm: [number, number];
  /** GridFrameOffsetVector as written. */
  gridFrameOffsetsMm: number[];
  /** The largest dose of the grid, on a grid point, and where (patient mm). */
  maxGy: number;
  maxAtMm: [number, number, number];
}

/** A coded concept as written in a code sequence item. */
export interface ManifestCode {
  code: string;
  scheme: string;
  meaning: string;
}

/** One projection image and the header attributes a hanging protocol matches on. */
export interface ManifestView {
  instanceNumber: number;
  sopInstanceUID: string;
  /** ViewPosition (0018,5101): 'PA', 'AP', 'LL', 'OBL', 'CC', 'MLO'. */
  viewPosition: string;
  /** ViewCodeSequence's item (CID 4010 for DX, 4014 for MG); absent when not written. */
  viewCode?: ManifestCode;
  /** ImageLaterality (DX, MG; 'U' = unpaired) or, for CR, Laterality; absent when neither is written. */
  laterality?: 'L' | 'R' | 'U';
  /** PatientOrientation (0020,0020) as written: rows' direction, then columns'. */
  patientOrientation: [string, string];
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
  /** Derived objects over the study's images (issue 20); counted in numberOfSeries. */
  segmentations?: ManifestSegmentation[];
  structureSets?: ManifestStructureSet[];
  doses?: ManifestDose[];
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

/** One image of a study, by its UIDs. */
export interface ManifestImageRef {
  seriesInstanceUID: string;
  sopInstanceUID: string;
  instanceNumber: number;
}

/**
 * How a prior's patient coordinates relate to the current's, for lining two cross-sectional
 * series up (« Aligner ») when their frames of reference differ.
 */
export interface ManifestAlignment {
  currentSeriesInstanceUID: string;
  priorSeriesInstanceUID: string;
  currentFrameOfReferenceUID: string;
  priorFrameOfReferenceUID: string;
  /** False: positions cannot be compared as they are; the user lines the series up once. */
  sameFrameOfReference: boolean;
  /**
   * Where a point of the body lies in the prior minus where it lies in the current (patient
   * coordinates, mm): the current's slice at z shows what the prior's slice at z + shiftMm[2]
   * shows. [0, 0, 37.5]: the prior's table put the body 37.5 mm further towards the head.
   */
  shiftMm: [number, number, number];
  /** A shape both series show (the phantom's sphere), to line them up on. */
  landmark: {
    label: string;
    currentCenterMm: [number, number, number];
    priorCenterMm: [number, number, number];
  };
  /**
   * Slices showing the same anatomy once aligned: current InstanceNumber n matches prior
   * InstanceNumber n + instanceOffset (positions equal after the shift, to 0.001 mm), for n from
   * currentFirst to currentLast; beyond those the other series has no slice there.
   */
  matchingSlices: {
    instanceOffset: number;
    currentFirst: number;
    currentLast: number;
    /** The pair nearest the landmark (the sphere's centre lies between two slices). */
    atLandmark: { currentInstanceNumber: number; priorInstanceNumber: number };
  };
}

/** The image of the current and of the prior showing one view (RCC, LCC, … or PA, LL). */
export interface ManifestViewPair {
  /** MG: 'RCC' | 'LCC' | 'RMLO' | 'LMLO'; CR/DX: ViewPosition, with laterality when written (e.g. 'PA', 'LL'). */
  view: string;
  current: ManifestImageRef;
  prior: ManifestImageRef;
}

/**
 * A current study and the prior a radiologist reads it against (issue 17). The ranking facts
 * follow the rule « same modality and same CISIS region, then same region, then same modality,
 * then nearest earlier date », over the same patient's earlier studies.
 */
export interface ManifestComparison {
  /** 'ct-thorax-other-frame', 'ct-thorax-same-position', 'mg-four-views', 'chest-pa-lateral'. */
  key: string;
  patientKey: string;
  /** Study keys (ManifestStudy.key). */
  currentStudy: string;
  /** The prior proposed first to a professional without consent (only DRIMbox rows). */
  proposedPrior: string;
  /** Same modality and same CISIS region as the current (« même examen »): why it ranks first. */
  sameExam: boolean;
  /** Whole years from the prior's StudyDate to the current's (« 2 ans avant »). */
  yearsBefore: number;
  /** Never a source of the current: the prior comes from another site. */
  priorSourceIds: SourceId[];
  /** First once a consent or break-the-glass opens the regional archive too. */
  proposedPriorWithConsent: string;
  /** Earlier studies of the patient held only by the regional archive, in ranking order. */
  consentOnlyPriors: string[];
  /** Cross-sectional cases only. */
  alignment?: ManifestAlignment;
  /** Projection cases only (MG, chest): one pair per view of the current. */
  views?: ManifestViewPair[];
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
  /** Current-versus-prior cases; only those whose two studies were generated. */
  comparisons: ManifestComparison[];
  totals: {
    /** Distinct SOP instances per source, as Orthanc's /statistics CountInstances will say. */
    instancesPerSource: Record<string, number>;
  };
}

// Turns one planned instance into a DICOM dataset (dcmjs naturalized form): the patient,
// study and series modules shared by every object, then the modality's own attributes.
import type { NaturalDataset } from 'dcmjs';
import type { CrossSectionPhantom } from './phantoms';
import type { CineSeries, CrossSectionSeries, MammoSeries, ProjectionSeries } from './plan';
import { MAMMO_VIEW_CODES, projectionView, type CodedView, type MammoOrientation } from './views';

export const SOP_CLASS = {
  CT: '1.2.840.10008.5.1.4.1.1.2',
  MR: '1.2.840.10008.5.1.4.1.1.4',
  PT: '1.2.840.10008.5.1.4.1.1.128',
  CR: '1.2.840.10008.5.1.4.1.1.1',
  DX: '1.2.840.10008.5.1.4.1.1.1.1',
  MG: '1.2.840.10008.5.1.4.1.1.1.2',
  US: '1.2.840.10008.5.1.4.1.1.3.1',
  XA: '1.2.840.10008.5.1.4.1.1.12.1',
  NM: '1.2.840.10008.5.1.4.1.1.20',
  SEG: '1.2.840.10008.5.1.4.1.1.66.4',
  RTSTRUCT: '1.2.840.10008.5.1.4.1.1.481.3',
  RTDOSE: '1.2.840.10008.5.1.4.1.1.481.2',
  KO: '1.2.840.10008.5.1.4.1.1.88.59',
  PDF: '1.2.840.10008.5.1.4.1.1.104.1',
  CDA: '1.2.840.10008.5.1.4.1.1.104.2',
} as const;

export interface PatientIdentity {
  patientName: string;
  patientID: string;
  issuerOfPatientID: string;
  otherIds: { id: string; issuer: string }[];
  birthDate: string;
  sex: 'F' | 'M';
}

export interface StudyContext {
  identity: PatientIdentity;
  studyInstanceUID: string;
  studyID: string;
  date: string;
  time: string;
  accessionNumber: string;
  description: string;
  referringPhysician: string;
  institutionName: string;
}

export interface SeriesContext {
  seriesInstanceUID: string;
  seriesNumber: number;
  modality: string;
  description: string;
  bodyPartExamined?: string;
  frameOfReferenceUID: string;
}

/** A code sequence item. */
function codeItem(c: CodedView): NaturalDataset {
  return { CodeValue: c.code, CodingSchemeDesignator: c.scheme, CodeMeaning: c.meaning };
}

/** DS values must fit 16 characters; rounding also keeps float noise out of the bytes. */
export function ds(n: number): number {
  return Number(n.toFixed(4));
}

export function baseDataset(
  study: StudyContext,
  series: SeriesContext,
  sopClassUID: string,
  sopInstanceUID: string,
  instanceNumber: number,
): NaturalDataset {
  const id = study.identity;
  const ds: NaturalDataset = {
    SpecificCharacterSet: 'ISO_IR 192',
    SOPClassUID: sopClassUID,
    SOPInstanceUID: sopInstanceUID,
    StudyDate: study.date,
    SeriesDate: study.date,
    ContentDate: study.date,
    StudyTime: study.time,
    SeriesTime: study.time,
    ContentTime: study.time,
    AccessionNumber: study.accessionNumber,
    Modality: series.modality,
    Manufacturer: 'DRIM SAMPLE',
    InstitutionName: study.institutionName,
    ReferringPhysicianName: study.referringPhysician,
    StudyDescription: study.description,
    SeriesDescription: series.description,
    ManufacturerModelName: 'Fantome numerique',
    PatientName: id.patientName,
    PatientID: id.patientID,
    IssuerOfPatientID: id.issuerOfPatientID,
    PatientBirthDate: id.birthDate,
    PatientSex: id.sex,
    StudyInstanceUID: study.studyInstanceUID,
    SeriesInstanceUID: series.seriesInstanceUID,
    StudyID: study.studyID,
    SeriesNumber: series.seriesNumber,
    InstanceNumber: instanceNumber,
  };
  if (id.otherIds.length > 0) {
    ds.OtherPatientIDsSequence = id.otherIds.map((o) => ({
      PatientID: o.id,
      IssuerOfPatientID: o.issuer,
      TypeOfPatientID: 'TEXT',
    }));
  }
  if (series.bodyPartExamined) ds.BodyPartExamined = series.bodyPartExamined;
  return ds;
}

function pixelModule(
  rows: number,
  columns: number,
  bits: 8 | 16,
  bitsStored: number,
  signed: boolean,
  photometric: string,
  pixels: ArrayBufferView,
): NaturalDataset {
  const buffer = pixels.buffer.slice(pixels.byteOffset, pixels.byteOffset + pixels.byteLength);
  return {
    SamplesPerPixel: 1,
    PhotometricInterpretation: photometric,
    Rows: rows,
    Columns: columns,
    BitsAllocated: bits,
    BitsStored: bitsStored,
    HighBit: bitsStored - 1,
    PixelRepresentation: signed ? 1 : 0,
    PixelData: [buffer],
    _vrMap: { PixelData: bits === 8 ? 'OB' : 'OW' },
  };
}

export function crossSectionDataset(
  study: StudyContext,
  series: SeriesContext,
  plan: CrossSectionSeries,
  phantom: CrossSectionPhantom,
  k: number,
  sopInstanceUID: string,
  pixels: Int16Array | Uint16Array,
): NaturalDataset {
  const g = phantom.slices[k];
  if (!g) throw new Error(`no slice ${k}`);
  const ps = ds(g.pixelSpacingMm);
  const sliceLocation =
    plan.orientation === 'axial' ? g.imagePositionPatient[2] : g.imagePositionPatient[0];
  const dataset: NaturalDataset = {
    ...baseDataset(study, series, SOP_CLASS[plan.modality], sopInstanceUID, k + 1),
    ImageType: ['ORIGINAL', 'PRIMARY', plan.orientation === 'axial' ? 'AXIAL' : 'OTHER'],
    PatientPosition: 'HFS',
    SliceThickness: plan.sliceThickness,
    SpacingBetweenSlices: plan.sliceSpacing,
    FrameOfReferenceUID: series.frameOfReferenceUID,
    PositionReferenceIndicator: '',
    ImagePositionPatient: g.imagePositionPatient.map(ds),
    ImageOrientationPatient: g.imageOrientationPatient,
    SliceLocation: ds(sliceLocation),
    AcquisitionNumber: 1,
    PixelSpacing: [ps, ps],
    WindowCenter: phantom.windowCenter,
    WindowWidth: phantom.windowWidth,
    ...pixelModule(
      plan.size,
      plan.size,
      16,
      phantom.bitsStored,
      phantom.signed,
      'MONOCHROME2',
      pixels,
    ),
  };
  if (plan.modality === 'CT') {
    Object.assign(dataset, {
      KVP: 120,
      RescaleIntercept: phantom.truth.rescaleIntercept,
      RescaleSlope: phantom.truth.rescaleSlope,
      RescaleType: 'HU',
      ConvolutionKernel: plan.anatomy === 'spine' ? 'BONE' : 'STANDARD',
    });
  } else if (plan.modality === 'MR') {
    const t2 = /T2|DP/.test(plan.description);
    Object.assign(dataset, {
      ScanningSequence: 'SE',
      SequenceVariant: 'NONE',
      ScanOptions: '',
      MRAcquisitionType: '2D',
      RepetitionTime: t2 ? 4000 : 500,
      EchoTime: t2 ? 90 : 12,
      EchoTrainLength: t2 ? 16 : 1,
      MagneticFieldStrength: 1.5,
    });
  } else {
    Object.assign(dataset, {
      ImageType: ['ORIGINAL', 'PRIMARY'],
      SeriesType: ['WHOLE BODY', 'IMAGE'],
      Units: 'BQML',
      CountsSource: 'EMISSION',
      DecayCorrection: 'START',
      CorrectedImage: ['ATTN', 'DECY'],
      ImageIndex: k + 1,
      NumberOfSlices: plan.slices,
      RescaleIntercept: phantom.truth.rescaleIntercept,
      RescaleSlope: phantom.sliceSlopes?.[k] ?? phantom.truth.rescaleSlope,
    });
  }
  return dataset;
}

export function projectionDataset(
  study: StudyContext,
  series: SeriesContext,
  plan: ProjectionSeries,
  view: ProjectionSeries['views'][number],
  instanceNumber: number,
  sopInstanceUID: string,
  pixels: Uint16Array,
  window: { center: number; width: number },
): NaturalDataset {
  const coded = projectionView(plan, view);
  const dataset: NaturalDataset = {
    ...baseDataset(study, series, SOP_CLASS[plan.modality], sopInstanceUID, instanceNumber),
    ImageType: ['ORIGINAL', 'PRIMARY'],
    ViewPosition: view.viewPosition,
    ...(coded.code ? { ViewCodeSequence: [codeItem(coded.code)] } : {}),
    PatientOrientation: coded.orientation,
    WindowCenter: window.center,
    WindowWidth: window.width,
    ...pixelModule(plan.rows, plan.columns, 16, plan.bitsStored, false, plan.photometric, pixels),
  };
  if (plan.spacingTag === 'imager') dataset.ImagerPixelSpacing = [plan.spacingMm, plan.spacingMm];
  if (plan.modality === 'DX') {
    Object.assign(dataset, {
      PresentationIntentType: 'FOR PRESENTATION',
      ImageLaterality: view.laterality ?? 'U',
      RescaleIntercept: 0,
      RescaleSlope: 1,
      RescaleType: 'US',
      PresentationLUTShape: 'IDENTITY',
      DetectorType: 'SCINTILLATOR',
    });
  } else if (view.laterality) {
    dataset.Laterality = view.laterality;
  }
  return dataset;
}

export function mammoDataset(
  study: StudyContext,
  series: SeriesContext,
  plan: MammoSeries,
  view: { laterality: 'L' | 'R'; viewPosition: 'CC' | 'MLO' },
  orientation: MammoOrientation,
  instanceNumber: number,
  sopInstanceUID: string,
  pixels: Uint16Array,
): NaturalDataset {
  return {
    ...baseDataset(study, series, SOP_CLASS.MG, sopInstanceUID, instanceNumber),
    ImageType: ['ORIGINAL', 'PRIMARY'],
    BodyPartExamined: 'BREAST',
    PresentationIntentType: 'FOR PRESENTATION',
    ImageLaterality: view.laterality,
    ViewPosition: view.viewPosition,
    ViewCodeSequence: [codeItem(MAMMO_VIEW_CODES[view.viewPosition])],
    PatientOrientation: orientation.patientOrientation,
    ImagerPixelSpacing: [plan.spacingMm, plan.spacingMm],
    RescaleIntercept: 0,
    RescaleSlope: 1,
    RescaleType: 'US',
    PresentationLUTShape: 'IDENTITY',
    BreastImplantPresent: 'NO',
    WindowCenter: 1700,
    WindowWidth: 3400,
    ...pixelModule(plan.rows, plan.columns, 16, 12, false, 'MONOCHROME2', pixels),
  };
}

const FRAME_TIME_TAG = 0x00181063;

export function cineDataset(
  study: StudyContext,
  series: SeriesContext,
  plan: CineSeries,
  sopInstanceUID: string,
  pixels: Uint8Array,
): NaturalDataset {
  const rate = Math.round(1000 / plan.frameTimeMs);
  const dataset: NaturalDataset = {
    ...baseDataset(study, series, SOP_CLASS[plan.modality], sopInstanceUID, 1),
    ImageType:
      plan.modality === 'US'
        ? ['ORIGINAL', 'PRIMARY', 'ABDOMINAL']
        : ['ORIGINAL', 'PRIMARY', 'SINGLE PLANE'],
    NumberOfFrames: plan.frames,
    FrameTime: ds(plan.frameTimeMs),
    CineRate: rate,
    RecommendedDisplayFrameRate: rate,
    FrameIncrementPointer: FRAME_TIME_TAG,
    ...pixelModule(plan.rows, plan.columns, 8, 8, false, 'MONOCHROME2', pixels),
  };
  if (plan.modality === 'US') {
    dataset.SequenceOfUltrasoundRegions = [
      {
        RegionSpatialFormat: 1,
        RegionDataType: 1,
        RegionFlags: 0,
        RegionLocationMinX0: 0,
        RegionLocationMinY0: 0,
        RegionLocationMaxX1: plan.columns - 1,
        RegionLocationMaxY1: plan.rows - 1,
        PhysicalUnitsXDirection: 3,
        PhysicalUnitsYDirection: 3,
        PhysicalDeltaX: plan.spacingMm / 10,
        PhysicalDeltaY: plan.spacingMm / 10,
      },
    ];
  } else {
    Object.assign(dataset, {
      ImagerPixelSpacing: [plan.spacingMm, plan.spacingMm],
      PixelIntensityRelationship: 'LIN',
      PositionerMotion: 'STATIC',
      PositionerPrimaryAngle: -30,
      PositionerSecondaryAngle: 0,
      KVP: 80,
      WindowCenter: 128,
      WindowWidth: 256,
    });
  }
  return dataset;
}

export function reportDataset(
  study: StudyContext,
  series: SeriesContext,
  kind: 'pdf' | 'cda',
  sopInstanceUID: string,
  title: string,
  document: Buffer,
  cdaDocumentUID: string,
): NaturalDataset {
  const bytes = document.buffer.slice(
    document.byteOffset,
    document.byteOffset + document.byteLength,
  );
  const dataset: NaturalDataset = {
    ...baseDataset(
      study,
      series,
      kind === 'pdf' ? SOP_CLASS.PDF : SOP_CLASS.CDA,
      sopInstanceUID,
      1,
    ),
    ConversionType: 'WSD',
    AcquisitionDateTime: study.date ? `${study.date}${study.time}` : '',
    BurnedInAnnotation: 'YES',
    DocumentTitle: title,
    ConceptNameCodeSequence: [
      {
        CodeValue: '18748-4',
        CodingSchemeDesignator: 'LN',
        CodeMeaning: 'Diagnostic imaging report',
      },
    ],
    MIMETypeOfEncapsulatedDocument: kind === 'pdf' ? 'application/pdf' : 'text/XML',
    EncapsulatedDocument: [bytes],
    EncapsulatedDocumentLength: document.length,
    _vrMap: { EncapsulatedDocument: 'OB' },
  };
  if (kind === 'cda') dataset.HL7InstanceIdentifier = cdaDocumentUID;
  return dataset;
}

export interface KeyObjectReference {
  sopClassUID: string;
  seriesInstanceUID: string;
  sopInstanceUID: string;
}

/** Key Object Selection Document (PS3.3 A.35.4, TID 2010): a title, a note, the images. */
export function keyObjectDataset(
  study: StudyContext,
  series: SeriesContext,
  sopInstanceUID: string,
  title: { code: string; scheme: string; meaning: string },
  description: string,
  references: readonly KeyObjectReference[],
): NaturalDataset {
  const bySeries = new Map<string, KeyObjectReference[]>();
  for (const r of references) {
    const list = bySeries.get(r.seriesInstanceUID) ?? [];
    // The evidence lists each instance once, even when the selection names it twice.
    if (!list.some((x) => x.sopInstanceUID === r.sopInstanceUID)) list.push(r);
    bySeries.set(r.seriesInstanceUID, list);
  }
  const sop = (r: KeyObjectReference) => ({
    ReferencedSOPClassUID: r.sopClassUID,
    ReferencedSOPInstanceUID: r.sopInstanceUID,
  });
  return {
    ...baseDataset(study, series, SOP_CLASS.KO, sopInstanceUID, 1),
    ReferencedPerformedProcedureStepSequence: [],
    ValueType: 'CONTAINER',
    ConceptNameCodeSequence: [codeItem(title)],
    ContinuityOfContent: 'SEPARATE',
    ContentTemplateSequence: [{ MappingResource: 'DCMR', TemplateIdentifier: '2010' }],
    CurrentRequestedProcedureEvidenceSequence: [
      {
        StudyInstanceUID: study.studyInstanceUID,
        ReferencedSeriesSequence: [...bySeries].map(([uid, list]) => ({
          SeriesInstanceUID: uid,
          ReferencedSOPSequence: list.map(sop),
        })),
      },
    ],
    ContentSequence: [
      ...(description
        ? [
            {
              RelationshipType: 'CONTAINS',
              ValueType: 'TEXT',
              ConceptNameCodeSequence: [
                codeItem({ code: '113012', scheme: 'DCM', meaning: 'Key Object Description' }),
              ],
              TextValue: description,
            },
          ]
        : []),
      ...references.map((r) => ({
        RelationshipType: 'CONTAINS',
        ValueType: 'IMAGE',
        ReferencedSOPSequence: [sop(r)],
      })),
    ],
  };
}

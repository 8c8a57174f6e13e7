// Nuclear medicine (issue 20): the attributes a PET's SUV is computed from, its expected
// SUVbw, and NM multi-frame images whose every frame is known.
import type { NaturalDataset } from 'dcmjs';
import { ds, type SeriesContext, type StudyContext, baseDataset, SOP_CLASS } from './dicom-objects';
import type { ManifestNmTruth } from './manifest';
import type { NmSeries, PetAcquisition } from './plan';

/** Fluorine-18 (s), as scanners write RadionuclideHalfLife. */
export const F18_HALF_LIFE_S = 6586.2;

function seconds(hhmmss: string): number {
  const h = Number(hhmmss.slice(0, 2));
  const m = Number(hhmmss.slice(2, 4));
  const s = Number(hhmmss.slice(4, 6));
  return h * 3600 + m * 60 + s;
}

/**
 * SUVbw per Bq/ml, computed here by hand so the viewer's library (calculate-suv) is checked
 * against an independent figure:
 *
 *   SUVbw = C × W / D(t)   with   D(t) = D₀ × 2^(−(t − t_inj) / T½)
 *
 * C the activity concentration (Bq/ml), W the weight (g; 1 g ≈ 1 ml of tissue), D₀ the
 * injected dose (Bq) at t_inj, t the series' start: DecayCorrection START means every image
 * is decay-corrected to it. Injection and series are on the same day here.
 */
export function bqmlToSuvbw(acq: PetAcquisition): number {
  const dt = seconds(acq.seriesTime) - seconds(acq.injectionTime);
  if (dt <= 0) throw new Error('the series must start after the injection');
  const decayed = acq.injectedDoseBq * 2 ** (-dt / F18_HALF_LIFE_S);
  return (acq.patientWeightKg * 1000) / decayed;
}

/** What a scanner writes for SUV (Patient Study, PET Series, PET Isotope modules). */
export function petAttributes(acq: PetAcquisition, date: string): NaturalDataset {
  return {
    PatientWeight: acq.patientWeightKg,
    PatientSize: acq.patientSizeM,
    SeriesDate: date,
    SeriesTime: acq.seriesTime,
    AcquisitionDate: date,
    AcquisitionTime: acq.seriesTime,
    Units: 'BQML',
    DecayCorrection: 'START',
    CorrectedImage: ['ATTN', 'DECY'],
    RandomsCorrectionMethod: 'DLYD',
    AttenuationCorrectionMethod: 'CT',
    ReconstructionMethod: 'OSEM',
    DecayFactor: 1,
    RadiopharmaceuticalInformationSequence: [
      {
        Radiopharmaceutical: acq.radiopharmaceutical,
        RadiopharmaceuticalCodeSequence: [
          {
            CodeValue: 'C-B1031',
            CodingSchemeDesignator: 'SRT',
            CodeMeaning: 'Fluorodeoxyglucose F^18^',
          },
        ],
        RadionuclideCodeSequence: [
          { CodeValue: 'C-111A1', CodingSchemeDesignator: 'SRT', CodeMeaning: '^18^Fluorine' },
        ],
        RadiopharmaceuticalRoute: 'Intravenous route',
        RadiopharmaceuticalStartTime: acq.injectionTime,
        RadiopharmaceuticalStartDateTime: `${date}${acq.injectionTime}`,
        RadionuclideTotalDose: acq.injectedDoseBq,
        RadionuclideHalfLife: F18_HALF_LIFE_S,
        RadionuclidePositronFraction: 0.9673,
      },
    ],
  };
}

export interface NmRender {
  truth: ManifestNmTruth;
  pixels: Uint16Array;
}

/** Uniform frames (no noise: counts are exact) with one hot disc each. */
export function renderNm(plan: NmSeries): NmRender {
  const { rows, columns } = plan;
  const frameSize = rows * columns;
  const pixels = new Uint16Array(frameSize * plan.frames.length);
  for (const [f, frame] of plan.frames.entries()) {
    const [cx, cy] = frame.hotSpotCenterPx;
    const r2 = frame.hotSpotRadiusPx * frame.hotSpotRadiusPx;
    for (let row = 0; row < rows; row++) {
      for (let col = 0; col < columns; col++) {
        const dx = col - cx;
        const dy = row - cy;
        pixels[f * frameSize + row * columns + col] =
          dx * dx + dy * dy <= r2 ? frame.hotSpotCounts : plan.background;
      }
    }
  }
  return {
    pixels,
    truth: {
      kind: plan.kind,
      pixelSpacingMm: [plan.spacingMm, plan.spacingMm],
      background: plan.background,
      frames: plan.frames.map((x, f) => ({
        frame: f + 1,
        detector: x.detector,
        energyWindow: x.energyWindow,
        ...(plan.kind === 'dynamic' ? { startMs: f * (plan.frameDurationMs ?? 0) } : {}),
        hotSpotCenterPx: [...x.hotSpotCenterPx],
        hotSpotRadiusPx: x.hotSpotRadiusPx,
        hotSpotCounts: x.hotSpotCounts,
      })),
    },
  };
}

// Attribute tags FrameIncrementPointer names (PS3.3 C.8.4.8.1.1).
const ENERGY_WINDOW_VECTOR = 0x00540010;
const DETECTOR_VECTOR = 0x00540020;
const PHASE_VECTOR = 0x00540030;
const TIME_SLICE_VECTOR = 0x00540100;

const code = (value: string, scheme: string, meaning: string): NaturalDataset => ({
  CodeValue: value,
  CodingSchemeDesignator: scheme,
  CodeMeaning: meaning,
});

/**
 * One detector head's plane: head 1 faces the patient's front (anterior view: columns run
 * towards the patient's left, rows towards the feet), head 2 their back (posterior view,
 * columns towards the right).
 */
function detectorItem(plan: NmSeries, detector: number): NaturalDataset {
  const halfWidth = ((plan.columns - 1) * plan.spacingMm) / 2;
  const top = ds(((plan.rows - 1) * plan.spacingMm) / 2);
  const anterior = detector === 1;
  return {
    CollimatorGridName: 'LEHR',
    CollimatorType: 'PARA',
    FieldOfViewShape: 'RECTANGLE',
    FieldOfViewDimensions: [540, 400],
    ZoomFactor: [1, 1],
    RadialPosition: 250,
    ImagePositionPatient: anterior ? [ds(-halfWidth), -250, top] : [ds(halfWidth), 250, top],
    ImageOrientationPatient: anterior ? [1, 0, 0, 0, 0, -1] : [-1, 0, 0, 0, 0, -1],
    // CID 26 (Nuclear Medicine Projection).
    ViewCodeSequence: [
      anterior
        ? code('399321004', 'SCT', 'Anterior projection')
        : code('399001007', 'SCT', 'Posterior projection'),
    ],
  };
}

export function nmDataset(
  study: StudyContext,
  series: SeriesContext,
  plan: NmSeries,
  sopInstanceUID: string,
  pixels: Uint16Array,
): NaturalDataset {
  const frames = plan.frames;
  const detectors = [...new Set(frames.map((f) => f.detector))].sort((a, b) => a - b);
  const windows = [...new Set(frames.map((f) => f.energyWindow))].sort((a, b) => a - b);
  const dynamic = plan.kind === 'dynamic';
  const max = Math.max(plan.background, ...frames.map((f) => f.hotSpotCounts));
  const buffer = pixels.buffer.slice(pixels.byteOffset, pixels.byteOffset + pixels.byteLength);
  const dataset: NaturalDataset = {
    ...baseDataset(study, series, SOP_CLASS.NM, sopInstanceUID, 1),
    ImageType: ['ORIGINAL', 'PRIMARY', dynamic ? 'DYNAMIC' : 'WHOLE BODY', 'EMISSION'],
    AcquisitionDate: study.date,
    AcquisitionTime: study.time,
    PatientOrientationCodeSequence: [
      {
        ...code('F-10450', 'SRT', 'recumbent'),
        PatientOrientationModifierCodeSequence: [code('F-10340', 'SRT', 'supine')],
      },
    ],
    PatientGantryRelationshipCodeSequence: [code('F-10470', 'SRT', 'headfirst')],
    NumberOfFrames: frames.length,
    FrameIncrementPointer: dynamic
      ? [ENERGY_WINDOW_VECTOR, DETECTOR_VECTOR, PHASE_VECTOR, TIME_SLICE_VECTOR]
      : [ENERGY_WINDOW_VECTOR, DETECTOR_VECTOR],
    EnergyWindowVector: frames.map((f) => f.energyWindow),
    NumberOfEnergyWindows: windows.length,
    DetectorVector: frames.map((f) => f.detector),
    NumberOfDetectors: detectors.length,
    EnergyWindowInformationSequence: windows.map(() => ({
      EnergyWindowName: 'TC99M',
      EnergyWindowRangeSequence: [
        { EnergyWindowLowerLimit: 126.45, EnergyWindowUpperLimit: 154.55 },
      ],
    })),
    RadiopharmaceuticalInformationSequence: [
      {
        RadionuclideCodeSequence: [code('C-163A8', 'SRT', '^99m^Technetium')],
        Radiopharmaceutical: 'HMDP',
        RadiopharmaceuticalStartTime: '071500',
        RadionuclideTotalDose: 740,
      },
    ],
    DetectorInformationSequence: detectors.map((d) => detectorItem(plan, d)),
    PixelSpacing: [plan.spacingMm, plan.spacingMm],
    CountsAccumulated: frames.reduce((n, f) => n + f.hotSpotCounts, 0),
    AcquisitionTerminationCondition: dynamic ? 'TIME' : 'MANU',
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows: plan.rows,
    Columns: plan.columns,
    BitsAllocated: 16,
    BitsStored: 16,
    HighBit: 15,
    PixelRepresentation: 0,
    WindowCenter: Math.round(max / 2),
    WindowWidth: max,
    PixelData: [buffer],
    _vrMap: { PixelData: 'OW' },
  };
  if (dynamic) {
    const duration = plan.frameDurationMs ?? 0;
    Object.assign(dataset, {
      PhaseVector: frames.map(() => 1),
      NumberOfPhases: 1,
      PhaseInformationSequence: [
        {
          PhaseDelay: 0,
          ActualFrameDuration: duration,
          PauseBetweenFrames: 0,
          NumberOfFramesInPhase: frames.length,
        },
      ],
      TimeSliceVector: frames.map((_, f) => f + 1),
      ActualFrameDuration: duration,
      FrameTime: duration,
    });
  } else {
    Object.assign(dataset, { ScanVelocity: 15, WholeBodyTechnique: ['1PS'] });
  }
  return dataset;
}

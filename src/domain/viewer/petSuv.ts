// SUVbw of a PET series from its own attributes. The arithmetic is
// @cornerstonejs/calculate-suv's (the QIBA/OHIF reading of PS3.3 C.8.9, kept up by the
// Cornerstone team), passed in by the caller (lib/cornerstone/suvCalculator.ts: the domain
// imports no package); this module feeds it from defensive DICOM JSON and turns each way it
// can fail — a missing attribute, or one contradicting another — into a named reason, so the
// viewer says which attribute keeps it from SUV and shows stored units instead of a wrong
// number. calculate-suv throws on some of these and silently accepts others (a weight of
// 500 t, a decay correction of NONE): both are checked here first.
import { num, seq, str, strs, type DicomDataset } from '../dicom/dicomJson';

/** calculate-suv's SuvInput (its field names are DICOM keywords). */
export interface SuvInput {
  CorrectedImage: string[] | string;
  Units: string;
  RadionuclideHalfLife: number;
  RadionuclideTotalDose: number;
  DecayCorrection: string;
  PatientWeight: number;
  SeriesDate: string;
  SeriesTime: string;
  AcquisitionDate: string;
  AcquisitionTime: string;
  RadiopharmaceuticalStartTime?: string;
  RadiopharmaceuticalStartDateTime?: string;
  PhilipsPETPrivateGroup?: {
    SUVScaleFactor: number | undefined;
    ActivityConcentrationScaleFactor: number | undefined;
  };
  GEPrivatePostInjectionDateTime?: string;
  FrameReferenceTime?: number;
  ActualFrameDuration?: number;
  PatientSize?: number;
  PatientSex?: string;
}

/** calculate-suv's calculateSUVScalingFactors: one factor per instance, or it throws. */
export type SuvCalculator = (inputs: SuvInput[]) => readonly { suvbw: number }[];

const T = {
  SOPInstanceUID: '00080018',
  Modality: '00080060',
  SeriesDate: '00080021',
  SeriesTime: '00080031',
  AcquisitionDate: '00080022',
  AcquisitionTime: '00080032',
  PatientSex: '00100040',
  PatientSize: '00101020',
  PatientWeight: '00101030',
  CorrectedImage: '00280051',
  Units: '00541001',
  DecayCorrection: '00541102',
  FrameReferenceTime: '00541300',
  ActualFrameDuration: '00181242',
  RadiopharmaceuticalInformationSequence: '00540016',
  RadiopharmaceuticalStartTime: '00181072',
  RadiopharmaceuticalStartDateTime: '00181078',
  RadionuclideTotalDose: '00181074',
  RadionuclideHalfLife: '00181075',
  // Private groups, trusted only under their creator's name (PS3.5 7.8.1).
  PhilipsCreator: '70530010',
  PhilipsSuvScaleFactor: '70531000',
  PhilipsActivityConcentrationScaleFactor: '70531009',
  GeCreator: '00090010',
  GePostInjectionDateTime: '0009100D',
} as const;

const PHILIPS_CREATOR = 'Philips PET Private Group';
const GE_CREATOR = 'GEMS_PETD_01';

/** Why SUV cannot be given; `attribute` is the DICOM keyword a physicist would look up. */
export type SuvReasonCode =
  | 'notPet'
  | 'noInstance'
  | 'patientWeight'
  | 'injectedDose'
  | 'halfLife'
  | 'injectionTime'
  | 'seriesTime'
  | 'acquisitionTime'
  | 'units'
  | 'countsWithoutFactor'
  | 'decayCorrection'
  | 'correctedImage'
  | 'injectionAfterScan'
  | 'notOneSeries'
  | 'other';

export interface SuvUnavailable {
  ok: false;
  code: SuvReasonCode;
  /** The attribute at fault (DICOM keyword), '' when none is (not a PET). */
  attribute: string;
  /** The stored units the series is shown in instead (PS3.3 C.8.9.1.1.3): 'BQML', 'CNTS'… */
  storedUnits: string;
}

export interface SuvAvailable {
  ok: true;
  /** Stored value (after the modality rescale) × factor = SUVbw, per SOPInstanceUID. */
  suvbwBySop: ReadonlyMap<string, number>;
  storedUnits: string;
  decayCorrection: 'START' | 'ADMIN';
}

export type SuvScaling = SuvAvailable | SuvUnavailable;

/** A DS read as a number, or undefined (calculate-suv's "absent"). */
function numOrUndefined(ds: DicomDataset, tag: string): number | undefined {
  return num(ds, tag) ?? undefined;
}

/** An element's first value as text, also from an InlineBinary-free string or number. */
function text(ds: DicomDataset, tag: string): string {
  return str(ds, tag);
}

/** The radiopharmaceutical item: the first one, as every scanner writes one. */
function radiopharmaceutical(ds: DicomDataset): DicomDataset {
  return seq(ds, T.RadiopharmaceuticalInformationSequence)[0] ?? {};
}

function philipsGroup(ds: DicomDataset): SuvInput['PhilipsPETPrivateGroup'] {
  if (text(ds, T.PhilipsCreator) !== PHILIPS_CREATOR) return undefined;
  const suv = numOrUndefined(ds, T.PhilipsSuvScaleFactor);
  const activity = numOrUndefined(ds, T.PhilipsActivityConcentrationScaleFactor);
  if (suv === undefined && activity === undefined) return undefined;
  return { SUVScaleFactor: suv, ActivityConcentrationScaleFactor: activity };
}

/** calculate-suv's input for one instance, each attribute read defensively. */
export function suvInput(ds: DicomDataset): SuvInput {
  const rp = radiopharmaceutical(ds);
  const input: SuvInput = {
    CorrectedImage: strs(ds, T.CorrectedImage),
    Units: text(ds, T.Units).toUpperCase(),
    RadionuclideHalfLife: num(rp, T.RadionuclideHalfLife) as number,
    RadionuclideTotalDose: num(rp, T.RadionuclideTotalDose) as number,
    DecayCorrection: text(ds, T.DecayCorrection).toUpperCase(),
    PatientWeight: num(ds, T.PatientWeight) as number,
    SeriesDate: text(ds, T.SeriesDate),
    SeriesTime: text(ds, T.SeriesTime),
    AcquisitionDate: text(ds, T.AcquisitionDate),
    AcquisitionTime: text(ds, T.AcquisitionTime),
  };
  const startDateTime = text(rp, T.RadiopharmaceuticalStartDateTime);
  if (startDateTime) input.RadiopharmaceuticalStartDateTime = startDateTime;
  const startTime = text(rp, T.RadiopharmaceuticalStartTime);
  if (startTime) input.RadiopharmaceuticalStartTime = startTime;
  const philips = philipsGroup(ds);
  if (philips) input.PhilipsPETPrivateGroup = philips;
  if (text(ds, T.GeCreator) === GE_CREATOR) {
    const ge = text(ds, T.GePostInjectionDateTime);
    if (ge) input.GEPrivatePostInjectionDateTime = ge;
  }
  const frameRef = numOrUndefined(ds, T.FrameReferenceTime);
  if (frameRef !== undefined) input.FrameReferenceTime = frameRef;
  const duration = numOrUndefined(ds, T.ActualFrameDuration);
  if (duration !== undefined) input.ActualFrameDuration = duration;
  const size = numOrUndefined(ds, T.PatientSize);
  if (size !== undefined && size > 0) input.PatientSize = size;
  const sex = text(ds, T.PatientSex);
  if (sex === 'M' || sex === 'F') input.PatientSex = sex;
  return input;
}

const DA = /^\d{8}$/;
/** TM: HH, HHMM, HHMMSS, HHMMSS.F{1,6} (the colon-separated ACR-NEMA form too). */
const TM = /^\d{2}(:?\d{2}(:?\d{2}(\.\d{1,6})?)?)?$/;
/** DT down to the minute at least, an optional UTC offset (dropped by calculate-suv). */
const DT = /^\d{12}(\d{2}(\.\d{1,6})?)?([+-]\d{4})?$/;

function validTime(tm: string): boolean {
  if (!TM.test(tm)) return false;
  const digits = tm.replace(/:/g, '');
  const hh = Number(digits.slice(0, 2));
  const mm = digits.length >= 4 ? Number(digits.slice(2, 4)) : 0;
  const ss = digits.length >= 6 ? Number(digits.slice(4, 6)) : 0;
  return hh < 24 && mm < 60 && ss < 61;
}

function validDate(da: string): boolean {
  if (!DA.test(da)) return false;
  const m = Number(da.slice(4, 6));
  const d = Number(da.slice(6, 8));
  return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

function validDateTime(dt: string): boolean {
  return DT.test(dt) && validDate(dt.slice(0, 8)) && validTime(dt.slice(8).replace(/[+-].*$/, ''));
}

type Failure = Omit<SuvUnavailable, 'ok' | 'storedUnits'>;

const fail = (code: SuvReasonCode, attribute: string): Failure => ({ code, attribute });

/** Upper bounds no patient or injection reaches: a value beyond is a wrong unit (g, MBq). */
const MAX_WEIGHT_KG = 650;
const MAX_DOSE_BQ = 1e11;

/** The first reason, in the order a physicist would check the header, or null. */
function firstProblem(inputs: readonly SuvInput[]): Failure | null {
  const [a] = inputs;
  if (!a) return fail('noInstance', '');
  if (!a.PatientWeight || a.PatientWeight <= 0 || a.PatientWeight > MAX_WEIGHT_KG)
    return fail('patientWeight', 'PatientWeight');
  if (
    !a.RadionuclideTotalDose ||
    a.RadionuclideTotalDose <= 0 ||
    a.RadionuclideTotalDose > MAX_DOSE_BQ
  )
    return fail('injectedDose', 'RadionuclideTotalDose');
  if (!a.RadionuclideHalfLife || a.RadionuclideHalfLife <= 0)
    return fail('halfLife', 'RadionuclideHalfLife');
  if (a.Units === '') return fail('units', 'Units');
  if (a.Units === 'CNTS') {
    const usable = inputs.every((i) => {
      const p = i.PhilipsPETPrivateGroup;
      return Boolean(p && (p.SUVScaleFactor || p.ActivityConcentrationScaleFactor));
    });
    if (!usable) return fail('countsWithoutFactor', 'Units');
  } else if (a.Units !== 'BQML' && a.Units !== 'GML') return fail('units', 'Units');
  if (a.DecayCorrection !== 'START' && a.DecayCorrection !== 'ADMIN')
    return fail('decayCorrection', 'DecayCorrection');
  const corrected = Array.isArray(a.CorrectedImage) ? a.CorrectedImage : [a.CorrectedImage];
  if (!corrected.includes('DECY')) return fail('correctedImage', 'CorrectedImage');
  // calculate-suv asks for attenuation correction too: without it values are not Bq/ml.
  if (!corrected.includes('ATTN')) return fail('correctedImage', 'CorrectedImage');
  if (!validDate(a.SeriesDate)) return fail('seriesTime', 'SeriesDate');
  if (!validTime(a.SeriesTime)) return fail('seriesTime', 'SeriesTime');
  if (a.RadiopharmaceuticalStartDateTime !== undefined) {
    if (!validDateTime(a.RadiopharmaceuticalStartDateTime))
      return fail('injectionTime', 'RadiopharmaceuticalStartDateTime');
  } else if (a.RadiopharmaceuticalStartTime !== undefined) {
    if (!validTime(a.RadiopharmaceuticalStartTime))
      return fail('injectionTime', 'RadiopharmaceuticalStartTime');
  } else return fail('injectionTime', 'RadiopharmaceuticalStartDateTime');
  for (const i of inputs) {
    if (!validDate(i.AcquisitionDate)) return fail('acquisitionTime', 'AcquisitionDate');
    if (!validTime(i.AcquisitionTime)) return fail('acquisitionTime', 'AcquisitionTime');
  }
  // Series-level attributes must agree across instances (calculate-suv only says "not one
  // series"): the first that differs is named.
  const seriesLevel: readonly (keyof SuvInput)[] = [
    'PatientWeight',
    'RadionuclideTotalDose',
    'RadionuclideHalfLife',
    'Units',
    'DecayCorrection',
    'SeriesDate',
    'SeriesTime',
    'PatientSize',
    'PatientSex',
  ];
  for (const key of seriesLevel) {
    if (inputs.some((i) => i[key] !== a[key])) return fail('notOneSeries', key);
  }
  if (inputs.some((i) => String(i.CorrectedImage) !== String(a.CorrectedImage)))
    return fail('notOneSeries', 'CorrectedImage');
  return null;
}

/** calculate-suv's errors, named (it throws plain Errors: their wording is all there is). */
function reasonOfError(error: unknown): Failure {
  const message = error instanceof Error ? error.message : '';
  if (/Decay time cannot be less than zero/i.test(message))
    return fail('injectionAfterScan', 'RadiopharmaceuticalStartDateTime');
  if (/PatientWeight/i.test(message)) return fail('patientWeight', 'PatientWeight');
  if (/RadionuclideTotalDose/i.test(message)) return fail('injectedDose', 'RadionuclideTotalDose');
  if (/RadionuclideHalfLife/i.test(message)) return fail('halfLife', 'RadionuclideHalfLife');
  if (/acquisition/i.test(message)) return fail('acquisitionTime', 'AcquisitionTime');
  if (/CorrectedImage/i.test(message)) return fail('correctedImage', 'CorrectedImage');
  if (/PhilipsPETPrivateGroup/i.test(message)) return fail('countsWithoutFactor', 'Units');
  if (/Units/i.test(message)) return fail('units', 'Units');
  if (/one Series/i.test(message)) return fail('notOneSeries', '');
  return fail('other', '');
}

/**
 * The SUVbw factor of each instance of a PET series, or why there is none. Every instance
 * of the series is needed: the scan's start is the earliest acquisition when the series'
 * time is later than it (calculate-suv), and series-level attributes must agree.
 */
export function suvScalingOf(
  instances: readonly DicomDataset[],
  calculate: SuvCalculator,
): SuvScaling {
  const withSop = instances.filter((ds) => str(ds, T.SOPInstanceUID) !== '');
  const storedUnits = withSop[0] ? text(withSop[0], T.Units).toUpperCase() : '';
  const unavailable = (f: Failure): SuvUnavailable => ({ ok: false, storedUnits, ...f });
  if (withSop.some((ds) => str(ds, T.Modality) !== 'PT')) return unavailable(fail('notPet', ''));
  const inputs = withSop.map(suvInput);
  const problem = firstProblem(inputs);
  if (problem) return unavailable(problem);
  let factors: number[];
  try {
    factors = calculate(inputs).map((f) => f.suvbw);
  } catch (error) {
    return unavailable(reasonOfError(error));
  }
  const first = inputs[0] as SuvInput;
  if (first.DecayCorrection === 'ADMIN' && first.Units !== 'GML') {
    // calculate-suv decays the dose to the scan's start whatever DecayCorrection says; with
    // ADMIN the pixels are already decay-corrected to the injection (PS3.3 C.8.9.1.1.4), so
    // the dose is taken undecayed: the factor is weight / dose (× Philips' activity factor).
    const grams = first.PatientWeight * 1000;
    factors = inputs.map((i) => {
      const philips = i.PhilipsPETPrivateGroup;
      if (first.Units === 'CNTS' && philips?.SUVScaleFactor) return philips.SUVScaleFactor;
      const activity =
        first.Units === 'CNTS' ? (philips?.ActivityConcentrationScaleFactor ?? 1) : 1;
      return (activity * grams) / first.RadionuclideTotalDose;
    });
  }
  if (factors.length !== withSop.length || factors.some((f) => !Number.isFinite(f) || f <= 0))
    return unavailable(fail('other', ''));
  const suvbwBySop = new Map<string, number>();
  withSop.forEach((ds, index) =>
    suvbwBySop.set(str(ds, T.SOPInstanceUID), factors[index] as number),
  );
  return {
    ok: true,
    suvbwBySop,
    storedUnits,
    decayCorrection: first.DecayCorrection as 'START' | 'ADMIN',
  };
}

// The domain's SUV reading (domain/viewer/petSuv.ts) with the calculator it is given in the
// app, calculate-suv: each reason it names, and factors checked from first principles.
import { describe, expect, it } from 'vitest';
import type { DicomDataset } from '../../domain/dicom/dicomJson';
import { suvScalingOf, type SuvReasonCode } from '../../domain/viewer/petSuv';
import { calculateSuv } from './suvCalculator';

const WEIGHT_KG = 72.5;
const DOSE_BQ = 3.1e8;
const HALF_LIFE_S = 6586.2;

type Json = Record<string, unknown>;
const el = (vr: string, ...Value: unknown[]): Json => ({ vr, Value });

/** One PET instance as a DICOM JSON source sends it: injection 09:30, series start 10:30. */
function pet(sop: string, changes: Json = {}, rpChanges: Json = {}): DicomDataset {
  const rp: Json = {
    '00181078': el('DT', '20260115093000'),
    '00181072': el('TM', '093000'),
    '00181074': el('DS', DOSE_BQ),
    '00181075': el('DS', HALF_LIFE_S),
    ...rpChanges,
  };
  const ds: Json = {
    '00080018': el('UI', sop),
    '00080060': el('CS', 'PT'),
    '00080021': el('DA', '20260115'),
    '00080031': el('TM', '103000'),
    '00080022': el('DA', '20260115'),
    '00080032': el('TM', '103000'),
    '00100040': el('CS', 'F'),
    '00101030': el('DS', String(WEIGHT_KG)),
    '00280051': el('CS', 'ATTN', 'DECY', 'SCAT'),
    '00541001': el('CS', 'BQML'),
    '00541102': el('CS', 'START'),
    '00540016': { vr: 'SQ', Value: [rp] },
    ...changes,
  };
  for (const [k, v] of Object.entries(ds)) if (v === undefined) delete ds[k];
  for (const [k, v] of Object.entries(rp)) if (v === undefined) delete rp[k];
  return ds;
}

/** SUVbw from first principles: weight (g) / (dose decayed over Δt). */
function expectedFactor(deltaS: number, weightKg = WEIGHT_KG, dose = DOSE_BQ): number {
  return (weightKg * 1000) / (dose * Math.pow(2, -deltaS / HALF_LIFE_S));
}

describe('SUVbw factor of a PET series', () => {
  it('is weight / decayed dose, the dose decayed from injection to the series’ start', () => {
    const result = suvScalingOf(
      [pet('1.1'), pet('1.2', { '00080032': el('TM', '103500') })],
      calculateSuv,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const truth = expectedFactor(3600);
    expect(result.suvbwBySop.get('1.1')).toBeCloseTo(truth, 12);
    expect(result.suvbwBySop.get('1.2')).toBeCloseTo(truth, 12);
    // 1 Bq/ml of a 72.5 kg patient given 310 MBq one hour earlier ≈ 3.4e-4 SUV.
    expect(truth).toBeGreaterThan(3e-4);
    expect(truth).toBeLessThan(4e-4);
    expect(result.decayCorrection).toBe('START');
  });

  it('takes the earliest acquisition as the scan’s start when the series’ time is later', () => {
    const result = suvScalingOf(
      [
        pet('1.1', { '00080031': el('TM', '110000'), '00080032': el('TM', '104500') }),
        pet('1.2', { '00080031': el('TM', '110000'), '00080032': el('TM', '105000') }),
      ],
      calculateSuv,
    );
    expect(result.ok && result.suvbwBySop.get('1.1')).toBeCloseTo(expectedFactor(4500), 12);
  });

  it('reads a time with a fraction and a start time without its date (the series’ date)', () => {
    const result = suvScalingOf(
      [pet('1.1', { '00080031': el('TM', '103000.500000') }, { '00181078': undefined })],
      calculateSuv,
    );
    expect(result.ok && result.suvbwBySop.get('1.1')).toBeCloseTo(expectedFactor(3600), 12);
  });

  it('with DecayCorrection ADMIN, does not decay the dose again', () => {
    const result = suvScalingOf([pet('1.1', { '00541102': el('CS', 'ADMIN') })], calculateSuv);
    expect(result.ok && result.suvbwBySop.get('1.1')).toBeCloseTo((WEIGHT_KG * 1000) / DOSE_BQ, 12);
  });

  it('uses Philips’ SUV scale factor for counts', () => {
    const result = suvScalingOf(
      [
        pet('1.1', {
          '00541001': el('CS', 'CNTS'),
          '70530010': el('LO', 'Philips PET Private Group'),
          '70531000': el('DS', 0.000123),
        }),
      ],
      calculateSuv,
    );
    expect(result.ok && result.suvbwBySop.get('1.1')).toBeCloseTo(0.000123, 12);
  });

  const cases: { name: string; series: DicomDataset[]; code: SuvReasonCode; attribute: string }[] =
    [
      {
        name: 'no PatientWeight',
        series: [pet('1', { '00101030': undefined })],
        code: 'patientWeight',
        attribute: 'PatientWeight',
      },
      {
        name: 'PatientWeight 0',
        series: [pet('1', { '00101030': el('DS', '0') })],
        code: 'patientWeight',
        attribute: 'PatientWeight',
      },
      {
        name: 'PatientWeight in grams',
        series: [pet('1', { '00101030': el('DS', '72500') })],
        code: 'patientWeight',
        attribute: 'PatientWeight',
      },
      {
        name: 'no RadionuclideTotalDose',
        series: [pet('1', {}, { '00181074': undefined })],
        code: 'injectedDose',
        attribute: 'RadionuclideTotalDose',
      },
      {
        name: 'no radiopharmaceutical sequence',
        series: [pet('1', { '00540016': undefined })],
        code: 'injectedDose',
        attribute: 'RadionuclideTotalDose',
      },
      {
        name: 'no RadionuclideHalfLife',
        series: [pet('1', {}, { '00181075': undefined })],
        code: 'halfLife',
        attribute: 'RadionuclideHalfLife',
      },
      {
        name: 'no injection time at all',
        series: [pet('1', {}, { '00181078': undefined, '00181072': undefined })],
        code: 'injectionTime',
        attribute: 'RadiopharmaceuticalStartDateTime',
      },
      {
        name: 'an unreadable injection time',
        series: [pet('1', {}, { '00181078': undefined, '00181072': el('TM', '9h30') })],
        code: 'injectionTime',
        attribute: 'RadiopharmaceuticalStartTime',
      },
      {
        name: 'no Units',
        series: [pet('1', { '00541001': undefined })],
        code: 'units',
        attribute: 'Units',
      },
      {
        name: 'Units PROPCNTS',
        series: [pet('1', { '00541001': el('CS', 'PROPCNTS') })],
        code: 'units',
        attribute: 'Units',
      },
      {
        name: 'CNTS without a Philips factor',
        series: [pet('1', { '00541001': el('CS', 'CNTS') })],
        code: 'countsWithoutFactor',
        attribute: 'Units',
      },
      {
        name: 'DecayCorrection NONE',
        series: [pet('1', { '00541102': el('CS', 'NONE') })],
        code: 'decayCorrection',
        attribute: 'DecayCorrection',
      },
      {
        name: 'no DecayCorrection',
        series: [pet('1', { '00541102': undefined })],
        code: 'decayCorrection',
        attribute: 'DecayCorrection',
      },
      {
        name: 'CorrectedImage without DECY',
        series: [pet('1', { '00280051': el('CS', 'ATTN', 'SCAT') })],
        code: 'correctedImage',
        attribute: 'CorrectedImage',
      },
      {
        name: 'CorrectedImage without ATTN',
        series: [pet('1', { '00280051': el('CS', 'DECY') })],
        code: 'correctedImage',
        attribute: 'CorrectedImage',
      },
      {
        name: 'no SeriesTime',
        series: [pet('1', { '00080031': undefined })],
        code: 'seriesTime',
        attribute: 'SeriesTime',
      },
      {
        name: 'no SeriesDate',
        series: [pet('1', { '00080021': undefined })],
        code: 'seriesTime',
        attribute: 'SeriesDate',
      },
      {
        name: 'no AcquisitionTime',
        series: [pet('1', { '00080032': undefined })],
        code: 'acquisitionTime',
        attribute: 'AcquisitionTime',
      },
      {
        name: 'injection after the series’ start',
        series: [pet('1', {}, { '00181078': el('DT', '20260115110000') })],
        code: 'injectionAfterScan',
        attribute: 'RadiopharmaceuticalStartDateTime',
      },
      {
        name: 'an instance whose acquisition precedes the injection',
        series: [
          pet('1', { '00080031': el('TM', '110000') }),
          pet('2', { '00080031': el('TM', '110000'), '00080032': el('TM', '092000') }),
        ],
        code: 'injectionAfterScan',
        attribute: 'RadiopharmaceuticalStartDateTime',
      },
      {
        name: 'instances with different weights',
        series: [pet('1'), pet('2', { '00101030': el('DS', '80') })],
        code: 'notOneSeries',
        attribute: 'PatientWeight',
      },
      {
        name: 'an instance with another SeriesTime',
        series: [pet('1'), pet('2', { '00080031': el('TM', '103001') })],
        code: 'notOneSeries',
        attribute: 'SeriesTime',
      },
      {
        name: 'not a PET',
        series: [pet('1', { '00080060': el('CS', 'NM') })],
        code: 'notPet',
        attribute: '',
      },
      { name: 'no instance', series: [], code: 'noInstance', attribute: '' },
    ];

  it.each(cases)('says why not with $name', ({ series, code, attribute }) => {
    const result = suvScalingOf(series, calculateSuv);
    expect(result).toMatchObject({ ok: false, code, attribute });
  });

  it('names the stored units it falls back to', () => {
    const result = suvScalingOf([pet('1', { '00101030': undefined })], calculateSuv);
    expect(result).toMatchObject({ ok: false, storedUnits: 'BQML' });
  });
});

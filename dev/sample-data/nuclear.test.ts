// The PET/CT and NM studies of issue 20, read back from the files the generator writes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// calculate-suv is pure arithmetic (no rendering): the test checks the generator's own SUV
// figure against the library the viewer uses.
import { calculateSUVScalingFactors } from '@cornerstonejs/calculate-suv';
import type { NaturalDataset } from 'dcmjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPart10 } from './dicom-file';
import { generateSample } from './generate';
import type { CrossSectionTruth, Manifest, ManifestSeries, ManifestStudy } from './manifest';
import { bqmlToSuvbw } from './nuclear';

const KEYS = new Set(['thomas-pt-2026', 'thomas-nm-bone-2026']);
let dir = '';
let manifest: Manifest;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drim-nuclear-'));
  manifest = await generateSample({
    out: path.join(dir, 'sample'),
    only: (k) => KEYS.has(k),
    log: () => undefined,
  });
}, 120_000);

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

function studyOf(key: string): ManifestStudy {
  const s = manifest.studies.find((x) => x.key === key);
  if (!s) throw new Error(`no study ${key}`);
  return s;
}

function file(study: ManifestStudy, series: ManifestSeries, instance: number): NaturalDataset {
  const rel = path.join(
    study.key,
    `${String(series.seriesNumber).padStart(3, '0')}-${series.modality}`,
    `${String(instance).padStart(4, '0')}.dcm`,
  );
  const source = study.sourceIds[0] ?? '';
  return readPart10(fs.readFileSync(path.join(dir, 'sample', source, rel)));
}

function pixels(ds: NaturalDataset): Uint16Array | Int16Array {
  const buffer = (ds.PixelData as ArrayBuffer[])[0] as ArrayBuffer;
  return ds.PixelRepresentation === 1 ? new Int16Array(buffer) : new Uint16Array(buffer);
}

/** Rescaled value at a patient point of an axial slice (nearest pixel). */
function valueAt(ds: NaturalDataset, x: number, y: number): number {
  const [ox, oy] = ds.ImagePositionPatient as number[];
  const [ps] = ds.PixelSpacing as number[];
  const col = Math.round((x - (ox ?? 0)) / (ps ?? 1));
  const row = Math.round((y - (oy ?? 0)) / (ps ?? 1));
  const stored = pixels(ds)[row * (ds.Columns as number) + col] ?? NaN;
  return stored * (ds.RescaleSlope as number) + (ds.RescaleIntercept as number);
}

/** The instance of an axial series whose slice lies at z (truth: firstSliceZ + k × step). */
function instanceAt(truth: CrossSectionTruth, z: number): number {
  const k = (z - truth.firstSliceZ) / truth.sliceStepZ;
  expect(Number.isInteger(Math.round(k * 1e6) / 1e6)).toBe(true);
  return Math.round(k) + 1;
}

describe('PET/CT', () => {
  const pet = () => {
    const study = studyOf('thomas-pt-2026');
    const pt = study.series.find((s) => s.modality === 'PT');
    const ct = study.series.find((s) => s.modality === 'CT');
    if (!pt?.pet || !ct || pt.phantom?.kind !== 'cross-section') throw new Error('no PET/CT');
    if (ct.phantom?.kind !== 'cross-section') throw new Error('no CT phantom');
    return { study, pt, ct, truth: pt.pet, ptPhantom: pt.phantom, ctPhantom: ct.phantom };
  };

  it('is a CT and a PET in one frame of reference', () => {
    const { study, pt, ct, truth } = pet();
    expect(study.modalities).toEqual(['CT', 'DOC', 'PT']);
    expect(study.numberOfSeries).toBe(3);
    expect(ct.seriesNumber).toBe(1);
    expect(ct.description).toBe('CT AC CORPS ENTIER');
    expect(ct.numberOfInstances).toBeLessThan(150);
    expect(pt.frameOfReferenceUID).toBe(ct.frameOfReferenceUID);
    expect(truth.ctSeriesInstanceUID).toBe(ct.seriesInstanceUID);
    expect(file(study, pt, 1).FrameOfReferenceUID).toBe(file(study, ct, 1).FrameOfReferenceUID);
    expect(truth.spheres).toHaveLength(3);
  });

  it('writes every attribute SUVbw needs, and calculate-suv agrees with the manifest', () => {
    const { study, pt, truth } = pet();
    const instances = Array.from({ length: pt.numberOfInstances }, (_, i) => {
      const ds = file(study, pt, i + 1);
      const rp = (ds.RadiopharmaceuticalInformationSequence as NaturalDataset[])[0] ?? {};
      expect(ds.Units).toBe('BQML');
      expect(ds.DecayCorrection).toBe('START');
      expect(ds.CorrectedImage).toEqual(['ATTN', 'DECY']);
      expect((rp.RadionuclideCodeSequence as NaturalDataset[])[0]).toMatchObject({
        CodeValue: 'C-111A1',
        CodingSchemeDesignator: 'SRT',
        CodeMeaning: '^18^Fluorine',
      });
      expect(rp.RadiopharmaceuticalStartDateTime).toBe(truth.injectionDateTime);
      expect(`${String(ds.SeriesDate)}${String(ds.SeriesTime)}`).toBe(truth.seriesDateTime);
      return {
        CorrectedImage: ds.CorrectedImage as string[],
        Units: ds.Units as string,
        RadionuclideHalfLife: rp.RadionuclideHalfLife as number,
        RadionuclideTotalDose: rp.RadionuclideTotalDose as number,
        RadiopharmaceuticalStartTime: rp.RadiopharmaceuticalStartTime as string,
        RadiopharmaceuticalStartDateTime: rp.RadiopharmaceuticalStartDateTime as string,
        DecayCorrection: ds.DecayCorrection as string,
        PatientWeight: ds.PatientWeight as number,
        PatientSize: ds.PatientSize as number,
        PatientSex: ds.PatientSex as string,
        SeriesDate: ds.SeriesDate as string,
        SeriesTime: ds.SeriesTime as string,
        AcquisitionDate: ds.AcquisitionDate as string,
        AcquisitionTime: ds.AcquisitionTime as string,
      };
    });
    const factors = calculateSUVScalingFactors(instances);
    expect(factors).toHaveLength(pt.numberOfInstances);
    for (const f of factors) expect(f.suvbw / truth.bqmlToSuvbw).toBeCloseTo(1, 9);
    // The generator's own arithmetic, on the same numbers.
    const first = instances[0];
    expect(truth.halfLifeS).toBe(first?.RadionuclideHalfLife);
    expect(truth.injectedDoseBq).toBe(first?.RadionuclideTotalDose);
    expect(truth.patientWeightKg).toBe(first?.PatientWeight);
    for (const s of truth.spheres) {
      expect(s.suvbw).toBeCloseTo(s.bqml * truth.bqmlToSuvbw, 5);
    }
    // A realistic FDG study: about 1 h after 250 MBq, background SUV near 1.
    expect(2000 * truth.bqmlToSuvbw).toBeGreaterThan(0.5);
    expect(2000 * truth.bqmlToSuvbw).toBeLessThan(1.5);
  });

  it('gives each slice its own slope, and stored × slope is the sphere activity', () => {
    const { study, pt, ptPhantom } = pet();
    const slopes = ptPhantom.rescaleSlopePerSlice ?? [];
    expect(slopes).toHaveLength(pt.numberOfInstances);
    expect(new Set(slopes).size).toBeGreaterThan(2);
    for (const [k, slope] of slopes.entries()) {
      const ds = file(study, pt, k + 1);
      expect(ds.RescaleSlope).toBe(slope);
      expect(Math.max(...pixels(ds))).toBeLessThanOrEqual(32767);
    }
    expect(ptPhantom.rescaleSlope).toBe(Math.max(...slopes));
  });

  it('shows each sphere at the same place in both series: its activity in the PET, its HU in the CT', () => {
    const { study, pt, ct, truth, ptPhantom, ctPhantom } = pet();
    for (const s of truth.spheres) {
      const [x, y, z] = s.centerMm;
      const p = file(study, pt, instanceAt(ptPhantom, z));
      const c = file(study, ct, instanceAt(ctPhantom, z));
      expect((p.ImagePositionPatient as number[])[2]).toBe(z);
      expect((c.ImagePositionPatient as number[])[2]).toBe(z);
      expect(valueAt(c, x, y)).toBeGreaterThanOrEqual(s.ctHu - ctPhantom.noiseAmplitude);
      expect(valueAt(c, x, y)).toBeLessThanOrEqual(s.ctHu + ctPhantom.noiseAmplitude);
      // Every PET pixel whose centre is well inside reads the activity within 0.5 %.
      const [ox, oy] = p.ImagePositionPatient as number[];
      const [ps] = p.PixelSpacing as number[];
      let inside = 0;
      for (let row = 0; row < pt.rows; row++) {
        for (let col = 0; col < pt.columns; col++) {
          const px = (ox ?? 0) + col * (ps ?? 0);
          const py = (oy ?? 0) + row * (ps ?? 0);
          if (Math.hypot(px - x, py - y) > s.radiusMm - 1) continue;
          inside++;
          expect(Math.abs(valueAt(p, px, py) - s.bqml) / s.bqml).toBeLessThanOrEqual(0.005);
        }
      }
      expect(inside).toBeGreaterThan(40);
      // Outside the sphere (15 mm beyond its edge) the PET reads the body's activity.
      const body = valueAt(p, x, y + (y < 0 ? 1 : -1) * (s.radiusMm + 15));
      expect(Math.abs(body - 2000)).toBeLessThanOrEqual(ptPhantom.noiseAmplitude + 1);
    }
    const hottest = [...truth.spheres].sort((a, b) => b.bqml - a.bqml)[0];
    expect(hottest?.bqml).toBe(25000);
  });

  it('computes the factor from the decayed dose (own formula)', () => {
    const f = bqmlToSuvbw({
      patientWeightKg: 70,
      patientSizeM: 1.7,
      radiopharmaceutical: 'x',
      injectedDoseBq: 370e6,
      injectionTime: '100000',
      seriesTime: '114946',
    });
    // 6586 s after the injection: almost one half-life, so nearly half the dose is left.
    expect(f).toBeCloseTo(70000 / (370e6 * 2 ** (-6586 / 6586.2)), 12);
    expect(f * 370e6).toBeCloseTo(2 * 70000, -2);
  });
});

describe('NM multi-frame', () => {
  const nm = () => {
    const study = studyOf('thomas-nm-bone-2026');
    return { study, series: study.series };
  };

  it('is one NM Image Storage instance per series with the vectors the manifest gives', () => {
    const { study, series } = nm();
    expect(study.modalities).toEqual(['NM']);
    expect(series.map((s) => s.nm?.kind)).toEqual(['dynamic', 'static']);
    for (const s of series) {
      const truth = s.nm;
      if (!truth) throw new Error('no NM truth');
      const ds = file(study, s, 1);
      expect(ds.SOPClassUID).toBe('1.2.840.10008.5.1.4.1.1.20');
      expect(ds.NumberOfFrames).toBe(truth.frames.length);
      expect(s.numberOfFrames).toBe(truth.frames.length);
      expect(truth.frames.length).toBeGreaterThanOrEqual(2);
      expect(ds.DetectorVector).toEqual(truth.frames.map((f) => f.detector));
      expect(ds.EnergyWindowVector).toEqual(truth.frames.map((f) => f.energyWindow));
      expect(ds.NumberOfDetectors).toBe(new Set(truth.frames.map((f) => f.detector)).size);
      expect(ds.NumberOfEnergyWindows).toBe(1);
      expect(ds.DetectorInformationSequence as unknown[]).toHaveLength(
        ds.NumberOfDetectors as number,
      );
      expect(ds.EnergyWindowInformationSequence as unknown[]).toHaveLength(1);
      expect(ds.PixelSpacing).toEqual(truth.pixelSpacingMm);
      expect(ds.BitsAllocated).toBe(16);
      const increments = ([] as number[]).concat(ds.FrameIncrementPointer as number[]);
      expect(increments.slice(0, 2)).toEqual([0x00540010, 0x00540020]);
    }
  });

  it('has each frame uniform with its one hot spot where the manifest says', () => {
    const { study, series } = nm();
    for (const s of series) {
      const truth = s.nm;
      if (!truth) throw new Error('no NM truth');
      const px = pixels(file(study, s, 1));
      const size = s.rows * s.columns;
      expect(px.length).toBe(size * truth.frames.length);
      for (const f of truth.frames) {
        const frame = px.subarray((f.frame - 1) * size, f.frame * size);
        const [cx, cy] = f.hotSpotCenterPx;
        expect(frame[cy * s.columns + cx]).toBe(f.hotSpotCounts);
        expect(frame[cy * s.columns + cx + f.hotSpotRadiusPx + 1]).toBe(truth.background);
        const hot = frame.filter((v) => v === f.hotSpotCounts).length;
        const disc = Math.PI * f.hotSpotRadiusPx ** 2;
        expect(hot / disc).toBeGreaterThan(0.9);
        expect(hot / disc).toBeLessThan(1.1);
        expect(frame.filter((v) => v === truth.background).length).toBe(size - hot);
      }
    }
    const places = series.flatMap((s) => s.nm?.frames.map((f) => f.hotSpotCenterPx.join()) ?? []);
    expect(new Set(places).size).toBe(places.length);
  });

  it('writes an anterior and a posterior head for the whole body, and the frames’ timing', () => {
    const { study, series } = nm();
    const [dynamic, whole] = series;
    if (!dynamic || !whole) throw new Error('two NM series');
    const wb = file(study, whole, 1);
    const heads = wb.DetectorInformationSequence as NaturalDataset[];
    expect(heads.map((h) => h.ImageOrientationPatient)).toEqual([
      [1, 0, 0, 0, 0, -1],
      [-1, 0, 0, 0, 0, -1],
    ]);
    const dyn = file(study, dynamic, 1);
    const phase = (dyn.PhaseInformationSequence as NaturalDataset[])[0];
    const starts = dynamic.nm?.frames.map((f) => f.startMs) ?? [];
    expect(phase?.NumberOfFramesInPhase).toBe(starts.length);
    for (const [i, start] of starts.entries()) {
      expect(start).toBe(i * (phase?.ActualFrameDuration as number));
    }
  });
});

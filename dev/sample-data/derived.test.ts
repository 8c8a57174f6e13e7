// The SEG, RTSTRUCT and RTDOSE over the large CT (issue 20), read back from the files and
// checked against the CT's own pixels (decoded from the source's JPEG-LS), not the plan.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import dcmjs, { type NaturalDataset } from 'dcmjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { derivedObjects, packBits, polygonAreaCentroid } from './derived';
import { readPart10, writePart10 } from './dicom-file';
import type { StudyContext } from './dicom-objects';
import { generateSample } from './generate';
import type { CrossSectionTruth, Manifest, ManifestSeries, ManifestStudy } from './manifest';
import { crossSectionPhantom } from './phantoms';
import { STUDIES } from './plan';

const KEY = 'thomas-ct-tap-2026';
let dir = '';
let manifest: Manifest;
let study: ManifestStudy;
let ct: ManifestSeries;
let truth: CrossSectionTruth;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drim-derived-'));
  manifest = await generateSample({
    out: path.join(dir, 'sample'),
    only: (k) => k === KEY,
    log: () => undefined,
  });
  const s = manifest.studies.find((x) => x.key === KEY);
  const c = s?.series[0];
  if (!s || !c || c.phantom?.kind !== 'cross-section') throw new Error('no large CT');
  study = s;
  ct = c;
  truth = c.phantom;
}, 180_000);

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const source = () => study.sourceIds[0] ?? '';
const read = (rel: string): NaturalDataset =>
  readPart10(fs.readFileSync(path.join(dir, 'sample', source(), KEY, rel)));
const ctRel = (instance: number) => path.join('001-CT', `${String(instance).padStart(4, '0')}.dcm`);
const only = (rel: string) => read(path.join(rel, '0001.dcm'));

/** A CT slice as the source stores it, decoded with dcmtk: HU per pixel. */
function ctSlice(instance: number): { ds: NaturalDataset; hu: Float64Array } {
  const out = path.join(dir, `ct-${instance}.dcm`);
  execFileSync('dcmdjpls', [path.join(dir, 'sample', source(), KEY, ctRel(instance)), out]);
  const ds = readPart10(fs.readFileSync(out));
  const raw = new Int16Array((ds.PixelData as ArrayBuffer[])[0] as ArrayBuffer);
  const hu = Float64Array.from(
    raw,
    (v) => v * (ds.RescaleSlope as number) + (ds.RescaleIntercept as number),
  );
  return { ds, hu };
}

/**
 * The file is UTF-8 throughout (ISO_IR 192), but dcmjs 0.52 decodes strings inside sequence
 * items as Latin-1: undo that here (dcmdump reads the same bytes correctly).
 */
const utf8 = (s: string): string =>
  /[\u00c0-\u00ff]/.test(s) ? Buffer.from(s, 'latin1').toString('utf8') : s;

const shapeValue = (label: string): number => {
  const s = truth.shapes.find((x) => x.label === label);
  if (!s) throw new Error(`no shape ${label}`);
  return s.value;
};

describe('the large CT’s derived objects', () => {
  it('are counted as series of the study', () => {
    expect(study.modalities).toEqual(['CT', 'DOC', 'KO', 'RTDOSE', 'RTSTRUCT', 'SEG']);
    const derived =
      (study.segmentations?.length ?? 0) +
      (study.structureSets?.length ?? 0) +
      (study.doses?.length ?? 0);
    expect(derived).toBe(4);
    expect(study.numberOfSeries).toBe(1 + 1 + 1 + derived);
    expect(study.numberOfInstances).toBe(320 + 1 + 1 + derived);
    const files = fs
      .readdirSync(path.join(dir, 'sample', source(), KEY), { recursive: true })
      .filter((f) => String(f).endsWith('.dcm'));
    expect(files).toHaveLength(study.numberOfInstances);
    expect(manifest.totals.instancesPerSource[source()]).toBe(study.numberOfInstances);
  });

  it('writes a binary SEG whose segments are exactly the CT’s voxels of their shapes', () => {
    const seg = study.segmentations?.find((s) => s.segmentationType === 'BINARY');
    if (!seg) throw new Error('no binary SEG');
    const ds = only(`${seg.seriesNumber}-SEG`);
    expect(ds.SOPClassUID).toBe('1.2.840.10008.5.1.4.1.1.66.4');
    expect(ds.SOPInstanceUID).toBe(seg.sopInstanceUID);
    expect(ds.SegmentationType).toBe('BINARY');
    expect(ds.BitsAllocated).toBe(1);
    expect(ds.FrameOfReferenceUID).toBe(ct.frameOfReferenceUID);
    expect(ds.NumberOfFrames).toBe(seg.numberOfFrames);
    expect(seg.segments.length).toBeGreaterThanOrEqual(2);
    const segments = ds.SegmentSequence as NaturalDataset[];
    expect(segments.map((s) => utf8(s.SegmentLabel as string))).toEqual(
      seg.segments.map((s) => s.label),
    );
    for (const s of segments) {
      expect(s.SegmentAlgorithmType).toBe('MANUAL');
      expect(s.SegmentedPropertyCategoryCodeSequence as unknown[]).toHaveLength(1);
      expect(s.SegmentedPropertyTypeCodeSequence as unknown[]).toHaveLength(1);
      expect(s.RecommendedDisplayCIELabValue as unknown[]).toHaveLength(3);
    }
    const referenced = (ds.ReferencedSeriesSequence as NaturalDataset[])[0];
    expect(referenced?.SeriesInstanceUID).toBe(ct.seriesInstanceUID);

    const n = ct.rows * ct.columns;
    const bits = new Uint8Array((ds.PixelData as ArrayBuffer[])[0] as ArrayBuffer);
    expect(bits.length).toBe(Math.ceil((seg.numberOfFrames * n) / 8 / 2) * 2);
    const frames = ds.PerFrameFunctionalGroupsSequence as NaturalDataset[];
    const voxelMl = ((ct.pixelSpacing?.[0] ?? 0) ** 2 * truth.sliceStepZ * -1) / 1000;
    const counts = new Map<number, number>();
    const instances = new Map<number, number[]>();
    const checked = new Set<number>();
    for (const [f, frame] of frames.entries()) {
      const segment = (frame.SegmentIdentificationSequence as NaturalDataset[])[0]
        ?.ReferencedSegmentNumber as number;
      const source = (
        (frame.DerivationImageSequence as NaturalDataset[])[0]
          ?.SourceImageSequence as NaturalDataset[]
      )[0];
      const ipp = (frame.PlanePositionSequence as NaturalDataset[])[0]
        ?.ImagePositionPatient as number[];
      const instance = Math.round(((ipp[2] ?? 0) - truth.firstSliceZ) / truth.sliceStepZ) + 1;
      const ctHeader = read(ctRel(instance));
      expect(source?.ReferencedSOPInstanceUID).toBe(ctHeader.SOPInstanceUID);
      expect(ipp).toEqual(ctHeader.ImagePositionPatient);
      let set = 0;
      for (let i = 0; i < n; i++) {
        const bit = f * n + i;
        if (((bits[bit >> 3] ?? 0) >> (bit & 7)) & 1) set++;
      }
      expect(set).toBeGreaterThan(0);
      counts.set(segment, (counts.get(segment) ?? 0) + set);
      instances.set(segment, [...(instances.get(segment) ?? []), instance]);
      // The first, middle and last slices of each segment, pixel by pixel against the CT.
      const info = seg.segments.find((s) => s.number === segment);
      if (!info) throw new Error(`segment ${segment} not in the manifest`);
      const [first, last] = info.instanceRange;
      const mid = Math.round((first + last) / 2);
      if ([first, mid, last].includes(instance) && !checked.has(f)) {
        checked.add(f);
        const { hu } = ctSlice(instance);
        const value = shapeValue(info.covers);
        for (let i = 0; i < n; i++) {
          const bit = f * n + i;
          const isSet = (((bits[bit >> 3] ?? 0) >> (bit & 7)) & 1) === 1;
          const shows = Math.abs((hu[i] ?? NaN) - value) <= truth.noiseAmplitude;
          if (isSet !== shows) throw new Error(`segment ${segment}, instance ${instance}, px ${i}`);
        }
      }
    }
    expect(checked.size).toBeGreaterThanOrEqual(6);
    for (const s of seg.segments) {
      const ks = instances.get(s.number) ?? [];
      expect([Math.min(...ks), Math.max(...ks)]).toEqual(s.instanceRange);
      expect(s.volumeMl).toBeCloseTo((counts.get(s.number) ?? 0) * voxelMl, 3);
    }
    // The sphere's voxels hold its volume (within the voxelisation's error).
    const sphere = truth.shapes.find((x) => x.label === 'bone sphere');
    if (sphere?.kind !== 'sphere') throw new Error('no bone sphere');
    const exact = ((4 / 3) * Math.PI * sphere.radiusMm ** 3) / 1000;
    const s1 = seg.segments.find((s) => s.covers === 'bone sphere');
    expect(Math.abs((s1?.volumeMl ?? 0) - exact) / exact).toBeLessThan(0.02);
    for (const [i, c] of (s1?.centerMm ?? []).entries()) {
      expect(Math.abs(c - (sphere.centerMm[i] ?? NaN))).toBeLessThan(0.5);
    }
  }, 60_000);

  it('reads back through dcmjs’ Cornerstone SEG adapter onto the CT stack', () => {
    const seg = study.segmentations?.find((s) => s.segmentationType === 'BINARY');
    if (!seg) throw new Error('no binary SEG');
    const headers = Array.from({ length: ct.numberOfInstances }, (_, k) => read(ctRel(k + 1)));
    const imageIds = headers.map((_, k) => `ct:${k + 1}`);
    const header = (id: string) => headers[Number(id.slice(3)) - 1];
    const provider = {
      get(type: string, id: string): unknown {
        const h = header(id);
        if (!h) return undefined;
        if (type === 'instance') return h;
        if (type === 'imagePixelModule') return { rows: h.Rows, columns: h.Columns };
        if (type === 'generalSeriesModule') return { seriesInstanceUID: h.SeriesInstanceUID };
        if (type === 'imagePlaneModule') {
          const iop = h.ImageOrientationPatient as number[];
          return {
            imagePositionPatient: h.ImagePositionPatient,
            imageOrientationPatient: iop,
            rowCosines: iop.slice(0, 3),
            columnCosines: iop.slice(3),
            frameOfReferenceUID: h.FrameOfReferenceUID,
          };
        }
        return undefined;
      },
    };
    const bytes = fs.readFileSync(
      path.join(dir, 'sample', source(), KEY, `${seg.seriesNumber}-SEG`, '0001.dcm'),
    );
    const state = dcmjs.adapters.Cornerstone.Segmentation.generateToolState(
      imageIds,
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
      provider,
      { skipOverlapping: false, tolerance: 1e-3 },
    );
    const labelmap = new Uint16Array(state.labelmapBufferArray[0] ?? new ArrayBuffer(0));
    expect(labelmap.length).toBe(ct.numberOfInstances * ct.rows * ct.columns);
    const voxelMl = ((ct.pixelSpacing?.[0] ?? 0) ** 2 * -truth.sliceStepZ) / 1000;
    const slice = ct.rows * ct.columns;
    for (const s of seg.segments) {
      let count = 0;
      const ks = new Set<number>();
      for (let i = 0; i < labelmap.length; i++) {
        if (labelmap[i] === s.number) {
          count++;
          ks.add(Math.floor(i / slice) + 1);
        }
      }
      expect(count * voxelMl).toBeCloseTo(s.volumeMl, 3);
      expect([Math.min(...ks), Math.max(...ks)]).toEqual(s.instanceRange);
    }
  });

  it('writes the same bytes when the objects are built again', () => {
    const plan = STUDIES.find((s) => s.key === KEY);
    const ctPlan = plan?.series[0];
    if (!plan?.derived || ctPlan?.type !== 'cross-section') throw new Error('no derived plan');
    const first = only(`${plan.derived.segmentation.seriesNumber}-SEG`);
    const context: StudyContext = {
      identity: {
        patientName: first.PatientName as string,
        patientID: first.PatientID as string,
        issuerOfPatientID: first.IssuerOfPatientID as string,
        otherIds: (first.OtherPatientIDsSequence as NaturalDataset[]).map((o) => ({
          id: o.PatientID as string,
          issuer: o.IssuerOfPatientID as string,
        })),
        birthDate: first.PatientBirthDate as string,
        sex: first.PatientSex as 'F' | 'M',
      },
      studyInstanceUID: study.studyInstanceUID,
      studyID: first.StudyID as string,
      date: study.studyDate,
      time: study.studyTime,
      accessionNumber: study.accessionNumber,
      description: study.description,
      referringPhysician: study.referringPhysicianName,
      institutionName: study.institutionName,
    };
    const sop = (k: number) => read(ctRel(k + 1)).SOPInstanceUID as string;
    const again = derivedObjects(
      manifest.seed,
      KEY,
      context,
      {
        plan: ctPlan,
        phantom: crossSectionPhantom(ctPlan),
        seriesInstanceUID: ct.seriesInstanceUID,
        frameOfReferenceUID: ct.frameOfReferenceUID ?? '',
        sopInstanceUID: sop,
      },
      plan.derived,
    );
    expect(again.datasets).toHaveLength(4);
    for (const d of again.datasets) {
      const rel = path.join(`${d.seriesNumber}-${d.modality}`, '0001.dcm');
      const onDisk = fs.readFileSync(path.join(dir, 'sample', source(), KEY, rel));
      expect(writePart10(d.dataset).equals(onDisk), rel).toBe(true);
    }
  });

  it('packs bits as DICOM says: first pixel in the lowest bit, frames back to back', () => {
    const packed = packBits([Uint8Array.of(1, 0, 0, 0, 0, 0, 0, 0, 0, 1), Uint8Array.of(1, 1)], 10);
    expect([...packed]).toEqual([0b00000001, 0b00001110, 0, 0]);
  });

  it('writes a fractional SEG whose fractions sum to the sphere’s volume', () => {
    const seg = study.segmentations?.find((s) => s.segmentationType === 'FRACTIONAL');
    if (!seg) throw new Error('no fractional SEG');
    const ds = only(`${seg.seriesNumber}-SEG`);
    expect(ds.SegmentationType).toBe('FRACTIONAL');
    expect(ds.MaximumFractionalValue).toBe(255);
    expect(ds.BitsAllocated).toBe(8);
    const values = new Uint8Array((ds.PixelData as ArrayBuffer[])[0] as ArrayBuffer);
    expect(values.length).toBe(seg.numberOfFrames * ct.rows * ct.columns);
    const voxelMl = ((ct.pixelSpacing?.[0] ?? 0) ** 2 * -truth.sliceStepZ) / 1000;
    const sum = values.reduce((a, v) => a + v, 0);
    expect(seg.segments[0]?.volumeMl).toBeCloseTo((sum / 255) * voxelMl, 2);
    const exact = ((4 / 3) * Math.PI * 20 ** 3) / 1000;
    expect(Math.abs((seg.segments[0]?.volumeMl ?? 0) - exact) / exact).toBeLessThan(0.01);
    expect(values.some((v) => v > 0 && v < 255)).toBe(true);
  });

  it('writes an RTSTRUCT whose contours circle the shapes on the CT’s slices', () => {
    const rt = study.structureSets?.[0];
    if (!rt) throw new Error('no RTSTRUCT');
    const ds = only(`${rt.seriesNumber}-RTSTRUCT`);
    expect(ds.SOPClassUID).toBe('1.2.840.10008.5.1.4.1.1.481.3');
    const frame = (ds.ReferencedFrameOfReferenceSequence as NaturalDataset[])[0];
    expect(frame?.FrameOfReferenceUID).toBe(ct.frameOfReferenceUID);
    const refSeries = (
      (frame?.RTReferencedStudySequence as NaturalDataset[])[0]
        ?.RTReferencedSeriesSequence as NaturalDataset[]
    )[0];
    expect(refSeries?.SeriesInstanceUID).toBe(ct.seriesInstanceUID);
    const rois = ds.StructureSetROISequence as NaturalDataset[];
    const contours = ds.ROIContourSequence as NaturalDataset[];
    expect(rois.map((r) => r.ROIName)).toEqual(rt.rois.map((r) => r.name));
    expect((ds.RTROIObservationsSequence as unknown[]).length).toBe(rois.length);
    for (const roi of rt.rois) {
      const c = contours.find((x) => x.ReferencedROINumber === roi.number);
      expect(c?.ROIDisplayColor).toEqual(roi.colorRgb);
      let area = 0;
      const ks: number[] = [];
      for (const item of c?.ContourSequence as NaturalDataset[]) {
        expect(item.ContourGeometricType).toBe('CLOSED_PLANAR');
        const points = item.ContourData as number[];
        expect(points.length / 3).toBeGreaterThanOrEqual(32);
        expect(item.NumberOfContourPoints).toBe(points.length / 3);
        const z = points[2] ?? NaN;
        const instance = Math.round((z - truth.firstSliceZ) / truth.sliceStepZ) + 1;
        const image = (item.ContourImageSequence as NaturalDataset[])[0];
        const header = read(ctRel(instance));
        expect((header.ImagePositionPatient as number[])[2]).toBe(z);
        expect(image?.ReferencedSOPInstanceUID).toBe(header.SOPInstanceUID);
        area += polygonAreaCentroid(points).area;
        ks.push(instance);
      }
      expect(roi.volumeMl).toBeCloseTo((area * -truth.sliceStepZ) / 1000, 3);
      expect([Math.min(...ks), Math.max(...ks)]).toEqual(roi.instanceRange);
    }
    const ptv = rt.rois.find((r) => r.covers === 'bone sphere');
    const exact = ((4 / 3) * Math.PI * 20 ** 3) / 1000;
    expect(Math.abs((ptv?.volumeMl ?? 0) - exact) / exact).toBeLessThan(0.02);
    // The SEG and the RTSTRUCT cover the same slices.
    const seg = study.segmentations?.[0]?.segments.find((s) => s.covers === 'bone sphere');
    expect(ptv?.instanceRange).toEqual(seg?.instanceRange);
  });

  it('writes an RTDOSE whose maximum is the manifest’s, on a CT slice and pixel centre', () => {
    const dose = study.doses?.[0];
    if (!dose) throw new Error('no RTDOSE');
    const ds = only(`${dose.seriesNumber}-RTDOSE`);
    expect(ds.SOPClassUID).toBe('1.2.840.10008.5.1.4.1.1.481.2');
    expect(ds.FrameOfReferenceUID).toBe(ct.frameOfReferenceUID);
    expect(ds.DoseUnits).toBe('GY');
    expect(ds.DoseSummationType).toBe('PLAN');
    expect(ds.FrameIncrementPointer).toBe(0x3004000c);
    expect(ds.GridFrameOffsetVector).toEqual(dose.gridFrameOffsetsMm);
    expect(ds.NumberOfFrames).toBe(dose.numberOfFrames);
    const px = new Uint32Array((ds.PixelData as ArrayBuffer[])[0] as ArrayBuffer);
    expect(px.length).toBe(dose.rows * dose.columns * dose.numberOfFrames);
    let max = 0;
    let at = 0;
    for (let i = 0; i < px.length; i++) {
      if ((px[i] ?? 0) > max) {
        max = px[i] ?? 0;
        at = i;
      }
    }
    expect(max * (ds.DoseGridScaling as number)).toBeCloseTo(dose.maxGy, 6);
    const f = Math.floor(at / (dose.rows * dose.columns));
    const r = Math.floor((at % (dose.rows * dose.columns)) / dose.columns);
    const c = at % dose.columns;
    const [x0, y0, z0] = ds.ImagePositionPatient as number[];
    const [sp] = ds.PixelSpacing as number[];
    const where = [
      (x0 ?? 0) + c * (sp ?? 0),
      (y0 ?? 0) + r * (sp ?? 0),
      (z0 ?? 0) + (dose.gridFrameOffsetsMm[f] ?? NaN),
    ];
    for (const [i, v] of where.entries()) expect(v).toBeCloseTo(dose.maxAtMm[i] ?? NaN, 3);
    // The maximum lies on a CT slice, on the CT pixel nearest the bone sphere's centre.
    const instance = Math.round((dose.maxAtMm[2] - truth.firstSliceZ) / truth.sliceStepZ) + 1;
    const header = read(ctRel(instance));
    const [ox, oy, oz] = header.ImagePositionPatient as number[];
    const [ps] = header.PixelSpacing as number[];
    expect(oz).toBeCloseTo(dose.maxAtMm[2], 4);
    const sphere = truth.shapes.find((x) => x.label === 'bone sphere');
    if (sphere?.kind !== 'sphere') throw new Error('no bone sphere');
    const col = Math.round((sphere.centerMm[0] - (ox ?? 0)) / (ps ?? 1));
    const row = Math.round((sphere.centerMm[1] - (oy ?? 0)) / (ps ?? 1));
    expect((ox ?? 0) + col * (ps ?? 0)).toBeCloseTo(dose.maxAtMm[0], 3);
    expect((oy ?? 0) + row * (ps ?? 0)).toBeCloseTo(dose.maxAtMm[1], 3);
    expect(Math.abs(dose.maxAtMm[2] - sphere.centerMm[2])).toBeLessThanOrEqual(
      -truth.sliceStepZ / 2,
    );
  });
});

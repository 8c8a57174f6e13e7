// The current-versus-prior cases (issue 17): the plan's ranking facts against the rule, then
// the generated files against the manifest's truth — frames of reference, the shift, view
// codes, orientation, and on which side of each mammogram the breast tissue lies.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { NaturalDataset } from 'dcmjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  hangingProtocolsFor,
  type HangingImage,
  type HangingProtocol,
  type HangingStudy,
} from '../../src/domain/viewer/hangingProtocols';
import { planeOf } from '../../src/domain/viewer/seriesPairing';
import { SOURCES } from '../demo-identities';
import { EXPLICIT_LITTLE_ENDIAN, readPart10 } from './dicom-file';
import { generateSample } from './generate';
import type { CrossSectionTruth, Manifest, ManifestComparison, ManifestStudy } from './manifest';
import { COMPARISONS, STUDIES, type StudyPlan } from './plan';

const drimboxes = new Set<string>(SOURCES.filter((s) => s.kind === 'drimbox').map((s) => s.id));
const planOf = (key: string): StudyPlan => {
  const s = STUDIES.find((x) => x.key === key);
  if (!s) throw new Error(`no study ${key}`);
  return s;
};

/** The rule, written plainly: same exam, then same region, then same modality, then nearest. */
function ranked(current: StudyPlan): StudyPlan[] {
  const modalities = new Set(current.series.map((s) => s.modality));
  const tier = (s: StudyPlan): number => {
    const modality = s.series.some((x) => modalities.has(x.modality));
    const region = s.regions.some((r) => current.regions.includes(r));
    return modality && region ? 0 : region ? 1 : modality ? 2 : 3;
  };
  return STUDIES.filter(
    (s) => s.patientKey === current.patientKey && s.date !== '' && s.date < current.date,
  ).sort((a, b) => tier(a) - tier(b) || b.date.localeCompare(a.date));
}

describe('comparison plan', () => {
  it.each(COMPARISONS.map((c) => [c.key, c] as const))(
    '%s: the proposed priors are the rule’s first',
    (_key, c) => {
      const all = ranked(planOf(c.current));
      const visible = all.filter((s) => s.sourceIds.some((id) => drimboxes.has(id)));
      expect(visible[0]?.key).toBe(c.proposedPrior);
      expect(all[0]?.key).toBe(c.proposedPriorWithConsent);
      expect(all.filter((s) => !visible.includes(s)).map((s) => s.key)).toEqual(
        c.consentOnlyPriors,
      );
      const prior = planOf(c.proposedPrior);
      expect(prior.sourceIds.some((id) => planOf(c.current).sourceIds.includes(id))).toBe(false);
    },
  );

  it('tags the new priors and keeps descriptions apart (the list filters rows by text)', () => {
    expect(planOf('dubois-ct-thorax-2024').tags).toContain('prior-other-frame-of-reference');
    expect(planOf('dubois-mg-2024').tags).toEqual(
      expect.arrayContaining(['mg-4-views', 'mg-chest-wall-left']),
    );
    const chest = STUDIES.filter((s) => s.tags.includes('chest-pa-lateral'));
    expect(chest.map((s) => s.key).sort()).toEqual(['petit-dx-chest-2023', 'petit-dx-chest-2026']);
    const added = ['dubois-ct-thorax-2024', 'dubois-mg-2024', ...chest.map((s) => s.key)];
    for (const a of added.map(planOf)) {
      for (const b of STUDIES) {
        if (a === b || a.patientKey !== b.patientKey) continue;
        const [x, y] = [a.description.toUpperCase(), b.description.toUpperCase()];
        expect(x.includes(y) || y.includes(x), `${a.key} / ${b.key}`).toBe(false);
      }
    }
  });
});

const SUBSET = new Set([
  'dubois-ct-thorax-2026',
  'dubois-ct-thorax-2024',
  'dubois-mg-2026',
  'dubois-mg-2024',
  'petit-dx-chest-2026',
  'petit-dx-chest-2023',
]);

describe('generated comparison studies', () => {
  let base = '';
  let dir = '';
  let manifest: Manifest;

  beforeAll(async () => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'drim-compare-'));
    dir = path.join(base, 'sample');
    manifest = await generateSample({ out: dir, only: (k) => SUBSET.has(k), log: () => {} });
  }, 120_000);

  afterAll(() => {
    if (base) fs.rmSync(base, { recursive: true, force: true });
  });

  const study = (key: string): ManifestStudy => {
    const s = manifest.studies.find((x) => x.key === key);
    if (!s) throw new Error(`no study ${key}`);
    return s;
  };
  const comparison = (key: string): ManifestComparison => {
    const c = manifest.comparisons.find((x) => x.key === key);
    if (!c) throw new Error(`no comparison ${key}`);
    return c;
  };
  const fileOf = (key: string, series: number, modality: string, instance: number): string => {
    const s = study(key);
    return path.join(
      dir,
      s.sourceIds[0] ?? '',
      key,
      `${String(series).padStart(3, '0')}-${modality}`,
      `${String(instance).padStart(4, '0')}.dcm`,
    );
  };
  const header = (file: string): NaturalDataset => readPart10(fs.readFileSync(file));
  /** Stored values, decoded from the source's transfer syntax when it is compressed. */
  const pixels = (file: string): Int16Array | Uint16Array => {
    let ds = header(file);
    const syntax = manifest.sources.find((s) => file.includes(`/${s.id}/`))?.transferSyntaxUID;
    if (syntax !== EXPLICIT_LITTLE_ENDIAN) {
      const raw = path.join(base, 'raw.dcm');
      execFileSync('gdcmconv', ['--raw', file, raw]);
      ds = header(raw);
    }
    const buffer = (ds.PixelData as ArrayBuffer[])[0] as ArrayBuffer;
    return ds.PixelRepresentation === 1 ? new Int16Array(buffer) : new Uint16Array(buffer);
  };

  it('lists the cases whose two studies were generated', () => {
    expect(manifest.comparisons.map((c) => c.key)).toEqual([
      'ct-thorax-other-frame',
      'mg-four-views',
      'chest-pa-lateral',
    ]);
    for (const c of manifest.comparisons) {
      expect(c.sameExam).toBe(true);
      expect(c.priorSourceIds).not.toContain(study(c.currentStudy).sourceIds[0]);
    }
    expect(comparison('ct-thorax-other-frame')).toMatchObject({
      currentStudy: 'dubois-ct-thorax-2026',
      proposedPrior: 'dubois-ct-thorax-2024',
      priorSourceIds: ['drimbox-reims'],
      yearsBefore: 2,
    });
    expect(comparison('mg-four-views').consentOnlyPriors[0]).toBe('dubois-mg-2018');
  });

  it('puts the CT prior in another frame of reference, the body 37.5 mm towards the head', () => {
    const { alignment } = comparison('ct-thorax-other-frame');
    if (!alignment) throw new Error('no alignment');
    expect(alignment.shiftMm).toEqual([0, 0, 37.5]);
    expect(alignment.sameFrameOfReference).toBe(false);
    expect(alignment.matchingSlices).toEqual({
      instanceOffset: -3,
      currentFirst: 4,
      currentLast: 40,
      atLandmark: { currentInstanceNumber: 21, priorInstanceNumber: 18 },
    });
    const current = header(fileOf('dubois-ct-thorax-2026', 1, 'CT', 1));
    const prior = header(fileOf('dubois-ct-thorax-2024', 1, 'CT', 1));
    expect(current.FrameOfReferenceUID).toBe(alignment.currentFrameOfReferenceUID);
    expect(prior.FrameOfReferenceUID).toBe(alignment.priorFrameOfReferenceUID);
    expect(prior.SeriesInstanceUID).toBe(alignment.priorSeriesInstanceUID);
    expect((current.ImagePositionPatient as number[])[2]).toBe(0);
    expect((prior.ImagePositionPatient as number[])[2]).toBe(30);
    expect(prior.PixelSpacing).toEqual(current.PixelSpacing);
    expect(prior.ImageOrientationPatient).toEqual(current.ImageOrientationPatient);
  });

  it('shows the same anatomy on matching slices once shifted, and not on the others', () => {
    const { alignment } = comparison('ct-thorax-other-frame');
    const truth = study('dubois-ct-thorax-2024').series[0]?.phantom as CrossSectionTruth;
    const { currentInstanceNumber: n, priorInstanceNumber: m } = alignment?.matchingSlices
      .atLandmark ?? { currentInstanceNumber: 0, priorInstanceNumber: 0 };
    const zc = (
      header(fileOf('dubois-ct-thorax-2026', 1, 'CT', n)).ImagePositionPatient as number[]
    )[2];
    const zp = (
      header(fileOf('dubois-ct-thorax-2024', 1, 'CT', m)).ImagePositionPatient as number[]
    )[2];
    expect((zp as number) - (zc as number)).toBeCloseTo(37.5, 3);
    const a = pixels(fileOf('dubois-ct-thorax-2026', 1, 'CT', n));
    const b = pixels(fileOf('dubois-ct-thorax-2024', 1, 'CT', m));
    const apart = (x: ArrayLike<number>, y: ArrayLike<number>): number => {
      let count = 0;
      for (let i = 0; i < x.length; i++) {
        if (Math.abs((x[i] as number) - (y[i] as number)) > 2 * truth.noiseAmplitude) count++;
      }
      return count;
    };
    expect(a.length).toBe(512 * 512);
    expect(apart(a, b)).toBe(0);
    // The prior's slice with the same number is 7.5 mm lower in the body: the sphere shrinks.
    expect(apart(a, pixels(fileOf('dubois-ct-thorax-2024', 1, 'CT', n)))).toBeGreaterThan(100);
  });

  it.each(['dubois-mg-2026', 'dubois-mg-2024'])(
    '%s: view codes, laterality, orientation and the tissue on the chest wall side',
    (key) => {
      const series = study(key).series[0];
      const truth = series?.phantom;
      if (truth?.kind !== 'mammo' || !series?.views) throw new Error('no mammography truth');
      expect(truth.views.map((v) => v.code)).toEqual(['RCC', 'LCC', 'RMLO', 'LMLO']);
      for (const v of truth.views) {
        const file = fileOf(key, 1, 'MG', v.instanceNumber);
        const ds = header(file);
        const written = series.views.find((x) => x.instanceNumber === v.instanceNumber);
        expect(ds.SOPInstanceUID).toBe(written?.sopInstanceUID);
        expect(ds.ImageLaterality).toBe(v.imageLaterality);
        expect(ds.ViewPosition).toBe(v.viewPosition);
        expect(ds.PatientOrientation).toEqual(v.patientOrientation);
        expect(written?.patientOrientation).toEqual(v.patientOrientation);
        expect((ds.ViewCodeSequence as NaturalDataset[])[0]?.CodeValue).toBe(
          written?.viewCode?.code,
        );
        // The rows run towards the chest wall (P) when it is on the right edge.
        expect(v.patientOrientation[0]).toBe(v.chestWallSide === 'right' ? 'P' : 'A');
        // Hung mirrored, a right breast's wall is on the right edge of its pane, a left one's on the left.
        const hung = v.flipForMirroredLayout === (v.chestWallSide === 'right') ? 'left' : 'right';
        expect(hung).toBe(v.imageLaterality === 'R' ? 'right' : 'left');

        const px = pixels(file);
        const cols = ds.Columns as number;
        const meanOf = (from: number, to: number): number => {
          let sum = 0;
          let n = 0;
          for (let r = 0; r < (ds.Rows as number); r += 8) {
            for (let c = from; c < to; c++) {
              sum += px[r * cols + c] as number;
              n++;
            }
          }
          return sum / n;
        };
        const left = meanOf(0, 100);
        const right = meanOf(cols - 100, cols);
        expect(left > right ? 'left' : 'right').toBe(v.chestWallSide);
        expect(Math.min(left, right)).toBe(truth.background);
      }
    },
  );

  it('stores the current mammography as hung and the Reims prior with every chest wall left', () => {
    const sides = (key: string) => {
      const t = study(key).series[0]?.phantom;
      return t?.kind === 'mammo' ? t.views.map((v) => [v.code, v.chestWallSide]) : [];
    };
    expect(sides('dubois-mg-2026')).toEqual([
      ['RCC', 'right'],
      ['LCC', 'left'],
      ['RMLO', 'right'],
      ['LMLO', 'left'],
    ]);
    expect(sides('dubois-mg-2024').every(([, side]) => side === 'left')).toBe(true);
    const prior = study('dubois-mg-2024').series[0]?.views?.map((v) => v.patientOrientation);
    expect(prior).toEqual([
      ['A', 'L'],
      ['A', 'R'],
      ['A', 'FL'],
      ['A', 'FR'],
    ]);
    const pairs = comparison('mg-four-views').views ?? [];
    expect(pairs.map((p) => p.view)).toEqual(['RCC', 'LCC', 'RMLO', 'LMLO']);
    for (const p of pairs) {
      expect(header(fileOf('dubois-mg-2024', 1, 'MG', p.prior.instanceNumber)).SOPInstanceUID).toBe(
        p.prior.sopInstanceUID,
      );
    }
  });

  it('pairs the chest PA and lateral across a one-series and a two-series study', () => {
    const pairs = comparison('chest-pa-lateral').views ?? [];
    expect(pairs.map((p) => p.view)).toEqual(['PA', 'LL']);
    const expected = {
      PA: { code: '272479007', orientation: ['L', 'F'] },
      LL: { code: '399173006', orientation: ['P', 'F'] },
    } as const;
    for (const p of pairs) {
      const want = expected[p.view as keyof typeof expected];
      const files = [
        fileOf('petit-dx-chest-2026', 1, 'DX', p.current.instanceNumber),
        fileOf('petit-dx-chest-2023', p.view === 'PA' ? 1 : 2, 'DX', p.prior.instanceNumber),
      ];
      const refs = [p.current, p.prior];
      for (const [i, file] of files.entries()) {
        const ds = header(file);
        expect(ds.SOPInstanceUID).toBe(refs[i]?.sopInstanceUID);
        expect(ds.SeriesInstanceUID).toBe(refs[i]?.seriesInstanceUID);
        expect(ds.Modality).toBe('DX');
        expect(ds.ViewPosition).toBe(p.view);
        expect(ds.ImageLaterality).toBe('U');
        expect(ds.PatientOrientation).toEqual(want.orientation);
        expect((ds.ViewCodeSequence as NaturalDataset[])[0]?.CodeValue).toBe(want.code);
      }
    }
    expect(study('petit-dx-chest-2023').series.map((s) => s.numberOfInstances)).toEqual([1, 1]);
    expect(study('petit-dx-chest-2026').series.map((s) => s.numberOfInstances)).toEqual([2]);
  });
  /**
   * A generated study as the viewer reads it for hanging (viewerSession → hangingStudy.ts):
   * each instance's view code (the View Code Sequence's, else ViewPosition), laterality,
   * Patient Orientation and plane, from the files the sources serve.
   */
  const hangingStudy = (key: string, role: HangingStudy['role']): HangingStudy => {
    const s = study(key);
    const images: HangingImage[] = [];
    for (const [i, series] of s.series.entries()) {
      for (let n = 1; n <= series.numberOfInstances; n++) {
        const ds = header(fileOf(key, i + 1, series.modality, n));
        const laterality = ds.ImageLaterality ?? ds.Laterality;
        const orientation = ds.PatientOrientation as string[] | undefined;
        images.push({
          seriesInstanceUID: ds.SeriesInstanceUID as string,
          sopInstanceUID: ds.SOPInstanceUID as string,
          frame: 1,
          modality: ds.Modality as string,
          viewCode:
            ((ds.ViewCodeSequence as NaturalDataset[] | undefined)?.[0]?.CodeValue as string) ??
            (ds.ViewPosition as string | undefined) ??
            null,
          laterality: laterality === 'L' || laterality === 'R' ? laterality : null,
          patientOrientation:
            orientation?.length === 2 ? [orientation[0] ?? '', orientation[1] ?? ''] : null,
          plane: planeOf((ds.ImageOrientationPatient as number[] | undefined) ?? null),
        });
      }
    }
    return {
      role,
      studyInstanceUID: s.studyInstanceUID,
      modalities: s.modalities,
      regions: s.regions,
      series: s.series.map((x) => ({
        seriesInstanceUID: x.seriesInstanceUID,
        modality: x.modality,
        description: x.description,
        numberOfInstances: x.numberOfInstances,
        seriesNumber: x.seriesNumber,
        plane: images.find((im) => im.seriesInstanceUID === x.seriesInstanceUID)?.plane ?? null,
      })),
      images,
    };
  };
  const placed = (p: HangingProtocol | undefined) =>
    (p?.panes ?? []).map((pane) => ({
      at: [pane.row, pane.column],
      role: pane.role,
      label: pane.label,
      sop: pane.sopInstanceUID ?? null,
      series: pane.seriesInstanceUID,
      flip: pane.flipHorizontal,
    }));

  it('hangs the mammography in the mirrored four views, then current beside prior per view', () => {
    const current = hangingStudy('dubois-mg-2026', 'current');
    const prior = hangingStudy('dubois-mg-2024', 'prior');
    const truthOf = (key: string) => {
      const t = study(key).series[0]?.phantom;
      if (t?.kind !== 'mammo') throw new Error('no mammography truth');
      return t.views;
    };
    const alone = hangingProtocolsFor(current, []);
    expect(alone[0]?.id).toBe('mammoFourViews');
    const views = comparison('mg-four-views').views ?? [];
    const sopOf = (view: string, which: 'current' | 'prior') =>
      views.find((v) => v.view === view)?.[which].sopInstanceUID;
    // Right breast on the left of the screen, CC above MLO; the current needs no flip.
    expect(placed(alone[0]).map(({ at, label, sop, flip }) => ({ at, label, sop, flip }))).toEqual([
      { at: [0, 0], label: 'RCC', sop: sopOf('RCC', 'current'), flip: false },
      { at: [0, 1], label: 'LCC', sop: sopOf('LCC', 'current'), flip: false },
      { at: [1, 0], label: 'RMLO', sop: sopOf('RMLO', 'current'), flip: false },
      { at: [1, 1], label: 'LMLO', sop: sopOf('LMLO', 'current'), flip: false },
    ]);
    for (const v of truthOf('dubois-mg-2026')) expect(v.flipForMirroredLayout).toBe(false);

    const compared = hangingProtocolsFor(current, [prior]).filter((p) =>
      p.panes.some((x) => x.role === 'prior'),
    );
    expect(compared.map((p) => p.id)).toEqual(
      expect.arrayContaining(['mammoCompareCC', 'mammoCompareMLO']),
    );
    expect(compared[0]?.id).toBe('mammoCompareCC');
    // The Reims prior stores every chest wall on the left: its right breast views are flipped.
    const priorTruth = truthOf('dubois-mg-2024');
    for (const pane of compared[0]?.panes ?? []) {
      const which = pane.role === 'current' ? 'current' : 'prior';
      expect(pane.sopInstanceUID).toBe(sopOf(pane.label, which));
      const truth =
        which === 'prior'
          ? priorTruth.find((v) => v.code === pane.label)?.flipForMirroredLayout
          : false;
      expect(pane.flipHorizontal, `${which} ${pane.label}`).toBe(truth);
    }
    expect(priorTruth.filter((v) => v.flipForMirroredLayout).map((v) => v.code)).toEqual([
      'RCC',
      'RMLO',
    ]);
  });

  it('hangs the CT pair axial beside axial, and the chest radiographs PA and lateral', () => {
    const ct = hangingProtocolsFor(hangingStudy('dubois-ct-thorax-2026', 'current'), [
      hangingStudy('dubois-ct-thorax-2024', 'prior'),
    ]);
    const ctAlignment = comparison('ct-thorax-other-frame').alignment;
    expect(ct[0]?.id).toBe('axialCompare');
    expect(placed(ct[0]).map(({ role, series }) => [role, series])).toEqual([
      ['current', ctAlignment?.currentSeriesInstanceUID],
      ['prior', ctAlignment?.priorSeriesInstanceUID],
    ]);

    const chestCurrent = hangingStudy('petit-dx-chest-2026', 'current');
    expect(hangingProtocolsFor(chestCurrent, [])[0]?.id).toBe('chestTwoViews');
    const chest = hangingProtocolsFor(chestCurrent, [hangingStudy('petit-dx-chest-2023', 'prior')]);
    expect(chest[0]?.id).toBe('chestCompare');
    const pairs = comparison('chest-pa-lateral').views ?? [];
    const ref = (view: string, which: 'current' | 'prior') =>
      pairs.find((v) => v.view === view)?.[which];
    expect(
      placed(chest[0]).map(({ at, role, sop, series }) => ({ at, role, sop, series })),
    ).toEqual([
      {
        at: [0, 0],
        role: 'current',
        sop: ref('PA', 'current')?.sopInstanceUID,
        series: ref('PA', 'current')?.seriesInstanceUID,
      },
      {
        at: [0, 1],
        role: 'current',
        sop: ref('LL', 'current')?.sopInstanceUID,
        series: ref('LL', 'current')?.seriesInstanceUID,
      },
      {
        at: [1, 0],
        role: 'prior',
        sop: ref('PA', 'prior')?.sopInstanceUID,
        series: ref('PA', 'prior')?.seriesInstanceUID,
      },
      {
        at: [1, 1],
        role: 'prior',
        sop: ref('LL', 'prior')?.sopInstanceUID,
        series: ref('LL', 'prior')?.seriesInstanceUID,
      },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import {
  pairSeries,
  planeOf,
  planeOfDescription,
  type PairableSeries,
  type Plane,
} from './seriesPairing';

function s(
  uid: string,
  modality: string,
  description: string,
  extra: Partial<PairableSeries> = {},
): PairableSeries {
  return { seriesInstanceUID: uid, modality, description, ...extra };
}

const pairs = (current: PairableSeries[], prior: PairableSeries[]) =>
  Object.fromEntries(pairSeries(current, prior));

describe('planeOf', () => {
  const deg = (d: number) => (d * Math.PI) / 180;
  it.each<[string, number[] | null, Plane | null]>([
    ['axial', [1, 0, 0, 0, 1, 0], 'axial'],
    ['axial, rows right to left', [-1, 0, 0, 0, 1, 0], 'axial'],
    ['sagittal (sample MR knee)', [0, 1, 0, 0, 0, -1], 'sagittal'],
    ['coronal', [1, 0, 0, 0, 0, -1], 'coronal'],
    [
      'head CT with a 20° gantry tilt',
      [1, 0, 0, 0, Math.cos(deg(20)), -Math.sin(deg(20))],
      'axial',
    ],
    ['a 45° double oblique', [1, 0, 0, 0, Math.cos(deg(45)), -Math.sin(deg(45))], 'oblique'],
    ['no orientation', null, null],
    ['a broken orientation', [0, 0, 0, 0, 0, 0], null],
  ])('%s', (_, iop, expected) => {
    expect(planeOf(iop)).toBe(expected);
  });
});

describe('planeOfDescription', () => {
  it.each<[string, Plane | null]>([
    ['AX T1', 'axial'],
    ['Sagittal DP FS', 'sagittal'],
    ['T2 coronale', 'coronal'],
    ['THORAX MEDIASTIN', null],
    ['MPR AX SAG COR', null],
  ])('%s', (description, expected) => {
    expect(planeOfDescription(description)).toBe(expected);
  });
});

describe('pairSeries', () => {
  it('pairs both of today’s chest CT windows with the prior’s one series (martin)', () => {
    const current = [
      s('med', 'CT', 'THORAX MEDIASTIN', {
        bodyPartExamined: 'CHEST',
        plane: 'axial',
        numberOfInstances: 40,
      }),
      s('par', 'CT', 'THORAX PARENCHYME', {
        bodyPartExamined: 'CHEST',
        plane: 'axial',
        numberOfInstances: 40,
      }),
      s('ko', 'KO', 'Coupes de référence'),
      s('pdf', 'DOC', 'Compte rendu'),
    ];
    const prior = [
      s('p-med', 'CT', 'THORAX MEDIASTIN', {
        bodyPartExamined: 'CHEST',
        plane: 'axial',
        numberOfInstances: 40,
      }),
      s('p-cda', 'DOC', 'Compte rendu'),
    ];
    expect(pairs(current, prior)).toEqual({ med: 'p-med', par: 'p-med', ko: null, pdf: null });
  });

  it('pairs a French brain MR protocol with an English one from another site', () => {
    const current = [
      s('ax-t1', 'MR', 'AX T1', { plane: 'axial', numberOfInstances: 24 }),
      s('ax-t2', 'MR', 'AX T2 FLAIR', { plane: 'axial', numberOfInstances: 24 }),
      s('sag-t1', 'MR', 'SAG T1', { plane: 'sagittal', numberOfInstances: 20 }),
      s('ax-dwi', 'MR', 'AX DIFFUSION', { plane: 'axial', numberOfInstances: 48 }),
      s('cor-t2', 'MR', 'COR T2', { plane: 'coronal', numberOfInstances: 24 }),
    ];
    const prior = [
      s('p-flair', 'MR', 'Axial T2 FLAIR', { plane: 'axial', numberOfInstances: 22 }),
      s('p-t1', 'MR', 'Axial T1 SE', { plane: 'axial', numberOfInstances: 22 }),
      s('p-sag', 'MR', 'Sagittal T1', { plane: 'sagittal', numberOfInstances: 18 }),
      s('p-dwi', 'MR', 'Axial DWI b1000', { plane: 'axial', numberOfInstances: 44 }),
    ];
    expect(pairs(current, prior)).toEqual({
      'ax-t1': 'p-t1',
      'ax-t2': 'p-flair',
      'sag-t1': 'p-sag',
      'ax-dwi': 'p-dwi',
      // No coronal prior series: it shares its best match rather than getting nothing.
      'cor-t2': 'p-flair',
    });
  });

  it('prefers the same plane over a more similar description', () => {
    const current = [s('c', 'MR', 'T2 TSE', { plane: 'axial' })];
    const prior = [
      s('p-cor', 'MR', 'T2 TSE', { plane: 'coronal' }),
      s('p-ax', 'MR', 'T2 TSE FS', { plane: 'axial' }),
    ];
    expect(pairs(current, prior)).toEqual({ c: 'p-ax' });
  });

  it('reads the plane from the description when the geometry is not known yet', () => {
    const current = [s('c', 'MR', 'SAG DP FAT SAT')];
    const prior = [s('p-ax', 'MR', 'AX DP FS'), s('p-sag', 'MR', 'Sagittal PD')];
    expect(pairs(current, prior)).toEqual({ c: 'p-sag' });
  });

  it('pairs projection images by side, then by view', () => {
    const current = [
      s('l-pa', 'DX', 'MAIN GAUCHE FACE', { laterality: 'L', viewCode: 'PA' }),
      s('l-obl', 'DX', 'MAIN GAUCHE OBLIQUE', { laterality: 'L', viewCode: 'OBL' }),
    ];
    const prior = [
      s('r-pa', 'DX', 'MAIN GAUCHE FACE', { laterality: 'R', viewCode: 'PA' }),
      s('l-obl-p', 'DX', 'Main', { laterality: 'L', viewCode: 'OBL' }),
      s('l-pa-p', 'DX', 'Main', { laterality: 'L', viewCode: 'PA' }),
    ];
    expect(pairs(current, prior)).toEqual({ 'l-pa': 'l-pa-p', 'l-obl': 'l-obl-p' });
  });

  it('pairs the same knee, whatever the description says', () => {
    const current = [
      s('c', 'MR', 'IRM GENOU DROIT SAG DP', { laterality: 'R', plane: 'sagittal' }),
    ];
    const prior = [
      s('left', 'MR', 'IRM GENOU DROIT SAG DP', { laterality: 'L', plane: 'sagittal' }),
      s('right', 'MR', 'Knee sag PD FS', { laterality: 'R', plane: 'sagittal' }),
    ];
    expect(pairs(current, prior)).toEqual({ c: 'right' });
  });

  it('prefers the same body part term, then the same region', () => {
    const current = [s('c', 'CT', 'PORTAL', { bodyPartExamined: 'ABDOMEN' })];
    expect(
      pairs(current, [
        s('chest', 'CT', 'PORTAL', { bodyPartExamined: 'CHEST' }),
        s('abdpelv', 'CT', 'PORTAL', { bodyPartExamined: 'ABDOMENPELVIS' }),
        s('abd', 'CT', 'PORTAL', { bodyPartExamined: 'abdomen' }),
      ]),
    ).toEqual({ c: 'abd' });
    expect(
      pairs(current, [
        s('chest', 'CT', 'PORTAL', { bodyPartExamined: 'CHEST' }),
        s('abdpelv', 'CT', 'PORTAL', { bodyPartExamined: 'ABDOMENPELVIS' }),
      ]),
    ).toEqual({ c: 'abdpelv' });
  });

  it('pairs by contrast phase: « sans injection » is not « avec injection »', () => {
    const current = [
      s('sans', 'CT', 'Thorax sans injection', { plane: 'axial' }),
      s('avec', 'CT', 'THORAX INJECTE', { plane: 'axial' }),
    ];
    const prior = [
      s('p-avec', 'CT', 'CHEST W/ CONTRAST', { plane: 'axial' }),
      s('p-sans', 'CT', 'CHEST NON CONTRAST', { plane: 'axial' }),
    ];
    expect(pairs(current, prior)).toEqual({ sans: 'p-sans', avec: 'p-avec' });
  });

  it('breaks ties on the number of images, series numbers aside', () => {
    const current = [s('c', 'CT', 'S3 TAP PORTAL 1.25', { numberOfInstances: 320 })];
    const prior = [
      s('thick', 'CT', 'S2 TAP PORTAL 5', { numberOfInstances: 64 }),
      s('thin', 'CT', 'S4 TAP PORTAL 1', { numberOfInstances: 300 }),
      s('unknown', 'CT', 'TAP PORTAL', { numberOfInstances: null }),
    ];
    expect(pairs(current, prior)).toEqual({ c: 'thin' });
  });

  it('uses each prior series once while an equally good one is left', () => {
    const current = [
      s('t2', 'MR', 'AX T2', { plane: 'axial' }),
      s('t2fs', 'MR', 'AX T2 FS', { plane: 'axial' }),
    ];
    const prior = [
      s('p-t2fs', 'MR', 'Axial T2 fat sat', { plane: 'axial' }),
      s('p-t2', 'MR', 'Axial T2', { plane: 'axial' }),
    ];
    expect(pairs(current, prior)).toEqual({ t2: 'p-t2', t2fs: 'p-t2fs' });
  });

  it('never pairs across modalities, nor non-image objects', () => {
    expect(
      pairs(
        [s('ct', 'CT', 'THORAX'), s('cr', 'CR', 'THORAX FACE'), s('sr', 'SR', 'Report')],
        [s('mr', 'MR', 'THORAX'), s('dx', 'DX', 'THORAX FACE'), s('p-sr', 'SR', 'Report')],
      ),
    ).toEqual({ ct: null, cr: null, sr: null });
    expect(pairs([s('ct', 'ct', 'THORAX')], [s('p', 'CT ', 'THORAX')])).toEqual({ ct: 'p' });
    expect(pairs([s('ct', 'CT', 'THORAX')], [])).toEqual({ ct: null });
  });
});

import { describe, expect, it } from 'vitest';
import { NOT_SPECIFIED, REGION } from '../anatomy/regions';
import {
  HANGING_PROTOCOL_RULES,
  hangingProtocolsFor,
  type HangingProtocol,
  type HangingStudy,
} from './hangingProtocols';
import {
  chestWallLeftOrientation,
  MARTIN_CT_2024,
  MARTIN_CT_2026,
  mammographyStudy,
  radiographStudy,
  volumeStudy,
} from './testHangingStudies';

const ids = (protocols: HangingProtocol[]) => protocols.map((p) => p.id);
const find = (protocols: HangingProtocol[], id: string) => {
  const found = protocols.find((p) => p.id === id);
  if (!found) throw new Error(`no protocol ${id} in ${ids(protocols).join(', ')}`);
  return found;
};

/** A protocol's grid as a radiologist reads it: « row: pane | pane ». */
function grid(protocol: HangingProtocol): string[] {
  return Array.from({ length: protocol.rows }, (_, row) =>
    protocol.panes
      .filter((p) => p.row === row)
      .sort((a, b) => a.column - b.column)
      .map(
        (p) => `${p.role} ${p.label}${p.flipHorizontal ? ' ↔' : ''}${p.flipVertical ? ' ↕' : ''}`,
      )
      .join(' | '),
  );
}

describe('HANGING_PROTOCOL_RULES', () => {
  it('reads as a table', () => {
    expect(
      HANGING_PROTOCOL_RULES.map(
        (r) =>
          `${r.id} [${r.modalities === 'any' ? 'any' : r.modalities.join(',')}] ` +
          r.layout.map((row) => row.join(' | ')).join(' / '),
      ),
    ).toEqual([
      'petCtFusion [PT] current CT | current PT / current fusion | current MIP',
      'mammoFourViews [MG] current RCC | current LCC / current RMLO | current LMLO',
      'mammoCompareCC [MG] current RCC | prior RCC / current LCC | prior LCC',
      'mammoCompareMLO [MG] current RMLO | prior RMLO / current LMLO | prior LMLO',
      'mammoCompareRCC [MG] current RCC | prior RCC',
      'mammoCompareLCC [MG] current LCC | prior LCC',
      'mammoCompareRMLO [MG] current RMLO | prior RMLO',
      'mammoCompareLMLO [MG] current LMLO | prior LMLO',
      'axialCompareTwoPriors [CT,MR] current axial | prior axial | prior2 axial',
      'axialCompare [CT,MR] current axial | prior axial',
      'chestCompare [CR,DX] current PA | current LAT / prior PA | prior LAT',
      'chestCompareFrontal [CR,DX] current PA | prior PA',
      'chestTwoViews [CR,DX] current PA | current LAT',
      'fallbackTwoPriors [any] current first | prior first | prior2 first',
      'fallbackCompare [any] current first | prior first',
      'fallback [any] current first',
    ]);
  });

  it('has one id per row, its name as an i18n key, and the fallbacks last', () => {
    expect(new Set(HANGING_PROTOCOL_RULES.map((r) => r.id)).size).toBe(
      HANGING_PROTOCOL_RULES.length,
    );
    for (const r of HANGING_PROTOCOL_RULES) expect(r.name).toBe(`viewer.hangingProtocols.${r.id}`);
    const firstFallback = HANGING_PROTOCOL_RULES.findIndex((r) => r.fallback);
    expect(HANGING_PROTOCOL_RULES.slice(firstFallback).every((r) => r.fallback)).toBe(true);
  });
});

describe('mammography', () => {
  const current = mammographyStudy('dubois.mg.2026', 'current');
  const prior = mammographyStudy('dubois.mg.2018', 'prior');

  it('opens the four views mirrored, back to back, with the generator’s images unflipped', () => {
    const protocols = hangingProtocolsFor(current, []);
    expect(ids(protocols)).toEqual(['mammoFourViews', 'fallback']);
    const four = find(protocols, 'mammoFourViews');
    expect({ rows: four.rows, columns: four.columns }).toEqual({ rows: 2, columns: 2 });
    expect(four.name).toBe('viewer.hangingProtocols.mammoFourViews');
    // Right breast on the screen's left, left breast on its right; CC above MLO.
    expect(grid(four)).toEqual(['current RCC | current LCC', 'current RMLO | current LMLO']);
    expect(four.panes).toEqual([
      {
        row: 0,
        column: 0,
        role: 'current',
        studyInstanceUID: 'dubois.mg.2026',
        seriesInstanceUID: 'dubois.mg.2026.1',
        sopInstanceUID: 'dubois.mg.2026.1.1',
        frame: 1,
        flipHorizontal: false,
        flipVertical: false,
        label: 'RCC',
      },
      expect.objectContaining({ row: 0, column: 1, sopInstanceUID: 'dubois.mg.2026.1.2' }),
      expect.objectContaining({ row: 1, column: 0, sopInstanceUID: 'dubois.mg.2026.1.3' }),
      expect.objectContaining({ row: 1, column: 1, sopInstanceUID: 'dubois.mg.2026.1.4' }),
    ]);
  });

  it('flips the images a modality stored the other way, so the chest walls still meet', () => {
    // Every image stored as its opposite breast would be: rows A for the right, P for the left.
    const mirrored = mammographyStudy('other.vendor', 'current', {
      orientation: (view) => {
        const right = view.startsWith('R');
        return view.endsWith('CC')
          ? [right ? 'A' : 'P', right ? 'L' : 'R']
          : [right ? 'A' : 'P', 'F'];
      },
    });
    expect(grid(find(hangingProtocolsFor(mirrored, []), 'mammoFourViews'))).toEqual([
      'current RCC ↔ | current LCC ↔',
      'current RMLO ↔ | current LMLO ↔',
    ]);
    // Upside-down MLOs (head at the bottom) are turned the right way up.
    const upsideDown = mammographyStudy('upside.down', 'current', {
      orientation: (view) => (view === 'RMLO' ? ['P', 'H'] : view === 'LMLO' ? ['P', 'H'] : null),
    });
    expect(grid(find(hangingProtocolsFor(upsideDown, []), 'mammoFourViews'))).toEqual([
      'current RCC | current LCC',
      'current RMLO ↕ | current LMLO ↔ ↕',
    ]);
  });

  it('flips the right breast of a unit storing every chest wall on the left (sample: Reims)', () => {
    const reims = mammographyStudy('dubois.mg.2024', 'prior', {
      orientation: chestWallLeftOrientation,
      viewCodes: 'snomed',
    });
    const protocols = hangingProtocolsFor(current, [reims]);
    expect(grid(find(protocols, 'mammoCompareCC'))).toEqual([
      'current RCC | prior RCC ↔',
      'current LCC | prior LCC',
    ]);
    expect(grid(find(protocols, 'mammoCompareMLO'))).toEqual([
      'current RMLO | prior RMLO ↔',
      'current LMLO | prior LMLO',
    ]);
    // Opened on its own, it hangs mirrored too.
    expect(
      grid(find(hangingProtocolsFor({ ...reims, role: 'current' }, []), 'mammoFourViews')),
    ).toEqual(['current RCC ↔ | current LCC', 'current RMLO ↔ | current LMLO']);
  });

  it('reads the view from the View Code Sequence as well as from ViewPosition', () => {
    const coded = mammographyStudy('coded', 'current', { viewCodes: 'snomed' });
    expect(ids(hangingProtocolsFor(coded, []))).toEqual(['mammoFourViews', 'fallback']);
  });

  it('offers « comparer » per view once a prior is passed, after the four views', () => {
    const protocols = hangingProtocolsFor(current, [prior]);
    expect(ids(protocols)).toEqual([
      'mammoFourViews',
      'mammoCompareCC',
      'mammoCompareMLO',
      'mammoCompareRCC',
      'mammoCompareLCC',
      'mammoCompareRMLO',
      'mammoCompareLMLO',
      'fallbackCompare',
    ]);
    // The same breast side by side, current left, prior right, each hanging as in the four views.
    expect(grid(find(protocols, 'mammoCompareCC'))).toEqual([
      'current RCC | prior RCC',
      'current LCC | prior LCC',
    ]);
    expect(grid(find(protocols, 'mammoCompareLMLO'))).toEqual(['current LMLO | prior LMLO']);
    expect(find(protocols, 'mammoCompareMLO').panes.map((p) => p.sopInstanceUID)).toEqual([
      'dubois.mg.2026.1.3',
      'dubois.mg.2018.1.3',
      'dubois.mg.2026.1.4',
      'dubois.mg.2018.1.4',
    ]);
    expect(find(protocols, 'mammoCompareRCC').panes.map((p) => p.studyInstanceUID)).toEqual([
      'dubois.mg.2026',
      'dubois.mg.2018',
    ]);
  });

  it('offers only the views both studies have', () => {
    const partialPrior = mammographyStudy('partial', 'prior', { views: ['RCC', 'LCC', 'RMLO'] });
    expect(ids(hangingProtocolsFor(current, [partialPrior]))).toEqual([
      'mammoFourViews',
      'mammoCompareCC',
      'mammoCompareRCC',
      'mammoCompareLCC',
      'mammoCompareRMLO',
      'fallbackCompare',
    ]);
    // A diagnostic study of two views has no four-view layout.
    const twoViews = mammographyStudy('diag', 'current', { views: ['RCC', 'RMLO'] });
    expect(ids(hangingProtocolsFor(twoViews, [prior]))).toEqual([
      'mammoCompareRCC',
      'mammoCompareRMLO',
      'fallbackCompare',
    ]);
  });

  it('does not compare a mammogram with a prior of another modality', () => {
    const ultrasound = volumeStudy(
      'us',
      'prior',
      [REGION.breast],
      [{ description: 'ECHOGRAPHIE MAMMAIRE', modality: 'US', plane: null }],
    );
    const protocols = hangingProtocolsFor(current, [ultrasound]);
    expect(ids(protocols)).toEqual(['mammoFourViews', 'fallbackCompare']);
    expect(grid(find(protocols, 'fallbackCompare'))).toEqual(['current first | prior first']);
  });
});

describe('CT and MR', () => {
  it('puts today’s axial volume beside its paired prior series (sample: martin)', () => {
    const protocols = hangingProtocolsFor(MARTIN_CT_2026, [MARTIN_CT_2024]);
    expect(ids(protocols)).toEqual(['axialCompare', 'fallbackCompare']);
    const compare = find(protocols, 'axialCompare');
    expect({ rows: compare.rows, columns: compare.columns }).toEqual({ rows: 1, columns: 2 });
    expect(compare.panes).toEqual([
      {
        row: 0,
        column: 0,
        role: 'current',
        studyInstanceUID: 'martin.ct.2026',
        seriesInstanceUID: 'martin.ct.2026.1',
        flipHorizontal: false,
        flipVertical: false,
        label: 'axial',
      },
      {
        row: 0,
        column: 1,
        role: 'prior',
        studyInstanceUID: 'martin.ct.2024',
        seriesInstanceUID: 'martin.ct.2024.1',
        flipHorizontal: false,
        flipVertical: false,
        label: 'axial',
      },
    ]);
  });

  it('shows two priors in 1×3 when two are passed, then one', () => {
    const older = volumeStudy(
      'martin.ct.2021',
      'prior',
      [REGION.thorax],
      [{ description: 'Chest', bodyPartExamined: 'CHEST' }],
    );
    const protocols = hangingProtocolsFor(MARTIN_CT_2026, [MARTIN_CT_2024, older]);
    expect(ids(protocols)).toEqual(['axialCompareTwoPriors', 'axialCompare', 'fallbackTwoPriors']);
    const three = find(protocols, 'axialCompareTwoPriors');
    expect({ rows: three.rows, columns: three.columns }).toEqual({ rows: 1, columns: 3 });
    expect(three.panes.map((p) => [p.role, p.seriesInstanceUID])).toEqual([
      ['current', 'martin.ct.2026.1'],
      ['prior', 'martin.ct.2024.1'],
      ['prior', 'martin.ct.2021.1'],
    ]);
  });

  it('chooses the axial acquisition, not the scout or a reformat', () => {
    const current = volumeStudy(
      'c',
      'current',
      [REGION.thorax],
      [
        { description: 'TOPOGRAMME', plane: 'coronal', slices: 1 },
        { description: 'THORAX COR MPR', plane: 'coronal', slices: 120 },
        { description: 'THORAX 1.25', plane: 'axial', slices: 320 },
      ],
    );
    const prior = volumeStudy(
      'p',
      'prior',
      [REGION.thorax],
      [
        { description: 'Thorax coronal', plane: 'coronal', slices: 100 },
        { description: 'Thorax axial 1', plane: 'axial', slices: 300 },
      ],
    );
    const compare = find(hangingProtocolsFor(current, [prior]), 'axialCompare');
    expect(compare.panes.map((p) => p.seriesInstanceUID)).toEqual(['c.3', 'p.2']);
  });

  it('needs an axial prior series: a prior with only a coronal reformat falls back', () => {
    const prior = volumeStudy(
      'p',
      'prior',
      [REGION.thorax],
      [{ description: 'THORAX MEDIASTIN', plane: 'coronal' }],
    );
    expect(ids(hangingProtocolsFor(MARTIN_CT_2026, [prior]))).toEqual(['fallbackCompare']);
  });

  it('does not put a CT beside an MR, nor compare without a prior', () => {
    const mr = volumeStudy(
      'mr',
      'prior',
      [REGION.thorax],
      [{ description: 'AX T2', modality: 'MR' }],
    );
    expect(ids(hangingProtocolsFor(MARTIN_CT_2026, [mr]))).toEqual(['fallbackCompare']);
    expect(ids(hangingProtocolsFor(MARTIN_CT_2026, []))).toEqual(['fallback']);
  });

  it('compares brain MRs axial to axial, the plane known from the images', () => {
    const current = volumeStudy(
      'bernard.mr.2026',
      'current',
      [REGION.headNeck],
      [
        { description: 'AX T1', modality: 'MR', bodyPartExamined: 'BRAIN', slices: 24 },
        { description: 'AX T2', modality: 'MR', bodyPartExamined: 'BRAIN', slices: 24 },
      ],
    );
    const prior = volumeStudy(
      'bernard.mr.2019',
      'prior',
      [REGION.headNeck],
      [
        { description: 'Sagittal T1', modality: 'MR', plane: 'sagittal', slices: 20 },
        { description: 'Axial T1 SE', modality: 'MR', slices: 22 },
      ],
    );
    const compare = find(hangingProtocolsFor(current, [prior]), 'axialCompare');
    expect(compare.panes.map((p) => p.seriesInstanceUID)).toEqual([
      'bernard.mr.2026.1',
      'bernard.mr.2019.2',
    ]);
  });
});

describe('chest radiographs', () => {
  const current = radiographStudy('thomas.dx.2026', 'current', 'DX', [REGION.thorax], ['PA', 'LL']);
  const prior = radiographStudy('thomas.cr.2023', 'prior', 'CR', [REGION.thorax], ['PA', 'LL']);

  it('hangs current PA and lateral above the prior’s', () => {
    const protocols = hangingProtocolsFor(current, [prior]);
    expect(ids(protocols)).toEqual([
      'chestCompare',
      'chestCompareFrontal',
      'chestTwoViews',
      'fallbackCompare',
    ]);
    const compare = find(protocols, 'chestCompare');
    expect({ rows: compare.rows, columns: compare.columns }).toEqual({ rows: 2, columns: 2 });
    expect(grid(compare)).toEqual(['current PA | current LAT', 'prior PA | prior LAT']);
    expect(compare.panes.map((p) => p.sopInstanceUID)).toEqual([
      'thomas.dx.2026.1.1',
      'thomas.dx.2026.1.2',
      'thomas.cr.2023.1.1',
      'thomas.cr.2023.1.2',
    ]);
    expect(grid(find(protocols, 'chestCompareFrontal'))).toEqual(['current PA | prior PA']);
  });

  it('reads view codes, one series per view or one for both (sample: petit 2026 / 2023)', () => {
    const nancy = radiographStudy('petit.dx.2026', 'current', 'DX', [REGION.thorax], ['PA', 'LL'], {
      viewCodes: true,
    });
    const thionville = radiographStudy(
      'petit.dx.2023',
      'prior',
      'DX',
      [REGION.thorax],
      ['PA', 'LL'],
      {
        viewCodes: true,
        seriesPerView: true,
        description: 'THORAX 2 INCIDENCES',
      },
    );
    const compare = find(hangingProtocolsFor(nancy, [thionville]), 'chestCompare');
    expect(grid(compare)).toEqual(['current PA | current LAT', 'prior PA | prior LAT']);
    expect(compare.panes.map((p) => [p.seriesInstanceUID, p.sopInstanceUID])).toEqual([
      ['petit.dx.2026.1', 'petit.dx.2026.1.1'],
      ['petit.dx.2026.1', 'petit.dx.2026.1.2'],
      ['petit.dx.2023.1', 'petit.dx.2023.1.1'],
      ['petit.dx.2023.2', 'petit.dx.2023.2.1'],
    ]);
  });

  it('compares the frontal views only when the prior has one view (sample: dubois 2016)', () => {
    const onlyPa = radiographStudy('dubois.cr.2016', 'prior', 'CR', [REGION.thorax], ['PA'], {
      description: 'THORAX FACE',
    });
    expect(ids(hangingProtocolsFor(current, [onlyPa]))).toEqual([
      'chestCompareFrontal',
      'chestTwoViews',
      'fallbackCompare',
    ]);
  });

  it('takes an AP when there is no PA (a bedside film)', () => {
    const bedside = radiographStudy('bedside', 'prior', 'DX', [REGION.thorax], ['AP']);
    const frontal = find(hangingProtocolsFor(current, [bedside]), 'chestCompareFrontal');
    expect(grid(frontal)).toEqual(['current PA | prior AP']);
  });

  it('shows the two views of a study alone side by side', () => {
    expect(ids(hangingProtocolsFor(current, []))).toEqual(['chestTwoViews', 'fallback']);
  });

  it('applies to the chest only', () => {
    const spine = radiographStudy('petit.cr', 'current', 'CR', [REGION.spine], ['AP', 'LL']);
    expect(ids(hangingProtocolsFor(spine, []))).toEqual(['fallback']);
    const unknown = radiographStudy('durand.cr', 'current', 'CR', [NOT_SPECIFIED], ['AP', 'LL']);
    expect(ids(hangingProtocolsFor(unknown, []))).toEqual(['fallback']);
  });
});

describe('PET/CT', () => {
  const petCt = (pair: boolean): HangingStudy => ({
    ...volumeStudy(
      'thomas.pt.2026',
      'current',
      [REGION.thorax],
      [
        { description: 'CT WB', modality: 'CT' },
        { description: 'PET WB AC', modality: 'PT' },
      ],
    ),
    petCt: pair
      ? {
          petSeriesInstanceUID: 'thomas.pt.2026.2',
          ctSeriesInstanceUID: 'thomas.pt.2026.1',
          coverage: 1,
          attenuation: 'corrected',
        }
      : null,
  });

  it('opens the fusion view’s four panes first when the PET and CT fuse', () => {
    const protocols = hangingProtocolsFor(petCt(true), []);
    expect(ids(protocols)).toEqual(['petCtFusion', 'fallback']);
    const fusion = find(protocols, 'petCtFusion');
    expect(grid(fusion)).toEqual(['current CT | current PT', 'current fusion | current MIP']);
    expect(fusion.panes.map((p) => p.seriesInstanceUID)).toEqual([
      'thomas.pt.2026.1',
      'thomas.pt.2026.2',
      'thomas.pt.2026.2',
      'thomas.pt.2026.2',
    ]);
  });

  it('does not apply when nothing fuses; beside a prior it still shows today’s pair only', () => {
    expect(ids(hangingProtocolsFor(petCt(false), []))).toEqual(['fallback']);
    const { petCt: _pair, ...unknown } = petCt(true);
    expect(ids(hangingProtocolsFor(unknown, []))).toEqual(['fallback']);
    // Compared with a prior PET/CT, the comparison's rows apply, never a fusion of the prior.
    const prior = { ...petCt(true), role: 'prior' as const, studyInstanceUID: 'thomas.pt.2025' };
    expect(ids(hangingProtocolsFor(petCt(true), [prior]))).toContain('petCtFusion');
    expect(
      hangingProtocolsFor(petCt(true), [prior])
        .filter((p) => p.id === 'petCtFusion')
        .flatMap((p) => p.panes.map((pane) => pane.role)),
    ).not.toContain('prior');
  });
});

describe('fallback', () => {
  const knee = (uid: string, role: HangingStudy['role'], description: string) =>
    volumeStudy(
      uid,
      role,
      [REGION.lowerLimb],
      [{ description, modality: 'MR', bodyPartExamined: 'KNEE', plane: 'sagittal', slices: 20 }],
    );

  it('shows today’s first series beside its paired prior series', () => {
    const protocols = hangingProtocolsFor(knee('k.2025', 'current', 'SAG DP FAT SAT'), [
      knee('k.2021', 'prior', 'Sagittal PD FS'),
    ]);
    expect(ids(protocols)).toEqual(['fallbackCompare']);
    expect(protocols[0]).toEqual({
      id: 'fallbackCompare',
      name: 'viewer.hangingProtocols.fallbackCompare',
      rows: 1,
      columns: 2,
      panes: [
        expect.objectContaining({ role: 'current', seriesInstanceUID: 'k.2025.1', label: 'first' }),
        expect.objectContaining({ role: 'prior', seriesInstanceUID: 'k.2021.1', label: 'first' }),
      ],
    });
  });

  it('shows today’s first series alone without a prior', () => {
    const us = volumeStudy(
      'us',
      'current',
      [REGION.abdomenPelvis],
      [{ description: 'FOIE CINE', modality: 'US', plane: null }],
    );
    const [only] = hangingProtocolsFor(us, []);
    expect(only).toMatchObject({ id: 'fallback', rows: 1, columns: 1 });
    expect(only?.panes).toEqual([
      {
        row: 0,
        column: 0,
        role: 'current',
        studyInstanceUID: 'us',
        seriesInstanceUID: 'us.1',
        flipHorizontal: false,
        flipVertical: false,
        label: 'first',
      },
    ]);
  });

  it('leaves out a prior with nothing to show, so the current study stays usable', () => {
    const reportOnly = volumeStudy(
      'p',
      'prior',
      [REGION.thorax],
      [{ description: 'Compte rendu', modality: 'DOC', plane: null }],
    );
    expect(ids(hangingProtocolsFor(MARTIN_CT_2026, [reportOnly]))).toEqual(['fallback']);
  });

  it('is still there, empty, when the study holds no image at all', () => {
    const documents = volumeStudy(
      'docs',
      'current',
      [NOT_SPECIFIED],
      [{ description: 'Compte rendu', modality: 'DOC', plane: null }],
    );
    expect(hangingProtocolsFor(documents, [])).toEqual([
      { id: 'fallback', name: 'viewer.hangingProtocols.fallback', rows: 1, columns: 1, panes: [] },
    ]);
  });
});

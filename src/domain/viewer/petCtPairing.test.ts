import { describe, expect, it } from 'vitest';
import { attenuationOf, petCtPairOf, type FusionCandidate } from './petCtPairing';

const AXIAL = [1, 0, 0, 0, 1, 0];
const SAGITTAL = [0, 1, 0, 0, 0, -1];
const FOR = '1.2.3.4';

/** An axial stack from z0 to z1 (mm), `count` slices. */
function stack(
  uid: string,
  modality: string,
  z0: number,
  z1: number,
  count: number,
  extra: Partial<FusionCandidate> = {},
): FusionCandidate {
  const step = count > 1 ? (z1 - z0) / (count - 1) : 0;
  return {
    seriesInstanceUID: uid,
    modality,
    description: '',
    frameOfReferenceUID: FOR,
    orientation: AXIAL,
    positions: Array.from({ length: count }, (_, k) => [-300, -300, z0 + k * step]),
    imageType: ['ORIGINAL', 'PRIMARY', 'AXIAL'],
    correctedImage: [],
    ...extra,
  };
}

describe('attenuationOf', () => {
  const cases: [string, Partial<FusionCandidate>, string][] = [
    ['CorrectedImage with ATTN', { correctedImage: ['DECY', 'ATTN', 'SCAT'] }, 'corrected'],
    ['CorrectedImage without ATTN', { correctedImage: ['DECY', 'SCAT'] }, 'uncorrected'],
    [
      'CorrectedImage wins over the description',
      { correctedImage: ['DECY'], description: 'PET WB AC' },
      'uncorrected',
    ],
    ['ImageType says NAC', { imageType: ['ORIGINAL', 'PRIMARY', 'NAC'] }, 'uncorrected'],
    ['ImageType says CTAC', { imageType: ['DERIVED', 'CTAC'] }, 'corrected'],
    ['description « PET WB AC »', { description: 'PET WB AC' }, 'corrected'],
    ['description « PET WB NAC »', { description: 'PET WB NAC' }, 'uncorrected'],
    ['description « TEP non AC »', { description: 'TEP non-AC' }, 'uncorrected'],
    ['description « TEP corrigée »', { description: 'TEP corrigée' }, 'corrected'],
    ['description « TEP non corrigée »', { description: 'TEP non corrigée' }, 'uncorrected'],
    ['« AC » inside a word does not count', { description: 'PET ACCURACY' }, 'unknown'],
    ['nothing said', { description: 'PET CORPS ENTIER' }, 'unknown'],
  ];
  it.each(cases)('%s', (_name, extra, expected) => {
    expect(attenuationOf({ description: '', imageType: [], correctedImage: [], ...extra })).toBe(
      expected,
    );
  });
});

describe('petCtPairOf', () => {
  const cases: {
    name: string;
    series: FusionCandidate[];
    expected: { pet: string; ct: string; coverage?: number } | null;
  }[] = [
    {
      name: 'a PET and the CT of its frame of reference',
      series: [stack('ct', 'CT', -500, 200, 141), stack('pt', 'PT', -500, 200, 176)],
      expected: { pet: 'pt', ct: 'ct', coverage: 1 },
    },
    {
      name: 'no CT: nothing to fuse',
      series: [stack('pt', 'PT', -500, 200, 176)],
      expected: null,
    },
    {
      name: 'a CT of another frame of reference is not fused',
      series: [
        stack('ct', 'CT', -500, 200, 141, { frameOfReferenceUID: '9.9' }),
        stack('pt', 'PT', -500, 200, 176),
      ],
      expected: null,
    },
    {
      name: 'a PET without a frame of reference is not fused',
      series: [
        stack('ct', 'CT', -500, 200, 141),
        stack('pt', 'PT', -500, 200, 176, { frameOfReferenceUID: null }),
      ],
      expected: null,
    },
    {
      name: 'a CT that does not overlap the PET is not fused',
      series: [stack('ct', 'CT', 300, 500, 41), stack('pt', 'PT', -500, 200, 176)],
      expected: null,
    },
    {
      name: 'the CT covering the most of the PET is chosen (whole body over thorax)',
      series: [
        stack('ct-thorax', 'CT', -100, 150, 201),
        stack('ct-wb', 'CT', -550, 250, 161),
        stack('pt', 'PT', -500, 200, 176),
      ],
      expected: { pet: 'pt', ct: 'ct-wb', coverage: 1 },
    },
    {
      name: 'partial coverage is measured along the slices’ normal',
      series: [stack('ct', 'CT', -150, 200, 71), stack('pt', 'PT', -500, 200, 176)],
      expected: { pet: 'pt', ct: 'ct', coverage: 0.5 },
    },
    {
      name: 'same coverage: the CT with more slices (the finer one)',
      series: [
        stack('ct-5mm', 'CT', -500, 200, 141),
        stack('ct-1mm', 'CT', -500, 200, 701),
        stack('pt', 'PT', -500, 200, 176),
      ],
      expected: { pet: 'pt', ct: 'ct-1mm', coverage: 1 },
    },
    {
      name: 'a sagittal CT reformat is not a stack along the PET’s normal',
      series: [
        stack('ct-sag', 'CT', -500, 200, 141, { orientation: SAGITTAL }),
        stack('pt', 'PT', -500, 200, 176),
      ],
      expected: null,
    },
    {
      name: 'a CT scout (two images) is not a volume',
      series: [stack('scout', 'CT', -500, 200, 2), stack('pt', 'PT', -500, 200, 176)],
      expected: null,
    },
    {
      name: 'a CT with a slice without position is not a volume',
      series: [
        {
          ...stack('ct', 'CT', -500, 200, 5),
          positions: [[0, 0, 1], null, [0, 0, 3], [0, 0, 4], [0, 0, 5]],
        },
        stack('pt', 'PT', -500, 200, 176),
      ],
      expected: null,
    },
    {
      name: 'the attenuation-corrected PET over the NAC, whichever comes first',
      series: [
        stack('ct', 'CT', -500, 200, 141),
        stack('pt-nac', 'PT', -500, 200, 176, { description: 'PET WB NAC' }),
        stack('pt-ac', 'PT', -500, 200, 176, { description: 'PET WB AC' }),
      ],
      expected: { pet: 'pt-ac', ct: 'ct' },
    },
    {
      name: 'CorrectedImage tells them apart when descriptions do not',
      series: [
        stack('ct', 'CT', -500, 200, 141),
        stack('pt-1', 'PT', -500, 200, 176, { correctedImage: ['DECY', 'SCAT'] }),
        stack('pt-2', 'PT', -500, 200, 176, { correctedImage: ['DECY', 'ATTN', 'SCAT'] }),
      ],
      expected: { pet: 'pt-2', ct: 'ct' },
    },
    {
      name: 'a PET saying nothing is preferred to one saying NAC',
      series: [
        stack('ct', 'CT', -500, 200, 141),
        stack('pt-nac', 'PT', -500, 200, 176, { imageType: ['ORIGINAL', 'PRIMARY', 'NAC'] }),
        stack('pt', 'PT', -500, 200, 176),
      ],
      expected: { pet: 'pt', ct: 'ct' },
    },
    {
      name: 'only a NAC PET: it is still fused',
      series: [
        stack('ct', 'CT', -500, 200, 141),
        stack('pt-nac', 'PT', -500, 200, 176, { description: 'PET NAC' }),
      ],
      expected: { pet: 'pt-nac', ct: 'ct' },
    },
    {
      name: 'two corrected PETs: the one the CT covers best',
      series: [
        stack('ct', 'CT', -200, 200, 81),
        stack('pt-legs', 'PT', -900, -100, 200, { description: 'PET AC jambes' }),
        stack('pt-wb', 'PT', -200, 200, 100, { description: 'PET AC' }),
      ],
      expected: { pet: 'pt-wb', ct: 'ct', coverage: 1 },
    },
    {
      name: 'a PET whose CT is in another frame of reference gives way to one that fuses',
      series: [
        stack('ct', 'CT', -500, 200, 141),
        stack('pt-other', 'PT', -500, 200, 176, { frameOfReferenceUID: '7.7', description: 'AC' }),
        stack('pt', 'PT', -500, 200, 176, { description: 'NAC' }),
      ],
      expected: { pet: 'pt', ct: 'ct' },
    },
    {
      name: 'modality is read in any case and with spaces',
      series: [stack('ct', ' ct ', -500, 200, 141), stack('pt', 'pt', -500, 200, 176)],
      expected: { pet: 'pt', ct: 'ct', coverage: 1 },
    },
    {
      name: 'an MR in the frame of reference is not a CT',
      series: [stack('mr', 'MR', -500, 200, 141), stack('pt', 'PT', -500, 200, 176)],
      expected: null,
    },
  ];

  it.each(cases)('$name', ({ series, expected }) => {
    const pair = petCtPairOf(series);
    if (expected === null) {
      expect(pair).toBeNull();
      return;
    }
    expect(pair?.petSeriesInstanceUID).toBe(expected.pet);
    expect(pair?.ctSeriesInstanceUID).toBe(expected.ct);
    if (expected.coverage !== undefined) expect(pair?.coverage).toBeCloseTo(expected.coverage, 6);
  });

  it('measures coverage along the PET’s normal whichever way its slices are stored', () => {
    const descending = stack('pt', 'PT', 200, -500, 176);
    const pair = petCtPairOf([stack('ct', 'CT', -150, 200, 71), descending]);
    expect(pair?.coverage).toBeCloseTo(0.5, 6);
  });
});

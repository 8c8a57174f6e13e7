import { describe, expect, it } from 'vitest';
import { NOT_SPECIFIED, REGION, type RegionOrUnspecified } from '../anatomy/regions';
import { mergeStudies, type MergedStudy } from '../federation/mergeStudies';
import { record } from '../federation/testRows';
import { intervalBetween, priorMatch, rankPriors, type PriorInterval } from './priors';

function study(
  uid: string,
  date: string | null,
  images: string[],
  regions: RegionOrUnspecified[],
  extra: Partial<MergedStudy> = {},
): MergedStudy {
  return {
    studyInstanceUID: uid,
    sources: ['drimbox-nancy'],
    preferredSource: 'drimbox-nancy',
    date,
    time: '',
    description: '',
    accessionNumber: '',
    modalities: { images, others: [] },
    numberOfSeries: null,
    numberOfInstances: null,
    hasReport: false,
    regions: regions.map((code) => ({ code, via: [] })),
    conflicts: [],
    records: [],
    ...extra,
  };
}

const T = REGION.thorax;
const B = REGION.breast;
const CURRENT = study('cur', '2026-10-05', ['CT'], [T], { time: '100000' });

const interval = (
  direction: PriorInterval['direction'],
  years = 0,
  months = 0,
  days = 0,
): PriorInterval => ({ direction, years, months, days });

describe('intervalBetween', () => {
  it.each([
    ['2026-10-05', '2024-04-12', interval('before', 2)],
    ['2026-10-05', '2026-07-01', interval('before', 0, 3)],
    ['2026-10-05', '2026-09-23', interval('before', 0, 0, 12)],
    ['2026-10-05', '2026-10-05', interval('sameDay')],
    ['2026-10-05', '2027-01-05', interval('after', 0, 3)],
    ['2026-10-05', '2031-10-04', interval('after', 4)],
    ['2026-10-05', null, interval('undated')],
    [null, '2026-10-05', interval('undated')],
    ['2026-10-05', '2026-02-30', interval('undated')],
    // The anniversary has come when the day does not exist in the later month.
    ['2025-02-28', '2024-02-29', interval('before', 1)],
    ['2025-02-28', '2025-01-31', interval('before', 0, 1)],
    ['2025-02-27', '2025-01-31', interval('before', 0, 0, 27)],
    // One day short of a year is eleven months, never « 1 an ».
    ['2026-10-05', '2025-10-06', interval('before', 0, 11)],
    ['2026-10-05', '2025-10-05', interval('before', 1)],
    // DICOM DA spelling is read too.
    ['20261005', '20160105', interval('before', 10)],
  ])('%s → %s', (current, prior, expected) => {
    expect(intervalBetween(current, prior)).toEqual(expected);
  });
});

describe('priorMatch', () => {
  const ctThorax = study('c', null, ['CT', 'OT'], [T], {
    modalities: { images: ['CT', 'OT'], others: ['SR', 'DOC', 'KO', 'PR'] },
  });
  it.each([
    ['same modality and region', study('p', null, ['CT'], [T]), 'sameExam'],
    [
      'one shared modality and region of several',
      study('p', null, ['CT', 'PT'], [T, REGION.abdomenPelvis]),
      'sameExam',
    ],
    ['same region, other modality', study('p', null, ['CR'], [T]), 'sameRegion'],
    ['same modality, other region', study('p', null, ['CT'], [REGION.headNeck]), 'sameModality'],
    ['nothing shared', study('p', null, ['MG'], [B]), 'other'],
    [
      'documents in both studies are no shared modality',
      study('p', null, ['US'], [REGION.headNeck], {
        modalities: { images: ['US'], others: ['SR', 'DOC', 'KO', 'PR'] },
      }),
      'other',
    ],
    [
      'secondary captures in both studies are no shared modality',
      study('p', null, ['OT', 'US'], [REGION.abdomenPelvis]),
      'other',
    ],
  ])('%s', (_, other, expected) => {
    expect(priorMatch(ctThorax, other)).toBe(expected);
  });

  it('never matches on an unspecified region', () => {
    const current = study('c', null, ['CR'], [NOT_SPECIFIED]);
    expect(priorMatch(current, study('p', null, ['US'], [NOT_SPECIFIED]))).toBe('other');
    expect(priorMatch(current, study('p', null, ['CR'], [NOT_SPECIFIED]))).toBe('sameModality');
  });
});

/** [uid, date, modalities, regions, expected match, proposed] in the expected order. */
type Expected = [string, string | null, string[], RegionOrUnspecified[], string, boolean];

function check(others: MergedStudy[], expected: Expected[]): void {
  const ranked = rankPriors(CURRENT, others);
  expect(ranked.map((r) => [r.study.studyInstanceUID, r.match, r.proposed])).toEqual(
    expected.map(([uid, , , , match, proposed]) => [uid, match, proposed]),
  );
}

function shuffled(expected: Expected[]): MergedStudy[] {
  // Reverse order in, so nothing passes by keeping the caller's order.
  return [...expected].reverse().map(([uid, date, m, r]) => study(uid, date, m, r));
}

describe('rankPriors', () => {
  it.each<[string, Expected[]]>([
    [
      'groups first, then nearest earlier, later ones, undated last',
      [
        ['ct-2024', '2024-04-12', ['CT'], [T], 'sameExam', true],
        ['ct-2019', '2019-01-10', ['CT'], [T], 'sameExam', false],
        ['ct-2027', '2027-02-01', ['CT'], [T], 'sameExam', false],
        ['ct-2030', '2030-02-01', ['CT'], [T], 'sameExam', false],
        ['ct-undated', null, ['CT'], [T], 'sameExam', false],
        ['cr-2016', '2016-11-03', ['CR'], [T], 'sameRegion', false],
        ['ct-head-2025', '2025-08-22', ['CT'], [REGION.headNeck], 'sameModality', false],
        ['mg-2026', '2026-09-14', ['MG'], [B], 'other', false],
        ['us-undated', null, ['US'], [REGION.abdomenPelvis], 'other', false],
      ],
    ],
    [
      'the best group with an earlier study gives the proposed prior',
      [
        ['ct-2028', '2028-01-01', ['CT'], [T], 'sameExam', false],
        ['cr-2016', '2016-11-03', ['CR'], [T], 'sameRegion', true],
        ['ct-head-2025', '2025-08-22', ['CT'], [REGION.headNeck], 'sameModality', false],
      ],
    ],
    [
      'with nothing earlier, the first ranked is proposed',
      [
        ['ct-2028', '2028-01-01', ['CT'], [T], 'sameExam', true],
        ['ct-undated', null, ['CT'], [T], 'sameExam', false],
        ['us-2029', '2029-01-01', ['US'], [REGION.abdomenPelvis], 'other', false],
      ],
    ],
    [
      'undated studies only: the first ranked is proposed',
      [
        ['cr-undated', null, ['CR'], [T], 'sameRegion', true],
        ['us-undated', null, ['US'], [NOT_SPECIFIED], 'other', false],
      ],
    ],
  ])('%s', (_, expected) => {
    check(shuffled(expected), expected);
  });

  it('ranks dubois’ exams for her 2026 chest CT as the sample region holds them', () => {
    const ct2026 = study('dubois-ct-thorax-2026', '2026-06-02', ['CT'], [T]);
    const archive = { sources: ['archive-regionale'], preferredSource: 'archive-regionale' };
    const drimboxes = [
      study('dubois-mg-2026', '2026-09-14', ['MG'], [B]),
      study('dubois-mr-knee-2025', '2025-03-18', ['MR'], [REGION.lowerLimb]),
      study('dubois-us-abdo-2024', '2024-01-10', ['US'], [REGION.abdomenPelvis]),
      study('dubois-ct-thorax-2024', '2024-05-21', ['CT'], [T]),
      study('dubois-mg-2024', '2024-09-10', ['MG'], [B]),
    ];
    const archived = [
      study('dubois-mg-2018', '2018-05-22', ['MG'], [B], archive),
      study('dubois-cr-chest-2016', '2016-11-03', ['CR'], [T], archive),
    ];
    const order = (others: MergedStudy[]) =>
      rankPriors(ct2026, others).map((r) => `${r.study.studyInstanceUID} ${r.match}`);
    // Without consent, the caller passes the DRIMboxes' rows only.
    expect(order(drimboxes)).toEqual([
      'dubois-ct-thorax-2024 sameExam',
      'dubois-mr-knee-2025 other',
      'dubois-mg-2024 other',
      'dubois-us-abdo-2024 other',
      'dubois-mg-2026 other',
    ]);
    // With consent the archive's rows join, in their place.
    const ranked = rankPriors(ct2026, [...drimboxes, ...archived]);
    expect(ranked.map((r) => `${r.study.studyInstanceUID} ${r.match}`)).toEqual([
      'dubois-ct-thorax-2024 sameExam',
      'dubois-cr-chest-2016 sameRegion',
      'dubois-mr-knee-2025 other',
      'dubois-mg-2024 other',
      'dubois-us-abdo-2024 other',
      'dubois-mg-2018 other',
      'dubois-mg-2026 other',
    ]);
    expect(ranked.filter((r) => r.proposed).map((r) => r.study.studyInstanceUID)).toEqual([
      'dubois-ct-thorax-2024',
    ]);
    expect(ranked[0]?.interval).toEqual(interval('before', 2));
  });

  it('proposes nothing when there is nothing else', () => {
    expect(rankPriors(CURRENT, [])).toEqual([]);
    expect(rankPriors(CURRENT, [CURRENT])).toEqual([]);
  });

  it('leaves the current study out and counts a study held at two sources once', () => {
    const merged = mergeStudies([
      {
        sourceId: 'drimbox-reims',
        kind: 'drimbox',
        studies: [
          record('prior', { date: '2024-04-12', modalities: ['CT'], bodyPartsExamined: ['CHEST'] }),
        ],
      },
      {
        sourceId: 'archive-regionale',
        kind: 'regional',
        studies: [
          record('prior', { date: '2024-04-12', modalities: ['CT'], bodyPartsExamined: ['CHEST'] }),
          record('cur', { date: '2026-10-05', modalities: ['CT'], bodyPartsExamined: ['CHEST'] }),
        ],
      },
    ]);
    // A caller concatenating per-source lists may pass the same row twice.
    const ranked = rankPriors(CURRENT, [...merged, ...merged]);
    expect(ranked).toHaveLength(1);
    expect(ranked[0]).toMatchObject({
      match: 'sameExam',
      proposed: true,
      interval: interval('before', 2),
      study: { studyInstanceUID: 'prior', sources: ['drimbox-reims', 'archive-regionale'] },
    });
  });

  it('ranks rows from the regional archive like any other (consent is decided before)', () => {
    const archive = study('archive-ct', '2025-01-01', ['CT'], [T], {
      sources: ['archive-regionale'],
      preferredSource: 'archive-regionale',
    });
    const drimbox = study('drimbox-ct', '2020-01-01', ['CT'], [T]);
    const ranked = rankPriors(CURRENT, [drimbox, archive]);
    expect(ranked.map((r) => [r.study.studyInstanceUID, r.proposed])).toEqual([
      ['archive-ct', true],
      ['drimbox-ct', false],
    ]);
  });

  it('orders studies of one day by time, and a same-day study acquired after as later', () => {
    const others = [
      study('same-day-after', '2026-10-05', ['CT'], [T], { time: '153000' }),
      study('same-day-before', '2026-10-05', ['CT'], [T], { time: '083000' }),
      study('prior-morning', '2024-04-12', ['CT'], [T], { time: '080000' }),
      study('prior-evening', '2024-04-12', ['CT'], [T], { time: '180000' }),
      study('prior-no-time', '2024-04-12', ['CT'], [T]),
    ];
    const ranked = rankPriors(CURRENT, others);
    expect(ranked.map((r) => [r.study.studyInstanceUID, r.interval.direction, r.proposed])).toEqual(
      [
        ['same-day-before', 'sameDay', true],
        ['prior-evening', 'before', false],
        ['prior-morning', 'before', false],
        ['prior-no-time', 'before', false],
        ['same-day-after', 'sameDay', false],
      ],
    );
  });

  it('gives the reason the UI shows: « même examen, 2 ans avant »', () => {
    const [first] = rankPriors(CURRENT, [study('p', '2024-04-12', ['CT'], [T])]);
    expect(first).toMatchObject({ match: 'sameExam', interval: interval('before', 2) });
  });
});

import { describe, expect, it } from 'vitest';
import { REGION } from '../../../domain/anatomy/regions';
import { rankPriors } from '../../../domain/viewer/priors';
import type { OpenedStudy } from '../api/openStudy';
import { studyAsRow } from './usePriors';

const study: OpenedStudy = {
  source: {
    id: 'drimbox-a',
    label: 'A',
    kind: 'drimbox',
  } as OpenedStudy['source'],
  studyInstanceUID: '1.2.3',
  series: [
    {
      seriesInstanceUID: '1.2.3.1',
      modality: 'CT',
      description: 'THORAX PARENCHYME',
      seriesNumber: 1,
      numberOfInstances: 40,
    },
    {
      seriesInstanceUID: '1.2.3.9',
      modality: 'DOC',
      description: '',
      seriesNumber: 900,
      numberOfInstances: 1,
    },
  ],
};

describe('studyAsRow', () => {
  it('tells the open study as a list row from its own series, to rank the others by', () => {
    const row = studyAsRow(study, '2026-06-02');
    expect(row.modalities.images).toEqual(['CT']);
    expect(row.regions.map((r) => r.code)).toContain(REGION.thorax);
    const prior = { ...row, studyInstanceUID: '9.9', date: '2024-05-21' };
    const [ranked] = rankPriors(row, [prior]);
    expect(ranked?.match).toBe('sameExam');
    expect(ranked?.interval).toMatchObject({ direction: 'before', years: 2 });
  });
});

import { describe, expect, it } from 'vitest';
import {
  backgroundLoadOrder,
  orderForPanel,
  seriesToShowFirst,
  type SeriesSummary,
} from './firstSeries';

const s = (
  uid: string,
  modality: string,
  numberOfInstances: number | null,
  description = '',
  seriesNumber: number | null = null,
): SeriesSummary => ({
  seriesInstanceUID: uid,
  modality,
  numberOfInstances,
  description,
  seriesNumber,
});

describe('seriesToShowFirst', () => {
  it('opens the thin-slice CT volume rather than the scout or a reformat', () => {
    const series = [
      s('scout', 'CT', 2, 'TOPOGRAM', 1),
      s('thick', 'CT', 60, 'TAP 5MM', 2),
      s('thin', 'CT', 320, 'TAP PORTAL 1.25', 3),
      s('sag', 'CT', 400, 'SAG MPR', 4),
      s('report', 'SR', 1, 'CR', 5),
    ];
    expect(seriesToShowFirst(series)?.seriesInstanceUID).toBe('thin');
  });

  it('prefers CT/MR over other image modalities and never a document', () => {
    expect(
      seriesToShowFirst([s('doc', 'DOC', 1), s('cr', 'CR', 1), s('mr', 'MR', 20)])
        ?.seriesInstanceUID,
    ).toBe('mr');
    expect(seriesToShowFirst([s('doc', 'DOC', 1), s('us', 'US', 1)])?.seriesInstanceUID).toBe('us');
  });

  it('breaks ties by series number and answers null when no series is an image', () => {
    expect(
      seriesToShowFirst([s('b', 'MR', 24, 'AX T2', 2), s('a', 'MR', 24, 'AX T1', 1)])
        ?.seriesInstanceUID,
    ).toBe('a');
    expect(seriesToShowFirst([s('sr', 'SR', 1), s('doc', 'DOC', 1)])).toBeNull();
    expect(seriesToShowFirst([])).toBeNull();
  });

  it('opens a lone segmentation or dose grid (its viewport explains it), never over an image', () => {
    expect(seriesToShowFirst([s('sr', 'SR', 1), s('seg', 'SEG', 1)])?.seriesInstanceUID).toBe(
      'seg',
    );
    expect(seriesToShowFirst([s('dose', 'RTDOSE', 1)])?.seriesInstanceUID).toBe('dose');
    expect(seriesToShowFirst([s('seg', 'SEG', 1), s('ct', 'CT', 3)])?.seriesInstanceUID).toBe('ct');
  });

  it('treats a series without modality as an image (a real file has none)', () => {
    expect(seriesToShowFirst([s('x', '', 1)])?.seriesInstanceUID).toBe('x');
  });
});

describe('panel and background order', () => {
  it('lists images by series number, documents last, and loads the rest without the first', () => {
    const series = [s('doc', 'DOC', 1, '', 1), s('b', 'MR', 10, '', 3), s('a', 'MR', 30, '', 2)];
    expect(orderForPanel(series).map((x) => x.seriesInstanceUID)).toEqual(['a', 'b', 'doc']);
    const first = seriesToShowFirst(series);
    expect(backgroundLoadOrder(series, first).map((x) => x.seriesInstanceUID)).toEqual(['b']);
  });
});

import { describe, expect, it } from 'vitest';
import type { SeriesSummary } from './firstSeries';
import { studyContents } from './studyContents';

function series(uid: string, modality: string, numberOfInstances = 1): SeriesSummary {
  return {
    seriesInstanceUID: uid,
    modality,
    seriesNumber: null,
    description: '',
    numberOfInstances,
  };
}

describe('what a study holds', () => {
  it('opens the images when there are any, even with a report beside them', () => {
    const ct = series('1', 'CT', 40);
    const result = studyContents([series('9', 'DOC'), ct]);
    expect(result).toEqual({ kind: 'images', first: ct });
  });

  it('shows the report alone for a study whose only objects are an encapsulated report', () => {
    const doc = series('9', 'DOC');
    expect(studyContents([doc])).toEqual({ kind: 'reportsOnly', reportSeries: [doc] });
  });

  it('counts structured reports as reports, and ignores what is neither image nor report', () => {
    const sr = series('8', 'SR');
    const ko = series('7', 'KO');
    expect(studyContents([ko, sr])).toEqual({ kind: 'reportsOnly', reportSeries: [sr] });
  });

  it('has nothing to show for key-object selections or presentation states alone', () => {
    expect(studyContents([series('7', 'KO'), series('6', 'PR')])).toEqual({
      kind: 'nothingToShow',
    });
    expect(studyContents([])).toEqual({ kind: 'nothingToShow' });
  });

  it('treats a series without a known modality as an image (OT, secondary capture)', () => {
    const ot = series('5', 'OT');
    expect(studyContents([series('9', 'DOC'), ot])).toEqual({ kind: 'images', first: ot });
  });
});

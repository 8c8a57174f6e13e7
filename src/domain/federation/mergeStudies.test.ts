import { describe, expect, it } from 'vitest';
import type { SeriesRecord } from '../dicom/studyRecords';
import { NOT_SPECIFIED, REGION } from '../anatomy/regions';
import { mergeStudies } from './mergeStudies';
import { record } from './testRows';

const series = (uid: string, study: string, extra: Partial<SeriesRecord> = {}): SeriesRecord => ({
  seriesInstanceUID: uid,
  studyInstanceUID: study,
  modality: 'CT',
  bodyPartExamined: '',
  description: '',
  anatomicRegions: [],
  numberOfInstances: null,
  ...extra,
});

describe('mergeStudies', () => {
  it('makes one row with two badges for a study held by two sources', () => {
    const rows = mergeStudies([
      {
        sourceId: 'nancy',
        kind: 'drimbox',
        studies: [record('1.1', { modalities: ['CT'] }), record('1.2')],
      },
      { sourceId: 'reims', kind: 'drimbox', studies: [record('1.1', { modalities: ['CT'] })] },
    ]);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ studyInstanceUID: '1.1', sources: ['nancy', 'reims'] });
    expect(rows[1]).toMatchObject({ studyInstanceUID: '1.2', sources: ['nancy'] });
  });

  it('prefers a filled value, then the DRIMbox over the archive, and lists conflicts', () => {
    const [row] = mergeStudies([
      {
        sourceId: 'archive',
        kind: 'regional',
        studies: [
          record('1.1', {
            description: 'TDM THORAX (archive)',
            date: '2020-01-02',
            accessionNumber: 'A1',
            numberOfInstances: 900,
          }),
        ],
      },
      {
        sourceId: 'nancy',
        kind: 'drimbox',
        studies: [
          record('1.1', {
            description: 'Scanner thorax',
            date: null,
            accessionNumber: 'A1',
            numberOfInstances: 300,
          }),
        ],
      },
    ]);
    expect(row).toMatchObject({
      sources: ['archive', 'nancy'],
      preferredSource: 'nancy',
      description: 'Scanner thorax',
      // The DRIMbox has no date: the archive's fills in, and nothing disagrees.
      date: '2020-01-02',
      accessionNumber: 'A1',
      conflicts: ['description'],
    });
  });

  it('between two DRIMboxes prefers the one with more instances, then source order', () => {
    const more = mergeStudies([
      {
        sourceId: 'a',
        kind: 'drimbox',
        studies: [record('1', { description: 'A', numberOfInstances: 10 })],
      },
      {
        sourceId: 'b',
        kind: 'drimbox',
        studies: [record('1', { description: 'B', numberOfInstances: 20 })],
      },
    ]);
    expect(more[0]).toMatchObject({
      preferredSource: 'b',
      description: 'B',
      conflicts: ['description'],
    });
    const tie = mergeStudies([
      { sourceId: 'a', kind: 'drimbox', studies: [record('1', { description: 'A' })] },
      { sourceId: 'b', kind: 'drimbox', studies: [record('1', { description: 'B' })] },
    ]);
    expect(tie[0]).toMatchObject({ preferredSource: 'a', description: 'A' });
  });

  it('does not call case or accents a conflict', () => {
    const [row] = mergeStudies([
      { sourceId: 'a', kind: 'drimbox', studies: [record('1', { description: 'IRM cérébrale' })] },
      { sourceId: 'b', kind: 'drimbox', studies: [record('1', { description: 'IRM CEREBRALE' })] },
    ]);
    expect(row?.conflicts).toEqual([]);
  });

  it('takes the max of counts, not the sum', () => {
    const [row] = mergeStudies([
      {
        sourceId: 'a',
        kind: 'drimbox',
        studies: [record('1', { numberOfSeries: 3, numberOfInstances: 300 })],
      },
      {
        sourceId: 'b',
        kind: 'regional',
        studies: [record('1', { numberOfSeries: 4, numberOfInstances: 250 })],
      },
    ]);
    expect(row).toMatchObject({ numberOfSeries: 4, numberOfInstances: 300 });
  });

  it('counts the union of series when two partial copies are known', () => {
    const [row] = mergeStudies([
      {
        sourceId: 'a',
        kind: 'drimbox',
        studies: [record('1', { numberOfSeries: 1, numberOfInstances: 100 })],
        series: [series('1.1', '1', { numberOfInstances: 100 })],
      },
      {
        sourceId: 'b',
        kind: 'regional',
        studies: [record('1', { numberOfSeries: 2, numberOfInstances: 101 })],
        series: [
          series('1.1', '1', { numberOfInstances: 100 }),
          series('1.2', '1', { modality: 'SR', numberOfInstances: 1 }),
        ],
      },
    ]);
    expect(row).toMatchObject({ numberOfSeries: 2, numberOfInstances: 101, hasReport: true });
  });

  it('keeps counts unknown when nobody knows them', () => {
    const [row] = mergeStudies([{ sourceId: 'a', kind: 'drimbox', studies: [record('1')] }]);
    expect(row).toMatchObject({ numberOfSeries: null, numberOfInstances: null, hasReport: false });
  });

  it('separates images from other objects and detects reports (SR or DOC)', () => {
    const [sr] = mergeStudies([
      {
        sourceId: 'a',
        kind: 'drimbox',
        studies: [record('1', { modalities: ['CT', 'SR', 'KO'] })],
      },
    ]);
    expect(sr).toMatchObject({
      modalities: { images: ['CT'], others: ['KO', 'SR'] },
      hasReport: true,
    });
    const [doc] = mergeStudies([
      {
        sourceId: 'a',
        kind: 'drimbox',
        studies: [record('1', { modalities: ['MR'] })],
        series: [series('1.9', '1', { modality: 'DOC' })],
      },
    ]);
    expect(doc).toMatchObject({ modalities: { images: ['MR'], others: ['DOC'] }, hasReport: true });
    const [ko] = mergeStudies([
      {
        sourceId: 'a',
        kind: 'drimbox',
        studies: [record('1', { modalities: ['CT', 'KO', 'PR'] })],
      },
    ]);
    expect(ko?.hasReport).toBe(false);
  });

  it('unions modalities across copies', () => {
    const [row] = mergeStudies([
      { sourceId: 'a', kind: 'drimbox', studies: [record('1', { modalities: ['CT'] })] },
      { sourceId: 'b', kind: 'regional', studies: [record('1', { modalities: ['CT', 'SR'] })] },
    ]);
    expect(row?.modalities).toEqual({ images: ['CT'], others: ['SR'] });
  });

  it('finds regions from series, else description, else Non précisé', () => {
    const rows = mergeStudies([
      {
        sourceId: 'a',
        kind: 'drimbox',
        studies: [
          record('1', { description: 'x' }),
          record('2', { description: 'IRM genou' }),
          record('3'),
        ],
        series: [series('1.1', '1', { bodyPartExamined: 'CHEST' })],
      },
    ]);
    expect(rows.map((r) => r.regions.map((f) => f.code))).toEqual([
      [REGION.thorax],
      [REGION.lowerLimb],
      [NOT_SPECIFIED],
    ]);
  });

  it('keeps one copy when a source lists a study twice', () => {
    const [row] = mergeStudies([
      { sourceId: 'a', kind: 'drimbox', studies: [record('1'), record('1')] },
    ]);
    expect(row?.sources).toEqual(['a']);
    expect(row?.records).toHaveLength(1);
  });
});

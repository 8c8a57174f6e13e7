import { describe, expect, it } from 'vitest';
import { regionsOfStudy } from './regionOf';
import type { SeriesAnatomy } from './regionOf';
import { NOT_SPECIFIED, REGION } from './regions';

const series = (s: Partial<SeriesAnatomy>): SeriesAnatomy => ({
  modality: 'CT',
  bodyPartExamined: '',
  description: '',
  anatomicRegions: [],
  ...s,
});

describe('regionsOfStudy', () => {
  it('is NOT_SPECIFIED when nothing matches — never a guess', () => {
    expect(regionsOfStudy({ description: 'Examen' }, [series({ description: 'Série 1' })])).toEqual(
      [{ code: NOT_SPECIFIED, via: [] }],
    );
    expect(regionsOfStudy({ description: '' }, [])).toEqual([{ code: NOT_SPECIFIED, via: [] }]);
  });

  it('reads BodyPartExamined, several regions for a combined term', () => {
    expect(
      regionsOfStudy({ description: '' }, [series({ bodyPartExamined: 'CHESTABDPELVIS' })]),
    ).toEqual([
      { code: REGION.thorax, via: ['bodyPart'] },
      { code: REGION.abdomenPelvis, via: ['bodyPart'] },
    ]);
  });

  it('reads the Anatomic Region Sequence', () => {
    const found = regionsOfStudy({ description: '' }, [
      series({ anatomicRegions: [{ value: '72696002', scheme: 'SCT' }] }),
    ]);
    expect(found).toEqual([{ code: REGION.lowerLimb, via: ['anatomicRegionSequence'] }]);
  });

  it('lets coded data beat the description of the same series', () => {
    const found = regionsOfStudy({ description: 'TDM THORAX' }, [
      series({ bodyPartExamined: 'HEAD', description: 'THORAX' }),
    ]);
    expect(found).toEqual([{ code: REGION.headNeck, via: ['bodyPart'] }]);
  });

  it('reads a series description when that series has no usable code', () => {
    const found = regionsOfStudy({ description: 'Scanner' }, [
      series({ bodyPartExamined: 'HEAD' }),
      series({ bodyPartExamined: 'MYSTERY', description: 'Genou' }),
    ]);
    expect(found).toEqual([
      { code: REGION.headNeck, via: ['bodyPart'] },
      { code: REGION.lowerLimb, via: ['description'] },
    ]);
  });

  it('reads the study description only when no series said anything', () => {
    expect(regionsOfStudy({ description: 'IRM du genou' }, [series({})])).toEqual([
      { code: REGION.lowerLimb, via: ['description'] },
    ]);
    expect(
      regionsOfStudy({ description: 'IRM du genou' }, [series({ bodyPartExamined: 'ANKLE' })]),
    ).toEqual([{ code: REGION.lowerLimb, via: ['bodyPart'] }]);
  });

  it('uses study-level codes', () => {
    expect(regionsOfStudy({ description: 'x', bodyPartsExamined: ['BREAST'] }, [])).toEqual([
      { code: REGION.breast, via: ['bodyPart'] },
    ]);
  });

  it('counts an MG series for « Sein » (documented modality rule)', () => {
    expect(regionsOfStudy({ description: '' }, [series({ modality: 'MG' })])).toEqual([
      { code: REGION.breast, via: ['modality'] },
    ]);
    expect(regionsOfStudy({ description: '', modalities: ['MG', 'SR'] }, [])).toEqual([
      { code: REGION.breast, via: ['modality'] },
    ]);
    expect(
      regionsOfStudy({ description: '' }, [series({ modality: 'MG', bodyPartExamined: 'BREAST' })]),
    ).toEqual([{ code: REGION.breast, via: ['bodyPart', 'modality'] }]);
  });

  it('does not infer a region from any other modality', () => {
    expect(regionsOfStudy({ description: '', modalities: ['PT', 'CT'] }, [])).toEqual([
      { code: NOT_SPECIFIED, via: [] },
    ]);
  });
});

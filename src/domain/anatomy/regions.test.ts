import { describe, expect, it } from 'vitest';
import {
  HEAD_TO_FEET,
  isRegionOrUnspecified,
  NOT_SPECIFIED,
  REGION,
  regionLabel,
  regionRank,
  REGIONS,
} from './regions';

describe('CISIS regions', () => {
  it('lists the ten concepts of JDV_RegionAnatomique-CISIS with their French labels', () => {
    expect(REGIONS.map((r) => [r.code, r.fr])).toEqual([
      ['774007', 'Tête et/ou cou'],
      ['67734004', 'Segment thoracique du tronc'],
      ['63337009', 'Segment abdominopelvien du tronc'],
      ['737561001', 'Colonne vertébrale et/ou moelle épinière'],
      ['53120007', 'Membre supérieur'],
      ['61685007', 'Membre inférieur'],
      ['76752008', 'Sein'],
      ['80891009', 'Cœur'],
      ['113257007', 'Système cardiovasculaire'],
      ['38266002', 'Corps entier'],
    ]);
  });

  it('labels and ranks « Non précisé » after every region', () => {
    expect(regionLabel(NOT_SPECIFIED)).toBe('Non précisé');
    expect(regionLabel('76752008', 'en')).toBe('Breast');
    expect(regionRank(NOT_SPECIFIED)).toBe(10);
    expect(regionRank('774007')).toBe(0);
  });

  it('ranks head to feet: every region once, « Sein » before « Membre inférieur »', () => {
    expect([...HEAD_TO_FEET].sort()).toEqual(REGIONS.map((r) => r.code).sort());
    expect(HEAD_TO_FEET.map((c) => regionLabel(c))).toEqual([
      'Tête et/ou cou',
      'Colonne vertébrale et/ou moelle épinière',
      'Segment thoracique du tronc',
      'Sein',
      'Cœur',
      'Segment abdominopelvien du tronc',
      'Membre supérieur',
      'Membre inférieur',
      'Système cardiovasculaire',
      'Corps entier',
    ]);
    expect(regionRank(REGION.breast)).toBeLessThan(regionRank(REGION.lowerLimb));
    expect(regionRank(REGION.thorax)).toBeLessThan(regionRank(REGION.abdomenPelvis));
    expect(regionRank(REGION.upperLimb)).toBeLessThan(regionRank(REGION.lowerLimb));
  });

  it('recognises codes only', () => {
    expect(isRegionOrUnspecified('NOT_SPECIFIED')).toBe(true);
    expect(isRegionOrUnspecified('38266002')).toBe(true);
    expect(isRegionOrUnspecified('toString')).toBe(false);
  });
});

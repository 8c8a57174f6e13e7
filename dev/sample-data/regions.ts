// The CISIS anatomic regions (JDV_RegionAnatomique-CISIS, DOMAIN.md) as the sample plan's
// ground truth. The viewer's own mapping lives in src/domain; this table only says which
// region each generated study is meant to show.
export const CISIS_REGIONS = {
  headNeck: { code: '774007', label: 'Tête et/ou cou' },
  thorax: { code: '67734004', label: 'Segment thoracique du tronc' },
  abdomenPelvis: { code: '63337009', label: 'Segment abdominopelvien du tronc' },
  spine: { code: '737561001', label: 'Colonne vertébrale et/ou moelle épinière' },
  upperLimb: { code: '53120007', label: 'Membre supérieur' },
  lowerLimb: { code: '61685007', label: 'Membre inférieur' },
  breast: { code: '76752008', label: 'Sein' },
  heart: { code: '80891009', label: 'Cœur' },
  cardiovascular: { code: '113257007', label: 'Système cardiovasculaire' },
  wholeBody: { code: '38266002', label: 'Corps entier' },
} as const;

export type RegionKey = keyof typeof CISIS_REGIONS;

export function regionCode(key: RegionKey): string {
  return CISIS_REGIONS[key].code;
}

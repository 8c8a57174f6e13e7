// The anatomic region filter speaks the French national value set JDV_RegionAnatomique-CISIS
// (OID 1.2.250.1.213.1.1.5.695, the ten IHE MADO concepts): the same codes the DMP's KOS
// manifests carry, so a region chosen here means what it means in the DMP.

export const REGION = {
  headNeck: '774007',
  thorax: '67734004',
  abdomenPelvis: '63337009',
  spine: '737561001',
  upperLimb: '53120007',
  lowerLimb: '61685007',
  breast: '76752008',
  heart: '80891009',
  cardiovascular: '113257007',
  wholeBody: '38266002',
} as const;

export type RegionCode = (typeof REGION)[keyof typeof REGION];

/** Shown, and filterable, when nothing coded or written says where: never guessed. */
export const NOT_SPECIFIED = 'NOT_SPECIFIED';
export type RegionOrUnspecified = RegionCode | typeof NOT_SPECIFIED;

export interface Region {
  code: RegionCode;
  /** SNOMED CT, the system the CISIS value set draws from. */
  system: 'SCT';
  fr: string;
  en: string;
}

/** In the order of the value set, which is also the order of the filter list. */
export const REGIONS: readonly Region[] = [
  { code: REGION.headNeck, system: 'SCT', fr: 'Tête et/ou cou', en: 'Head and/or neck' },
  {
    code: REGION.thorax,
    system: 'SCT',
    fr: 'Segment thoracique du tronc',
    en: 'Thoracic segment of trunk',
  },
  {
    code: REGION.abdomenPelvis,
    system: 'SCT',
    fr: 'Segment abdominopelvien du tronc',
    en: 'Abdominopelvic segment of trunk',
  },
  {
    code: REGION.spine,
    system: 'SCT',
    fr: 'Colonne vertébrale et/ou moelle épinière',
    en: 'Spinal cord and/or vertebral column',
  },
  { code: REGION.upperLimb, system: 'SCT', fr: 'Membre supérieur', en: 'Upper limb' },
  { code: REGION.lowerLimb, system: 'SCT', fr: 'Membre inférieur', en: 'Lower limb' },
  { code: REGION.breast, system: 'SCT', fr: 'Sein', en: 'Breast' },
  { code: REGION.heart, system: 'SCT', fr: 'Cœur', en: 'Heart' },
  {
    code: REGION.cardiovascular,
    system: 'SCT',
    fr: 'Système cardiovasculaire',
    en: 'Cardiovascular system',
  },
  { code: REGION.wholeBody, system: 'SCT', fr: 'Corps entier', en: 'Entire body' },
];

export const NOT_SPECIFIED_LABEL = { fr: 'Non précisé', en: 'Not specified' } as const;

const BY_CODE = new Map<string, Region>(REGIONS.map((r) => [r.code, r]));

export function isRegionCode(value: string): value is RegionCode {
  return BY_CODE.has(value);
}

export function isRegionOrUnspecified(value: string): value is RegionOrUnspecified {
  return value === NOT_SPECIFIED || isRegionCode(value);
}

export function regionLabel(code: RegionOrUnspecified, lang: 'fr' | 'en' = 'fr'): string {
  if (code === NOT_SPECIFIED) return NOT_SPECIFIED_LABEL[lang];
  return BY_CODE.get(code)?.[lang] ?? NOT_SPECIFIED_LABEL[lang];
}

/**
 * The regions as a body is read, head to feet — the order of « tête → pieds » sorting and
 * of the filter's choices. The value set's own order is not anatomical (« Sein » comes after
 * « Membre inférieur » there). Rule: the trunk from the top down — head and neck, the spine
 * (from the skull base), the thorax and what it holds (breast, heart), abdomen and pelvis —
 * then the limbs, upper before lower, then the regions that span the whole body.
 */
export const HEAD_TO_FEET: readonly RegionCode[] = [
  REGION.headNeck,
  REGION.spine,
  REGION.thorax,
  REGION.breast,
  REGION.heart,
  REGION.abdomenPelvis,
  REGION.upperLimb,
  REGION.lowerLimb,
  REGION.cardiovascular,
  REGION.wholeBody,
];

/** Position head to feet (HEAD_TO_FEET); NOT_SPECIFIED sorts after every real region. */
export function regionRank(code: RegionOrUnspecified): number {
  const i = HEAD_TO_FEET.indexOf(code as RegionCode);
  return i === -1 ? HEAD_TO_FEET.length : i;
}

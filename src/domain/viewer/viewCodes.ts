// A projection image's view reaches us in several spellings: ViewPosition (0018,5101) as the
// modality wrote it (« CC », « LL »), a View Code Sequence (0054,0220) code or its meaning
// (« cranio-caudal »). Hanging protocols and series pairing compare views, so every spelling
// is brought to one key first.
//
// Lateral radiographs are one view for a reader whichever side touched the detector (LL, RL):
// a left-lateral chest today is compared with a right-lateral one from last year. The
// mammography views stay distinct (ML is not MLO, XCCL is not CC): each is its own image
// and hangs in its own place.
import { foldText } from '../dicom/foldText';

export type ViewKey =
  'CC' | 'MLO' | 'ML' | 'LM' | 'LMO' | 'XCCL' | 'XCCM' | 'FB' | 'SIO' | 'PA' | 'AP' | 'LAT' | 'OBL';

/** View Code Sequence values: SNOMED CT, PS3.16 CID 4014 (mammography) and CID 4010 (DX). */
const SNOMED: Readonly<Record<string, ViewKey>> = {
  '399162004': 'CC',
  '399368009': 'MLO',
  '399260004': 'ML',
  '399352003': 'LM',
  '399099002': 'LMO',
  '272479007': 'PA',
  '399348003': 'AP',
  '399067008': 'LAT',
  '399198007': 'LAT',
  '399173006': 'LAT',
  '399182000': 'OBL',
};

/** Folded spellings: ViewPosition defined terms and code meanings. */
const SPELLINGS: Readonly<Record<string, ViewKey>> = {
  CC: 'CC',
  'CRANIO CAUDAL': 'CC',
  CRANIOCAUDAL: 'CC',
  MLO: 'MLO',
  'MEDIO LATERAL OBLIQUE': 'MLO',
  ML: 'ML',
  'MEDIO LATERAL': 'ML',
  LM: 'LM',
  'LATERO MEDIAL': 'LM',
  LMO: 'LMO',
  'LATERO MEDIAL OBLIQUE': 'LMO',
  XCCL: 'XCCL',
  'CRANIO CAUDAL EXAGGERATED LATERALLY': 'XCCL',
  XCCM: 'XCCM',
  'CRANIO CAUDAL EXAGGERATED MEDIALLY': 'XCCM',
  FB: 'FB',
  'CAUDO CRANIAL FROM BELOW': 'FB',
  SIO: 'SIO',
  PA: 'PA',
  'POSTERO ANTERIOR': 'PA',
  POSTEROANTERIOR: 'PA',
  AP: 'AP',
  'ANTERO POSTERIOR': 'AP',
  ANTEROPOSTERIOR: 'AP',
  LAT: 'LAT',
  LATERAL: 'LAT',
  LL: 'LAT',
  RL: 'LAT',
  'LEFT LATERAL': 'LAT',
  'RIGHT LATERAL': 'LAT',
  PROFIL: 'LAT',
  OBL: 'OBL',
  OBLIQUE: 'OBL',
  RLO: 'OBL',
  LLO: 'OBL',
};

/** The one key of a view, or null when the value names no view we know. */
export function viewKey(value: string | null | undefined): ViewKey | null {
  if (!value) return null;
  const trimmed = value.trim();
  const coded = SNOMED[trimmed];
  if (coded) return coded;
  return SPELLINGS[foldText(trimmed)] ?? null;
}

/** Views of the breast in which the image's columns run head to feet (the pectoral views). */
export function isLateralBreastView(key: ViewKey | null): boolean {
  return key === 'MLO' || key === 'ML' || key === 'LM' || key === 'LMO' || key === 'SIO';
}

/** Views of the breast seen from above or below: the image's columns run medial–lateral. */
export function isCranioCaudalView(key: ViewKey | null): boolean {
  return key === 'CC' || key === 'XCCL' || key === 'XCCM' || key === 'FB';
}

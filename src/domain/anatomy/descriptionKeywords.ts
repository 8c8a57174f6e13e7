// Free-text Study/Series Descriptions, in French and English, read for the region they
// name. Only a fallback (regionOf.ts): typed by people, abbreviated, sometimes misleading.
//
// Reading rules (why, not what):
// - Text is folded (case, accents, Œ, hyphens) and matched on whole words, so "Crâne"
//   matches CRANE but "ECRANE" or "TAPIS" do not.
// - Longer phrases are matched first and consume their words: "RACHIS THORACIQUE" is the
//   spine, not the thorax; "TETE FEMORALE" the lower limb, not the head; "MOELLE OSSEUSE"
//   (bone marrow) is nothing, not the spinal cord; "CORPS ETRANGER" is not the whole body.
// - "CERVICAL(E)" alone is ambiguous (neck, cervical spine, uterine cervix): it maps only
//   inside a phrase (RACHIS CERVICAL, CERVICAL SPINE, ECHOGRAPHIE CERVICALE…). The same for
//   DORSAL (back of the foot or thoracic spine). FACE (also « de face », a frontal view),
//   CÔTES (also « côtés », sides) and RATE (also English) are left out for the same reason.
// - TEP/PET alone suggests a whole-body acquisition, but a "TEP cérébrale" is the head:
//   such weak words count only when no other word names a region.
import { foldText } from '../dicom/foldText';
import { REGION } from './regions';
import type { RegionCode } from './regions';

const { headNeck: H, thorax: T, abdomenPelvis: A, spine: S } = REGION;
const { upperLimb: U, lowerLimb: L, breast: B, heart: C, cardiovascular: V, wholeBody: W } = REGION;

/** [words (folded), regions]. An empty region list swallows the words and maps nothing. */
export const KEYWORDS: readonly (readonly [string, readonly RegionCode[]])[] = [
  // Phrases that override the words inside them
  ['MOELLE OSSEUSE', []],
  ['BONE MARROW', []],
  ['CORPS ETRANGER', []],
  ['FOREIGN BODY', []],
  ['HEAD FIRST', []],
  ['FEET FIRST', []],
  ['TETE FEMORALE', [L]],
  ['TETE HUMERALE', [U]],
  ['FEMORAL HEAD', [L]],
  ['HUMERAL HEAD', [U]],
  ['RACHIS CERVICAL', [S]],
  ['RACHIS DORSAL', [S]],
  ['RACHIS THORACIQUE', [S]],
  ['COLONNE CERVICALE', [S]],
  ['COLONNE DORSALE', [S]],
  ['COLONNE THORACIQUE', [S]],
  ['CERVICAL SPINE', [S]],
  ['THORACIC SPINE', [S]],
  ['DORSAL SPINE', [S]],
  ['ECHOGRAPHIE CERVICALE', [H]],
  ['ECHO CERVICALE', [H]],
  ['MEMBRE SUPERIEUR', [U]],
  ['MEMBRES SUPERIEURS', [U]],
  ['MEMBRE INFERIEUR', [L]],
  ['MEMBRES INFERIEURS', [L]],
  ['UPPER LIMB', [U]],
  ['LOWER LIMB', [L]],
  ['AVANT BRAS', [U]],
  ['CORPS ENTIER', [W]],
  ['WHOLE BODY', [W]],
  ['SCINTIGRAPHIE OSSEUSE', [W]],
  ['BONE SCAN', [W]],
  ['MASSIF FACIAL', [H]],
  ['SELLE TURCIQUE', [H]],
  ['THORACO ABDOMINO PELVIEN', [T, A]],
  ['THORACO ABDOMINO PELVIENNE', [T, A]],
  ['THORACO ABDOMINAL', [T, A]],
  ['THORACO ABDOMINALE', [T, A]],
  ['ABDOMINO PELVIEN', [A]],
  ['ABDOMINO PELVIENNE', [A]],
  // Tête et cou
  ['CRANE', [H]],
  ['CRANIEN', [H]],
  ['CRANIENNE', [H]],
  ['CEREBRAL', [H]],
  ['CEREBRALE', [H]],
  ['CERVEAU', [H]],
  ['ENCEPHALE', [H]],
  ['ENCEPHALIQUE', [H]],
  ['TETE', [H]],
  ['SINUS', [H]],
  ['ORL', [H]],
  ['COU', [H]],
  ['ORBITE', [H]],
  ['ORBITES', [H]],
  ['ROCHER', [H]],
  ['ROCHERS', [H]],
  ['HYPOPHYSE', [H]],
  ['THYROIDE', [H]],
  ['LARYNX', [H]],
  ['CAVUM', [H]],
  ['PAROTIDE', [H]],
  ['MANDIBULE', [H]],
  ['DENTAIRE', [H]],
  ['BRAIN', [H]],
  ['HEAD', [H]],
  ['SKULL', [H]],
  ['NECK', [H]],
  ['THYROID', [H]],
  // Segment thoracique
  ['THORAX', [T]],
  ['THORACIQUE', [T]],
  ['POUMON', [T]],
  ['POUMONS', [T]],
  ['PULMONAIRE', [T]],
  ['PULMONAIRES', [T]],
  ['MEDIASTIN', [T]],
  ['STERNUM', [T]],
  ['GRIL COSTAL', [T]],
  ['CHEST', [T]],
  ['LUNG', [T]],
  ['LUNGS', [T]],
  ['PULMONARY', [T]],
  ['THORACIC', [T]],
  // Segment abdominopelvien
  ['ABDOMEN', [A]],
  ['ABDO', [A]],
  ['ABDOMINAL', [A]],
  ['ABDOMINALE', [A]],
  ['PELVIS', [A]],
  ['PELVIEN', [A]],
  ['PELVIENNE', [A]],
  ['BASSIN', [A]],
  ['FOIE', [A]],
  ['HEPATIQUE', [A]],
  ['REIN', [A]],
  ['REINS', [A]],
  ['RENAL', [A]],
  ['RENALE', [A]],
  ['VESSIE', [A]],
  ['PROSTATE', [A]],
  ['UTERUS', [A]],
  ['OVAIRE', [A]],
  ['OVAIRES', [A]],
  ['PANCREAS', [A]],
  ['ESTOMAC', [A]],
  ['COLON', [A]],
  ['COLOSCANNER', [A]],
  ['UROSCANNER', [A]],
  ['ENTEROSCANNER', [A]],
  ['ENTERO', [A]],
  ['ABD', [A]],
  ['PELVIC', [A]],
  ['LIVER', [A]],
  ['KIDNEY', [A]],
  ['KIDNEYS', [A]],
  ['BLADDER', [A]],
  ['TAP', [T, A]],
  // Colonne vertébrale et/ou moelle épinière
  ['RACHIS', [S]],
  ['COLONNE', [S]],
  ['VERTEBRAL', [S]],
  ['VERTEBRALE', [S]],
  ['LOMBAIRE', [S]],
  ['LOMBAIRES', [S]],
  ['LOMBOSACRE', [S]],
  ['SACRUM', [S]],
  ['COCCYX', [S]],
  ['MOELLE', [S]],
  ['MEDULLAIRE', [S]],
  ['SPINE', [S]],
  ['SPINAL', [S]],
  ['LUMBAR', [S]],
  // Membre supérieur
  ['EPAULE', [U]],
  ['EPAULES', [U]],
  ['COUDE', [U]],
  ['POIGNET', [U]],
  ['MAIN', [U]],
  ['MAINS', [U]],
  ['DOIGT', [U]],
  ['DOIGTS', [U]],
  ['POUCE', [U]],
  ['BRAS', [U]],
  ['HUMERUS', [U]],
  ['CLAVICULE', [U]],
  ['SCAPHOIDE', [U]],
  ['SHOULDER', [U]],
  ['ELBOW', [U]],
  ['WRIST', [U]],
  ['HAND', [U]],
  ['HANDS', [U]],
  ['FINGER', [U]],
  ['THUMB', [U]],
  ['FOREARM', [U]],
  ['ARM', [U]],
  // Membre inférieur
  ['HANCHE', [L]],
  ['HANCHES', [L]],
  ['GENOU', [L]],
  ['GENOUX', [L]],
  ['CHEVILLE', [L]],
  ['CHEVILLES', [L]],
  ['PIED', [L]],
  ['PIEDS', [L]],
  ['CUISSE', [L]],
  ['JAMBE', [L]],
  ['JAMBES', [L]],
  ['FEMUR', [L]],
  ['TIBIA', [L]],
  ['ROTULE', [L]],
  ['ORTEIL', [L]],
  ['CALCANEUM', [L]],
  ['KNEE', [L]],
  ['ANKLE', [L]],
  ['FOOT', [L]],
  ['FEET', [L]],
  ['HIP', [L]],
  ['HIPS', [L]],
  ['THIGH', [L]],
  ['LEG', [L]],
  ['LEGS', [L]],
  // Sein
  ['SEIN', [B]],
  ['SEINS', [B]],
  ['MAMMOGRAPHIE', [B]],
  ['MAMMO', [B]],
  ['MAMMAIRE', [B]],
  ['BREAST', [B]],
  ['MAMMOGRAPHY', [B]],
  // Cœur
  ['COEUR', [C]],
  ['CARDIAQUE', [C]],
  ['CORONAIRE', [C]],
  ['CORONAIRES', [C]],
  ['CORONAROGRAPHIE', [C]],
  ['CORONAROSCANNER', [C]],
  ['MYOCARDE', [C]],
  ['ECHOCARDIOGRAPHIE', [C]],
  ['HEART', [C]],
  ['CARDIAC', [C]],
  ['CORONARY', [C]],
  // Système cardiovasculaire
  ['AORTE', [V]],
  ['AORTIQUE', [V]],
  ['ANGIO', [V]],
  ['ANGIOSCANNER', [V]],
  ['ANGIOGRAPHIE', [V]],
  ['ARTERIOGRAPHIE', [V]],
  ['PHLEBOGRAPHIE', [V]],
  ['VASCULAIRE', [V]],
  ['DOPPLER', [V]],
  ['ARTERIEL', [V]],
  ['ARTERIELLE', [V]],
  ['VEINEUX', [V]],
  ['VEINEUSE', [V]],
  ['CAROTIDE', [V]],
  ['CAROTIDES', [V]],
  ['AORTA', [V]],
  ['AORTIC', [V]],
  ['ANGIOGRAPHY', [V]],
  ['VASCULAR', [V]],
  ['VENOUS', [V]],
  ['ARTERIAL', [V]],
  ['CAROTID', [V]],
  // Corps entier
  ['SQUELETTE', [W]],
  ['WHOLEBODY', [W]],
];

/** Words that suggest a region only when nothing else in the text names one. */
export const WEAK_KEYWORDS: readonly (readonly [string, readonly RegionCode[]])[] = [
  ['TEP', [W]],
  ['PET', [W]],
  ['PETCT', [W]],
  ['TEP TDM', [W]],
  ['PET CT', [W]],
];

interface Entry {
  words: string[];
  regions: readonly RegionCode[];
}

function entries(table: typeof KEYWORDS): Entry[] {
  // Longest phrase first, so that it consumes its words before a shorter one sees them.
  return table
    .map(([phrase, regions]) => ({ words: phrase.split(' '), regions }))
    .sort((a, b) => b.words.length - a.words.length);
}

const STRONG = entries(KEYWORDS);
const WEAK = entries(WEAK_KEYWORDS);

function scan(words: (string | null)[], table: Entry[]): Set<RegionCode> {
  const found = new Set<RegionCode>();
  for (const entry of table) {
    const n = entry.words.length;
    for (let i = 0; i + n <= words.length; i++) {
      if (entry.words.every((w, k) => words[i + k] === w)) {
        for (const r of entry.regions) found.add(r);
        for (let k = 0; k < n; k++) words[i + k] = null;
      }
    }
  }
  return found;
}

/** Regions named by a free-text description; empty when it names none. */
export function regionsOfDescription(description: string): Set<RegionCode> {
  const folded = foldText(description);
  if (folded === '') return new Set();
  const words: (string | null)[] = folded.split(' ');
  const strong = scan(words, STRONG);
  return strong.size > 0 ? strong : scan(words, WEAK);
}

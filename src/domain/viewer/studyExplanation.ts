// A study told to the patient in plain words: « Scanner du thorax et de l’abdomen » rather
// than « TDM TAP INJ ». Built from what the study says of itself — its image modalities, its
// CISIS regions (anatomy/regionOf.ts) and a few words of its description that name a part
// more precisely than the region (« genou », « poignet droit ») — never invented: what the
// study does not say is left out (« Scanner »), and with nothing at all it is « Examen
// d’imagerie ».
//
// Plain words, not the value set's: « Segment abdominopelvien du tronc » is a filter label
// for professionals; a patient reads « l’abdomen », and « le bassin » when the study says so.
import { foldText } from '../dicom/foldText';
import { REGION, type RegionOrUnspecified } from '../anatomy/regions';

export type ExplanationLanguage = 'fr' | 'en';

export interface StudyToExplain {
  /** The modalities of its series (non-image objects are ignored). */
  modalities: readonly string[];
  /** Its CISIS regions, as regionsOfStudy finds them. */
  regions: readonly RegionOrUnspecified[];
  /** Study description (and series descriptions), as typed at the site. */
  descriptions: readonly string[];
}

export interface StudyExplanation {
  /** « Scanner du thorax et de l’abdomen ». */
  title: string;
  /** What such an exam is, in one sentence; null for a modality without one. */
  about: string | null;
}

interface Words {
  fr: string;
  en: string;
}

/** The main acquisition first: a TEP-scanner is a TEP with its CT, not a scanner. */
const MODALITY_ORDER = ['PT', 'NM', 'MG', 'MR', 'CT', 'XA', 'RF', 'US', 'DX', 'CR', 'IO', 'PX'];

const EXAM: Record<string, Words> = {
  PT: { fr: 'TEP-scanner', en: 'PET scan' },
  NM: { fr: 'Scintigraphie', en: 'Nuclear medicine scan' },
  MG: { fr: 'Mammographie', en: 'Mammogram' },
  MR: { fr: 'IRM', en: 'MRI' },
  CT: { fr: 'Scanner', en: 'CT scan' },
  XA: { fr: 'Angiographie', en: 'Angiography' },
  RF: { fr: 'Radioscopie', en: 'Fluoroscopy' },
  US: { fr: 'Échographie', en: 'Ultrasound' },
  DX: { fr: 'Radiographie', en: 'X-ray' },
  CR: { fr: 'Radiographie', en: 'X-ray' },
  IO: { fr: 'Radiographie dentaire', en: 'Dental X-ray' },
  PX: { fr: 'Radiographie panoramique dentaire', en: 'Dental panoramic X-ray' },
};

const ANY_EXAM: Words = { fr: 'Examen d’imagerie', en: 'Imaging exam' };

const ABOUT: Record<string, Words> = {
  CT: {
    fr: 'Un scanner utilise des rayons X pour montrer l’intérieur du corps en fines coupes.',
    en: 'A CT scan uses X-rays to show the inside of the body in thin slices.',
  },
  MR: {
    fr: 'Une IRM utilise un aimant et des ondes radio, sans rayons X, pour montrer l’intérieur du corps en coupes.',
    en: 'An MRI uses a magnet and radio waves, without X-rays, to show the inside of the body in slices.',
  },
  DX: {
    fr: 'Une radiographie est une image faite avec des rayons X.',
    en: 'An X-ray is a picture made with X-rays.',
  },
  CR: {
    fr: 'Une radiographie est une image faite avec des rayons X.',
    en: 'An X-ray is a picture made with X-rays.',
  },
  MG: {
    fr: 'Une mammographie est une radiographie des seins.',
    en: 'A mammogram is an X-ray of the breasts.',
  },
  US: {
    fr: 'Une échographie utilise des ultrasons, sans rayons X.',
    en: 'An ultrasound uses sound waves, without X-rays.',
  },
  NM: {
    fr: 'Une scintigraphie montre le fonctionnement d’un organe grâce à un produit faiblement radioactif.',
    en: 'A nuclear medicine scan shows how an organ works, with a weakly radioactive tracer.',
  },
  PT: {
    fr: 'Une TEP montre l’activité des tissus grâce à un produit faiblement radioactif ; elle est couplée à un scanner.',
    en: 'A PET scan shows the activity of tissues with a weakly radioactive tracer; it is paired with a CT scan.',
  },
  XA: {
    fr: 'Une angiographie montre les vaisseaux sanguins grâce à un produit de contraste.',
    en: 'An angiography shows the blood vessels with a contrast agent.',
  },
};

/** A part of the body as a complement: « du thorax » / « of the chest ». */
interface Part {
  fr: string;
  en: string;
}

const REGION_PART: Record<string, Part> = {
  [REGION.headNeck]: { fr: 'de la tête et du cou', en: 'head and neck' },
  [REGION.thorax]: { fr: 'du thorax', en: 'chest' },
  [REGION.abdomenPelvis]: { fr: 'de l’abdomen', en: 'abdomen' },
  [REGION.spine]: { fr: 'de la colonne vertébrale', en: 'spine' },
  [REGION.upperLimb]: { fr: 'du bras', en: 'arm' },
  [REGION.lowerLimb]: { fr: 'de la jambe', en: 'leg' },
  [REGION.breast]: { fr: 'du sein', en: 'breast' },
  [REGION.heart]: { fr: 'du cœur', en: 'heart' },
  [REGION.cardiovascular]: { fr: 'des vaisseaux sanguins', en: 'blood vessels' },
  [REGION.wholeBody]: { fr: 'du corps entier', en: 'whole body' },
};

const PELVIS: Part = { fr: 'du bassin', en: 'pelvis' };
const PELVIS_WORDS = ['BASSIN', 'PELVIS', 'PELVIEN', 'PELVIENNE', 'PELVIC'];

/**
 * Words of a description that name a part inside a region: it replaces the region's own
 * words. `feminine` makes « droit » agree (« de la main droite »).
 */
interface FinePart {
  words: readonly string[];
  region: string;
  fr: string;
  en: string;
  feminine: boolean;
}

const FINE_PARTS: readonly FinePart[] = [
  {
    words: ['CERVEAU', 'CEREBRAL', 'CEREBRALE', 'ENCEPHALE', 'BRAIN'],
    region: REGION.headNeck,
    fr: 'du cerveau',
    en: 'brain',
    feminine: false,
  },
  {
    words: ['THYROIDE', 'THYROIDIENNE', 'THYROID'],
    region: REGION.headNeck,
    fr: 'de la thyroïde',
    en: 'thyroid',
    feminine: true,
  },
  {
    words: ['LOMBAIRE', 'LUMBAR'],
    region: REGION.spine,
    fr: 'du bas du dos (colonne lombaire)',
    en: 'lower back (lumbar spine)',
    feminine: false,
  },
  {
    words: ['CORONAIRE', 'CORONAROGRAPHIE', 'CORONARY'],
    region: REGION.heart,
    fr: 'des artères du cœur',
    en: 'heart arteries',
    feminine: true,
  },
  {
    words: ['GENOU', 'KNEE'],
    region: REGION.lowerLimb,
    fr: 'du genou',
    en: 'knee',
    feminine: false,
  },
  {
    words: ['CHEVILLE', 'ANKLE'],
    region: REGION.lowerLimb,
    fr: 'de la cheville',
    en: 'ankle',
    feminine: true,
  },
  {
    words: ['HANCHE', 'HIP'],
    region: REGION.lowerLimb,
    fr: 'de la hanche',
    en: 'hip',
    feminine: true,
  },
  { words: ['PIED', 'FOOT'], region: REGION.lowerLimb, fr: 'du pied', en: 'foot', feminine: false },
  {
    words: ['EPAULE', 'SHOULDER'],
    region: REGION.upperLimb,
    fr: 'de l’épaule',
    en: 'shoulder',
    feminine: true,
  },
  {
    words: ['COUDE', 'ELBOW'],
    region: REGION.upperLimb,
    fr: 'du coude',
    en: 'elbow',
    feminine: false,
  },
  {
    words: ['POIGNET', 'WRIST'],
    region: REGION.upperLimb,
    fr: 'du poignet',
    en: 'wrist',
    feminine: false,
  },
  {
    words: ['MAIN', 'HAND'],
    region: REGION.upperLimb,
    fr: 'de la main',
    en: 'hand',
    feminine: true,
  },
];

const RIGHT_WORDS = ['DROIT', 'DROITE', 'RIGHT'];
const LEFT_WORDS = ['GAUCHE', 'LEFT'];

function wordsOf(descriptions: readonly string[]): Set<string> {
  return new Set(descriptions.flatMap((d) => foldText(d).split(' ')).filter((w) => w !== ''));
}

function mainModality(modalities: readonly string[]): string | null {
  const present = new Set(modalities.map((m) => m.trim().toUpperCase()));
  return MODALITY_ORDER.find((m) => present.has(m)) ?? null;
}

/** « du thorax », « du thorax et de l’abdomen », « du thorax, de l’abdomen et du bassin ». */
function joinParts(parts: readonly string[], lang: ExplanationLanguage): string {
  if (parts.length <= 1) return parts[0] ?? '';
  const and = lang === 'fr' ? ' et ' : ' and ';
  return `${parts.slice(0, -1).join(', ')}${and}${parts[parts.length - 1] ?? ''}`;
}

function sideOf(words: ReadonlySet<string>): 'right' | 'left' | null {
  const right = RIGHT_WORDS.some((w) => words.has(w));
  const left = LEFT_WORDS.some((w) => words.has(w));
  return right === left ? null : right ? 'right' : 'left';
}

function partsOf(study: StudyToExplain, modality: string | null, lang: ExplanationLanguage) {
  const words = wordsOf(study.descriptions);
  const side = sideOf(words);
  const parts: string[] = [];
  for (const region of new Set(study.regions)) {
    // A mammogram is of the breasts by definition: saying it twice reads oddly.
    if (region === REGION.breast && modality === 'MG') continue;
    const general = REGION_PART[region];
    if (!general) continue;
    const fine = FINE_PARTS.filter((f) => f.region === region && f.words.some((w) => words.has(w)));
    if (fine.length > 0) {
      for (const f of fine) {
        // « droit » only when one part is named: which of two parts it is is not said.
        const sided = fine.length === 1 && side !== null;
        if (lang === 'fr') {
          const adjective = side === 'left' ? 'gauche' : f.feminine ? 'droite' : 'droit';
          parts.push(sided ? `${f.fr} ${adjective}` : f.fr);
        } else {
          parts.push(sided ? `${side} ${f.en}` : f.en);
        }
      }
      continue;
    }
    parts.push(lang === 'fr' ? general.fr : general.en);
    if (region === REGION.abdomenPelvis && PELVIS_WORDS.some((w) => words.has(w))) {
      parts.push(lang === 'fr' ? PELVIS.fr : PELVIS.en);
    }
  }
  return parts;
}

export function explainStudy(study: StudyToExplain, lang: ExplanationLanguage): StudyExplanation {
  const modality = mainModality(study.modalities);
  const exam = (modality && EXAM[modality]) || ANY_EXAM;
  const parts = partsOf(study, modality, lang);
  const about = modality ? (ABOUT[modality]?.[lang] ?? null) : null;
  if (parts.length === 0) return { title: exam[lang], about };
  if (lang === 'fr') return { title: `${exam.fr} ${joinParts(parts, 'fr')}`, about };
  return { title: `${exam.en} of the ${joinParts(parts, 'en')}`, about };
}

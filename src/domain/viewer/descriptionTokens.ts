// Series descriptions are typed by a technologist at each site, in French or English, in
// capitals or not, abbreviated as the console allows: « AX T2 FLAIR », « Axial T2 Flair »,
// « T2 FLAIR axiale ». To tell which prior series is the same acquisition as today's, the
// words are brought to one spelling each and compared as sets (word order is a site habit,
// not a meaning).
//
// What is dropped, and why:
// - numbers: series numbers (« S3 », « 4 ») differ between visits by construction, and
//   reconstruction thicknesses (« 1.25 », « 5 mm ») differ between sites for the same series;
// - modality words (TDM, SCANNER, IRM, CT…): pairing only compares series of one modality;
// - French and English small words.
// Contrast is kept, as one word each way (« sans injection », « non injecté », « C- » →
// NOCONTRAST; « avec injection », « injecté », « C+ » → CONTRAST): a pre-contrast series
// is not the post-contrast one.
import { foldText } from '../dicom/foldText';

/** Applied to the raw text: signs that folding would erase. */
const SIGNS: readonly [RegExp, string][] = [
  [/\bC\s*\+/gi, ' CONTRAST '],
  [/\+\s*(?:C|IV|GADO|GD)\b/gi, ' CONTRAST '],
  [/\bC\s*-(?=\s|$)/gi, ' NOCONTRAST '],
  [/\bW\/O\b/gi, ' WITHOUT '],
  [/\bW\//gi, ' WITH '],
];

const AGENT = '(?:INJECTION|INJ|IV|PDC|CONTRASTE|CONTRAST|PRODUIT DE CONTRASTE|GADO|GADOLINIUM)';

/** Applied to the folded text, negative forms first (« non injecté » holds « injecté »). */
const PHRASES: readonly [RegExp, string][] = [
  [new RegExp(`\\b(?:SANS|WITHOUT|WO|NO) ${AGENT}\\b`, 'g'), ' NOCONTRAST '],
  [/\bNON (?:INJECTEE?S?|CONTRAST(?:E|ED)?|ENHANCED)\b/g, ' NOCONTRAST '],
  [new RegExp(`\\b(?:AVEC|WITH|POST) ${AGENT}\\b`, 'g'), ' CONTRAST '],
  [/\bFAT SAT\b/g, ' FATSAT '],
  [/\bPARTIES MOLLES\b/g, ' SOFTTISSUE '],
  [/\bSOFT TISSUE\b/g, ' SOFTTISSUE '],
];

/** One spelling per row: the first word stands for the others. */
const SYNONYM_ROWS: readonly (readonly string[])[] = [
  ['AX', 'AXIAL', 'AXIALE', 'AXIAUX', 'AXL', 'TRA', 'TRANS', 'TRANSVERSE', 'TRANSVERSAL'],
  ['AX', 'TRANSVERSALE'],
  ['SAG', 'SAGITTAL', 'SAGITTALE', 'SAGITAL', 'SAGITALE'],
  ['COR', 'CORONAL', 'CORONALE', 'CORONAUX'],
  ['THORAX', 'THX', 'THOR', 'THORACIQUE', 'THORACIC', 'CHEST'],
  ['ABDOMEN', 'ABD', 'ABDO', 'ABDOMINAL', 'ABDOMINALE'],
  ['PELVIS', 'PELV', 'PELVIEN', 'PELVIENNE', 'BASSIN'],
  ['MEDIASTINUM', 'MEDIASTIN', 'MEDIASTINAL', 'MEDIAST', 'MEDIA', 'MED'],
  ['LUNG', 'LUNGS', 'POUMON', 'POUMONS', 'PULMONAIRE', 'PARENCHYME', 'PARENCHYMA'],
  ['LUNG', 'PARENCHYMATEUX', 'PAREN'],
  ['HEAD', 'CRANE', 'CRANIEN', 'CEREBRAL', 'CEREBRALE', 'ENCEPHALE', 'BRAIN', 'TETE'],
  ['BONE', 'OS', 'OSSEUX', 'OSSEUSE', 'BONES'],
  ['SPINE', 'RACHIS', 'COLONNE'],
  ['LUMBAR', 'LOMBAIRE', 'LOMB', 'LUMB'],
  ['KNEE', 'GENOU'],
  ['PD', 'DP'],
  ['DIFFUSION', 'DWI', 'DIFF', 'DW'],
  ['FATSAT', 'FS'],
  ['FRONTAL', 'FACE', 'FRONT', 'PA', 'AP'],
  ['LAT', 'LATERAL', 'LATERALE', 'PROFIL'],
  ['RIGHT', 'DROIT', 'DROITE', 'DRT'],
  ['LEFT', 'GAUCHE', 'GCHE'],
  ['CONTRAST', 'CONTRASTE', 'INJECTE', 'INJECTEE', 'INJECTES', 'INJECTION', 'INJ', 'IV'],
  ['CONTRAST', 'GADO', 'GADOLINIUM', 'ENHANCED'],
  ['PORTAL', 'PORTALE', 'PORTE'],
];

const SYNONYMS = new Map<string, string>(
  SYNONYM_ROWS.flatMap(([word = '', ...spellings]) => spellings.map((s) => [s, word] as const)),
);

const DROPPED = new Set([
  // Modality words
  ...['TDM', 'CT', 'SCANNER', 'SCAN', 'IRM', 'MR', 'MRI', 'RX', 'RADIO', 'RADIOGRAPHIE'],
  // Small words, French then English
  ...['DE', 'DU', 'DES', 'D', 'LA', 'LE', 'LES', 'L', 'ET', 'EN', 'A', 'AU', 'AUX', 'SUR'],
  ...['AND', 'OF', 'THE', 'WITH', 'IN', 'ON'],
  // What numbers are counted in
  ...['SERIE', 'SERIES', 'SER', 'SE', 'NO', 'MM'],
]);

/** A series number written as a word: « S3 », « SE12 », « SER4 ». */
const NUMBERED = /^(?:\d+|S\d+|SE\d+|SER\d+)$/;

/** The description's words, one spelling each, without order or repetition. */
export function descriptionTokens(description: string): Set<string> {
  let text = description;
  for (const [pattern, replacement] of SIGNS) text = text.replace(pattern, replacement);
  text = foldText(text);
  for (const [pattern, replacement] of PHRASES) text = text.replace(pattern, replacement);
  const tokens = new Set<string>();
  for (const word of text.split(' ')) {
    if (word === '' || DROPPED.has(word) || NUMBERED.test(word)) continue;
    tokens.add(SYNONYMS.get(word) ?? word);
  }
  return tokens;
}

/** Shared words over all words (Jaccard), 0 when either description says nothing. */
export function descriptionSimilarity(a: string, b: string): number {
  const ta = descriptionTokens(a);
  const tb = descriptionTokens(b);
  if (ta.size === 0 || tb.size === 0) return 0;
  let shared = 0;
  for (const t of ta) if (tb.has(t)) shared++;
  return shared / (ta.size + tb.size - shared);
}

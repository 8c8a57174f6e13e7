// Pro Santé Connect sends codes, not labels. These are the official French labels of the
// codes a regional imaging viewer meets most (ANS nomenclatures TRE_G15 and TRE_R38);
// an unknown code is shown as it is rather than hidden, so a missing entry is visible.

const PROFESSIONS: Readonly<Record<string, string>> = {
  '10': 'Médecin',
  '21': 'Pharmacien',
  '40': 'Chirurgien-dentiste',
  '50': 'Sage-femme',
  '60': 'Infirmier',
  '70': 'Masseur-kinésithérapeute',
  '80': 'Pédicure-podologue',
  '91': 'Orthophoniste',
  '92': 'Orthoptiste',
  '94': 'Ergothérapeute',
  '95': 'Psychomotricien',
  '96': 'Manipulateur ERM',
};

const SPECIALTIES: Readonly<Record<string, string>> = {
  SM01: 'Anatomie et cytologie pathologiques',
  SM02: 'Anesthésie-réanimation',
  SM04: 'Cardiologie et maladies vasculaires',
  SM05: 'Chirurgie générale',
  SM12: 'Chirurgie orthopédique et traumatologie',
  SM15: 'Dermatologie et vénéréologie',
  SM19: 'Gastro-entérologie et hépatologie',
  SM20: 'Génétique médicale',
  SM21: 'Gériatrie',
  SM22: 'Gynécologie médicale',
  SM24: 'Gynécologie-obstétrique',
  SM26: 'Qualifié en médecine générale',
  SM29: 'Médecine interne',
  SM30: 'Médecine nucléaire',
  SM32: 'Neurologie',
  SM33: 'Néphrologie',
  SM35: 'Oncologie médicale',
  SM38: 'Ophtalmologie',
  SM39: 'Oto-rhino-laryngologie',
  SM40: 'Pédiatrie',
  SM41: 'Pneumologie',
  SM42: 'Psychiatrie',
  SM44: 'Radio-diagnostic et imagerie médicale',
  SM45: 'Radiothérapie',
  SM47: 'Rhumatologie',
  SM53: 'Spécialiste en médecine générale',
  SM54: 'Médecine générale',
  SM55: 'Urologie',
};

// Own properties only: a code such as "constructor" must not read the object prototype.
function lookUp(table: Readonly<Record<string, string>>, code: string): string {
  return (Object.hasOwn(table, code) ? table[code] : undefined) ?? code;
}

export function professionLabel(code: string): string {
  return lookUp(PROFESSIONS, code);
}

export function specialtyLabel(code: string): string {
  return lookUp(SPECIALTIES, code);
}

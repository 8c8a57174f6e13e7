import { describe, expect, it } from 'vitest';
import { regionsOfDescription } from './descriptionKeywords';
import { REGION } from './regions';

const { headNeck: HN, thorax: TH, abdomenPelvis: AP, spine: SP, upperLimb: UL } = REGION;
const { lowerLimb: LL, breast: BR, heart: HE, cardiovascular: CV, wholeBody: WB } = REGION;

describe('regions named by a description', () => {
  it.each([
    // French, with accents and case
    ['TDM THORAX', [TH]],
    ['Scanner thoracique sans injection', [TH]],
    ['Radio pulmonaire face', [TH]],
    ['IRM cérébrale', [HN]],
    ['Crâne', [HN]],
    ['CRANE', [HN]],
    ['IRM encéphale', [HN]],
    ['Scanner des sinus', [HN]],
    ['Bilan ORL', [HN]],
    ['Echographie du cou', [HN]],
    ['Echographie cervicale', [HN]],
    ['Echo abdo', [AP]],
    ['TDM abdomino-pelvienne', [AP]],
    ['Radio du bassin', [AP]],
    ['Echographie foie et reins', [AP]],
    ['TDM TAP', [TH, AP]],
    ['Scanner thoraco-abdomino-pelvien', [TH, AP]],
    ['IRM rachis lombaire', [SP]],
    ['Rachis cervical F+P', [SP]],
    ['Rachis dorsal', [SP]],
    ['Colonne dorsale', [SP]],
    ['IRM moelle', [SP]],
    ['Epaule droite', [UL]],
    ['Radiographie du coude', [UL]],
    ['Poignet gauche', [UL]],
    ['Main', [UL]],
    ['Doigt', [UL]],
    ['Avant-bras', [UL]],
    ['Hanche', [LL]],
    ['IRM GENOU D', [LL]],
    ['Cheville', [LL]],
    ['Pied', [LL]],
    ['Cuisse', [LL]],
    ['Jambe', [LL]],
    ['Mammographie bilatérale', [BR]],
    ['MAMMO', [BR]],
    ['Echographie des seins', [BR]],
    ['IRM cardiaque', [HE]],
    ['IRM du cœur', [HE]],
    ['COEUR', [HE]],
    ['Coroscanner — coronaires', [HE]],
    ['Angioscanner de l’aorte', [CV]],
    ['Doppler artériel', [CV]],
    ['Echo-doppler veineux des membres inférieurs', [LL, CV]],
    ['Corps entier', [WB]],
    ['Scintigraphie osseuse', [WB]],
    // English
    ['CT CHEST', [TH]],
    ['Lung low dose', [TH]],
    ['MR BRAIN', [HN]],
    ['CT HEAD WO', [HN]],
    ['Neck soft tissue', [HN]],
    ['Shoulder', [UL]],
    ['Wrist', [UL]],
    ['Hand', [UL]],
    ['Knee', [LL]],
    ['Ankle', [LL]],
    ['Foot', [LL]],
    ['Hip', [LL]],
    ['Breast MRI', [BR]],
    ['Cardiac MR', [HE]],
    ['Heart', [HE]],
    ['Whole body', [WB]],
    ['CT Chest Abdomen Pelvis', [TH, AP]],
  ])('%s', (description, regions) => {
    expect([...regionsOfDescription(description)].sort()).toEqual([...regions].sort());
  });

  it.each([
    ['', 'empty'],
    ['Examen', 'no region word'],
    ['ECRANE TAPIS PIEDESTAL', 'region words only inside other words'],
    ['Cervical', '"cervical" alone is ambiguous (neck, spine, cervix)'],
    ['Dorsal', '"dorsal" alone is ambiguous'],
    ['IRM moelle osseuse', 'bone marrow is not the spinal cord'],
    ['Radio corps étranger', 'a foreign body is not the whole body'],
    ['Face et profil des deux côtés', 'face / côtés are not anatomy'],
    ['<script>alert("x")</script>', 'markup'],
  ])('finds nothing in "%s" (%s)', (description) => {
    expect(regionsOfDescription(description).size).toBe(0);
  });

  it('lets a longer phrase win over the words in it', () => {
    expect([...regionsOfDescription('Rachis thoracique')]).toEqual([SP]);
    expect([...regionsOfDescription('Tête fémorale droite')]).toEqual([LL]);
    expect([...regionsOfDescription('CT head first chest')]).toEqual([TH]);
  });

  it('reads TEP/PET as whole body only when nothing else is named', () => {
    expect([...regionsOfDescription('TEP-TDM FDG')]).toEqual([WB]);
    expect([...regionsOfDescription('PET CT')]).toEqual([WB]);
    expect([...regionsOfDescription('TEP cérébrale')]).toEqual([HN]);
  });
});

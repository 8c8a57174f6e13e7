// BodyPartExamined (0018,0015) defined terms and their SNOMED codes (PS3.16 Annex L, CID
// 4031), rolled up into the ten CISIS regions. One row per term keeps the term and the code
// of a structure mapped the same way, so a study coded either way lands in the same region.
//
// Rules behind the rows (why, for the next person to edit them):
// - A vessel maps to the cardiovascular system only, not also to where it runs: the value
//   set has a region for vessels, and a carotid Doppler listed under « Tête et cou » would
//   surprise the radiologist more than it would help.
// - Parts of the heart and the coronary vessels map to « Cœur » (coronaries also to the
//   cardiovascular system, they are both).
// - Shoulder girdle bones (clavicle, scapula, AC joint) go with the upper limb; the
//   sternoclavicular joint, ribs and sternum with the thorax; hip and buttock-free pelvis
//   bones with the abdominopelvic segment except the hip joint (lower limb).
// - Obstetric terms (fetus, gestational sac, placenta) are imaged through the mother's
//   abdomen and pelvis, so they map there.
// - A term that names no single region (EXTREMITY, DIGIT, JOINT, BACK, LUMBAR region,
//   GLUTEAL/BUTTOCK, PHANTOM…) maps to nothing: the description may still say more, and
//   otherwise the study is « Non précisé » rather than guessed.
// - Terms not in the standard but seen in the wild (SINUS, HEEL, CHESTABDPELV, BILIARY)
//   are accepted as their obvious meaning and marked `standard: false`.
import { REGION } from './regions';
import type { RegionCode } from './regions';

const SHORT: Readonly<Record<string, RegionCode>> = {
  H: REGION.headNeck,
  T: REGION.thorax,
  A: REGION.abdomenPelvis,
  S: REGION.spine,
  U: REGION.upperLimb,
  L: REGION.lowerLimb,
  B: REGION.breast,
  C: REGION.heart,
  V: REGION.cardiovascular,
  W: REGION.wholeBody,
};

/** [defined term, SNOMED CT code or '', regions as letters of SHORT]. */
type Row = readonly [term: string, sct: string, regions: string];

const STANDARD_ROWS: readonly Row[] = [
  ['ABDOMEN', '818981001', 'A'],
  ['ABDOMENPELVIS', '818982008', 'A'],
  ['ABDOMINALAORTA', '7832008', 'V'],
  ['ACJOINT', '85856004', 'U'],
  ['ADRENAL', '23451007', 'A'],
  ['AMNIOTICFLUID', '77012006', 'A'],
  ['ANKLE', '70258002', 'L'],
  ['ANTECUBITALV', '128553008', 'V'],
  ['ANTCARDIACV', '194996006', 'CV'],
  ['ACA', '60176003', 'V'],
  ['ANTCOMMA', '8012006', 'V'],
  ['ANTSPINALA', '17388009', 'V'],
  ['ANTTIBIALA', '68053000', 'V'],
  ['ANUS', '53505006', 'A'],
  ['ANUSRECTUMSIGMD', '110612005', 'A'],
  ['AORTA', '15825003', 'V'],
  ['AORTICARCH', '57034009', 'V'],
  ['APPENDIX', '66754008', 'A'],
  ['ARM', '40983000', 'U'],
  ['ARTERY', '51114001', 'V'],
  ['ASCAORTA', '54247002', 'V'],
  ['ASCENDINGCOLON', '9040008', 'A'],
  ['ATLANTOAXIAL', '62555009', 'S'],
  ['ATLANTOOCCIPITAL', '20292002', 'S'],
  ['AXILLA', '91470000', 'U'],
  ['AXILLARYA', '67937003', 'V'],
  ['AXILLARYV', '68705008', 'V'],
  ['AZYGOSVEIN', '72107004', 'V'],
  ['BACK', '77568009', ''],
  ['BASILARA', '59011009', 'V'],
  ['BILEDUCT', '28273000', 'A'],
  ['BILIARYTRACT', '34707002', 'A'],
  ['BLADDER', '89837001', 'A'],
  ['BLADDERURETHRA', '110837003', 'A'],
  ['BRACHIALA', '17137000', 'V'],
  ['BRACHIALV', '20115005', 'V'],
  ['BRAIN', '12738006', 'H'],
  ['BREAST', '76752008', 'B'],
  ['BRONCHUS', '955009', 'T'],
  ['BULB', '21479005', 'V'],
  ['BUTTOCK', '46862004', ''],
  ['CALCANEUS', '80144004', 'L'],
  ['CALF', '53840002', 'L'],
  ['CARDIOVASCSYS', '113257007', 'V'],
  ['CAROTID', '69105007', 'V'],
  ['CARPUS', '8205005', 'U'],
  ['CCA', '32062004', 'V'],
  ['CELIACA', '57850000', 'V'],
  ['CEPHALICV', '20699002', 'V'],
  ['CEREBELLUM', '113305005', 'H'],
  ['CEREBHEMISPHERE', '372073000', 'H'],
  ['CEREBRALA', '88556005', 'V'],
  ['CERVIX', '71252005', 'A'],
  ['CFA', '181347005', 'V'],
  ['CFV', '397363009', 'V'],
  ['CHEEK', '60819002', 'H'],
  ['CHEST', '43799004', 'T'],
  ['CHESTABDOMEN', '416550000', 'TA'],
  ['CHESTABDPELVIS', '416775004', 'TA'],
  ['CHOROIDPLEXUS', '80621003', 'H'],
  ['CIRCLEOFWILLIS', '11279006', 'V'],
  ['CLAVICLE', '51299004', 'U'],
  ['COCCYX', '64688005', 'S'],
  ['COLON', '71854001', 'A'],
  ['COMILIACA', '73634005', 'V'],
  ['COMILIACV', '46027005', 'V'],
  ['COMMONBILEDUCT', '79741001', 'A'],
  ['CORNEA', '28726007', 'H'],
  ['CORONARYARTERY', '41801008', 'CV'],
  ['CORONARYSINUS', '90219004', 'CV'],
  ['CSPINE', '122494005', 'S'],
  ['CTSPINE', '1217257000', 'S'],
  ['CULDESAC', '53843000', 'A'],
  ['DESCAORTA', '32672002', 'V'],
  ['DESCENDINGCOLON', '32622004', 'A'],
  ['DIGIT', '82680008', ''],
  ['DISTALPHALANX', '', ''],
  ['DUODENUM', '38848004', 'A'],
  ['EAC', '84301002', 'H'],
  ['EAR', '117590005', 'H'],
  ['ECA', '22286001', 'V'],
  ['ELBOW', '16953009', 'U'],
  ['ENDOARTERIAL', '51114001', 'V'],
  ['ENDOCARDIAC', '80891009', 'C'],
  ['ENDOESOPHAGEAL', '32849002', 'T'],
  ['ENDOMETRIUM', '2739003', 'A'],
  ['ENDONASAL', '53342003', 'H'],
  ['ENDONASOPHARYNYX', '18962004', 'H'],
  ['ENDORECTAL', '34402009', 'A'],
  ['ENDORENAL', '64033007', 'A'],
  ['ENDOURETERIC', '87953007', 'A'],
  ['ENDOURETHRAL', '13648007', 'A'],
  ['ENDOVAGINAL', '76784001', 'A'],
  ['ENDOVASCULAR', '59820001', 'V'],
  ['ENDOVENOUS', '29092000', 'V'],
  ['ENDOVESICAL', '48367006', 'A'],
  ['EPIDIDYMIS', '87644002', 'A'],
  ['EPIGASTRIC', '27947004', 'A'],
  ['ESOPHAGUS', '32849002', 'T'],
  ['EXTILIACA', '113269004', 'V'],
  ['EXTILIACV', '63507001', 'V'],
  ['EXTJUGV', '71585003', 'V'],
  ['EXTREMITY', '66019005', ''],
  ['EYE', '81745001', 'H'],
  ['EYELID', '80243003', 'H'],
  ['FACE', '89545001', 'H'],
  ['FACIALA', '23074001', 'V'],
  ['FEMORALA', '7657000', 'V'],
  ['FEMORALV', '83419000', 'V'],
  ['FEMUR', '71341001', 'L'],
  ['FETALARM', '', 'A'],
  ['FETALDIGIT', '', 'A'],
  ['FETALHEART', '', 'A'],
  ['FETALLEG', '', 'A'],
  ['FETALPOLE', '', 'A'],
  ['FIBULA', '87342007', 'L'],
  ['FINGER', '7569003', 'U'],
  ['FLANK', '58602004', 'A'],
  ['FONTANEL', '79361005', 'H'],
  ['FOOT', '56459004', 'L'],
  ['FOREARM', '14975008', 'U'],
  ['FOREFOOT', '419176008', 'L'],
  ['FORENAVICULAR', '30518006', 'L'],
  ['4THVENTRICLE', '35918002', 'H'],
  ['FRONTALSINUS', '55060009', 'H'],
  ['GALLBLADDER', '28231008', 'A'],
  ['GASTRICV', '110568007', 'V'],
  ['GENICULARA', '128559007', 'V'],
  ['GESTSAC', '300571009', 'A'],
  ['GLUTEAL', '46862004', ''],
  ['GSV', '60734001', 'V'],
  ['HAND', '85562004', 'U'],
  ['HEAD', '69536005', 'H'],
  ['HEADNECK', '774007', 'H'],
  ['HEART', '80891009', 'C'],
  ['HEPATICA', '76015000', 'V'],
  ['HEPATICV', '8993003', 'V'],
  ['HINDFOOT', '416804009', 'L'],
  ['HINDNAVICULAR', '75772009', 'L'],
  ['HIP', '24136001', 'L'],
  ['HUMERUS', '85050009', 'U'],
  ['HYPOGASTRIC', '11708003', 'A'],
  ['HYPOPHARYNX', '81502006', 'H'],
  ['IAC', '361078006', 'H'],
  ['ICA', '86117002', 'V'],
  ['ILEUM', '34516001', 'A'],
  ['ILIACA', '10293006', 'V'],
  ['ILIACV', '244411005', 'V'],
  ['ILIUM', '22356005', 'A'],
  ['INFMESA', '33795007', 'V'],
  ['INFVENACAVA', '64131007', 'V'],
  ['INGUINAL', '26893007', 'A'],
  ['INNOMINATEA', '12691009', 'V'],
  ['INNOMINATEV', '8887007', 'V'],
  ['INTILIACA', '90024005', 'V'],
  ['INTJUGULARV', '12123001', 'V'],
  ['INTMAMMARYA', '69327007', 'V'],
  ['INTRACRANIAL', '1101003', 'H'],
  ['JAW', '661005', 'H'],
  ['JEJUNUM', '21306003', 'A'],
  ['JOINT', '39352004', ''],
  ['KIDNEY', '64033007', 'A'],
  ['KNEE', '72696002', 'L'],
  ['LACRIMALA', '59749000', 'V'],
  ['LARGEINTESTINE', '14742008', 'A'],
  ['LARYNX', '4596009', 'H'],
  ['LATRIUM', '82471001', 'C'],
  ['LATVENTRICLE', '66720007', 'H'],
  ['LEG', '30021000', 'L'],
  ['LEGS', '42694008', 'L'],
  ['LFEMORALA', '113270003', 'V'],
  ['LHEPATICV', '273202007', 'V'],
  ['LHYPOCHONDRIAC', '133945003', 'A'],
  ['LINGUALA', '113264009', 'V'],
  ['LINGUINAL', '85119005', 'A'],
  ['LIVER', '10200004', 'A'],
  ['LLQ', '68505006', 'A'],
  ['LLUMBAR', '1017210004', 'A'],
  ['LOWERLEG', '30021000', 'L'],
  ['LOWERLIMB', '61685007', 'L'],
  ['LPORTALV', '70253006', 'V'],
  ['LPULMONARYA', '50408007', 'V'],
  ['LSPINE', '122496007', 'S'],
  ['LSSPINE', '1217253001', 'S'],
  ['LUMBAR', '52612000', ''],
  ['LUMBARA', '34635009', 'V'],
  ['LUMEN', '91747007', ''],
  ['LUNG', '39607008', 'T'],
  ['LUQ', '86367003', 'A'],
  ['LVENTRICLE', '87878005', 'C'],
  ['MANDIBLE', '91609006', 'H'],
  ['MASTOID', '59066005', 'H'],
  ['MAXILLA', '70925003', 'H'],
  ['MCA', '17232002', 'V'],
  ['MEDIASTINUM', '72410000', 'T'],
  ['MESENTRICA', '86570000', 'V'],
  ['MESENTRICV', '128583004', 'V'],
  ['METACARPUS', '36455000', 'U'],
  ['METATARSUS', '280711000', 'L'],
  ['MIDHEPATICV', '273099000', 'V'],
  ['MORISONSPOUCH', '243977002', 'A'],
  ['MOUTH', '123851003', 'H'],
  ['NASOPHARYNX', '360955006', 'H'],
  ['NECK', '45048000', 'H'],
  ['NECKCHEST', '417437006', 'HT'],
  ['NECKCHESTABDOMEN', '416152001', 'HTA'],
  ['NECKCHESTABDPELV', '416319003', 'HTA'],
  ['NOSE', '45206002', 'H'],
  ['OCCIPTALV', '32114007', 'V'],
  ['OCCPITALA', '31145008', 'V'],
  ['OPHTHALMICA', '53549008', 'V'],
  ['OPTICCANAL', '55024004', 'H'],
  ['ORBIT', '363654007', 'H'],
  ['OVARY', '15497006', 'A'],
  ['PANCBILEDUCT', '110621006', 'A'],
  ['PANCREAS', '15776009', 'A'],
  ['PANCREATICDUCT', '69930009', 'A'],
  ['PARASTERNAL', '91691001', 'T'],
  ['PARATHYROID', '111002', 'H'],
  ['PAROTID', '45289007', 'H'],
  ['PATELLA', '64234005', 'L'],
  ['PCA', '70382005', 'V'],
  ['PELVIS', '816092008', 'A'],
  ['PELVISLOWEXTREMT', '1231522001', 'AL'],
  ['PENILEA', '282044005', 'V'],
  ['PENIS', '18911002', 'A'],
  ['PERINEUM', '38864007', 'A'],
  ['PERONEALA', '8821006', 'V'],
  ['PHANTOM', '706342009', ''],
  ['PHARYNX', '54066008', 'H'],
  ['PHARYNXLARYNX', '312535008', 'H'],
  ['PLACENTA', '78067005', 'A'],
  ['POPLITEALA', '43899006', 'V'],
  ['POPLITEALFOSSA', '32361000', 'L'],
  ['POPLITEALV', '56849005', 'V'],
  ['PORTALV', '32764006', 'V'],
  ['POSCOMMA', '43119007', 'V'],
  ['POSTIBIALA', '13363002', 'V'],
  ['PROFFEMA', '31677005', 'V'],
  ['PROFFEMV', '23438002', 'V'],
  ['PROSTATE', '41216001', 'A'],
  ['PULMONARYA', '81040000', 'V'],
  ['PULMONARYV', '122972007', 'V'],
  ['RADIALA', '45631007', 'V'],
  ['RADIUS', '62413002', 'U'],
  ['RADIUSULNA', '110535000', 'U'],
  ['RATRIUM', '73829009', 'C'],
  ['RECTUM', '34402009', 'A'],
  ['RENALA', '2841007', 'V'],
  ['RENALV', '56400007', 'V'],
  ['RETROPERITONEUM', '82849001', 'A'],
  ['RFEMORALA', '69833005', 'V'],
  ['RHEPATICV', '272998002', 'V'],
  ['RHYPOCHONDRIAC', '133946002', 'A'],
  ['RIB', '113197003', 'T'],
  ['RINGUINAL', '37117007', 'A'],
  ['RLQ', '48544008', 'A'],
  ['RLUMBAR', '1017211000', 'A'],
  ['RPORTALV', '73931004', 'V'],
  ['RPULMONARYA', '78480002', 'V'],
  ['RSUPPULMONARYV', '8629005', 'V'],
  ['LSUPPULMONARYV', '43863001', 'V'],
  ['RUQ', '50519007', 'A'],
  ['RVENTRICLE', '53085002', 'C'],
  ['SAPHENOUSV', '362072009', 'V'],
  ['SCALP', '41695006', 'H'],
  ['SCAPULA', '79601000', 'U'],
  ['SCJOINT', '7844006', 'T'],
  ['SCLERA', '18619003', 'H'],
  ['SCROTUM', '20233005', 'A'],
  ['SELLA', '42575006', 'H'],
  ['SEMVESICLE', '64739004', 'A'],
  ['SESAMOID', '58742003', 'L'],
  ['SFA', '181349008', 'V'],
  ['SFJ', '128587003', 'V'],
  ['SFV', '397364003', 'V'],
  ['SHOULDER', '16982005', 'U'],
  ['SIGMOID', '60184004', 'A'],
  ['SIJOINT', '39723000', 'S'],
  ['SKULL', '89546000', 'H'],
  ['SMA', '42258001', 'V'],
  ['SMALLINTESTINE', '30315005', 'A'],
  ['SPINALCORD', '2748008', 'S'],
  ['SPINE', '421060004', 'S'],
  ['SPLEEN', '78961009', 'A'],
  ['SPLENICA', '22083002', 'V'],
  ['SPLENICV', '35819009', 'V'],
  ['SSPINE', '54735007', 'S'],
  ['STERNUM', '56873002', 'T'],
  ['STOMACH', '69695003', 'A'],
  ['SUBCLAVIANA', '36765005', 'V'],
  ['SUBCLAVIANV', '9454009', 'V'],
  ['SUBCOSTAL', '19695001', 'A'],
  ['SUBMANDIBULAR', '54019009', 'H'],
  ['SUPRACLAVICULAR', '77621008', 'H'],
  ['SUPRAPUBIC', '11708003', 'A'],
  ['SUPTHYROIDA', '72021004', 'V'],
  ['SVC', '48345005', 'V'],
  ['TAIL', '18149002', 'S'],
  ['TARSUS', '108371006', 'L'],
  ['TESTIS', '40689003', 'A'],
  ['THALAMUS', '42695009', 'H'],
  ['THIGH', '68367000', 'L'],
  ['3RDVENTRICLE', '49841001', 'H'],
  ['THORACICAORTA', '113262008', 'V'],
  ['THORAX', '43799004', 'T'],
  ['THUMB', '76505004', 'U'],
  ['THYMUS', '9875009', 'T'],
  ['THYROID', '69748006', 'H'],
  ['TIBIA', '12611008', 'L'],
  ['TIBIAFIBULA', '110536004', 'L'],
  ['TLSPINE', '1217256009', 'S'],
  ['TMJ', '53620006', 'H'],
  ['TOE', '29707007', 'L'],
  ['TONGUE', '21974007', 'H'],
  ['TRACHEA', '44567001', 'T'],
  ['TRACHEABRONCHUS', '110726009', 'T'],
  ['TRANSVERSECOLON', '485005', 'A'],
  ['TSPINE', '122495006', 'S'],
  ['UGITRACT', '62834003', 'A'],
  ['ULNA', '23416004', 'U'],
  ['ULNARA', '44984001', 'V'],
  ['UMBILICAL', '90290004', 'A'],
  ['UMBILICALA', '50536004', 'V'],
  ['UMBILICALV', '284639000', 'V'],
  ['UPPERARM', '40983000', 'U'],
  ['UPPERLIMB', '53120007', 'U'],
  ['UPRURINARYTRACT', '431491007', 'A'],
  ['URETER', '87953007', 'A'],
  ['URETHRA', '13648007', 'A'],
  ['URINARYTRACT', '431938005', 'A'],
  ['UTERUS', '35039007', 'A'],
  ['VAGINA', '76784001', 'A'],
  ['VEIN', '29092000', 'V'],
  ['VERTEBRALA', '85234005', 'V'],
  ['VULVA', '45292006', 'A'],
  ['WHOLEBODY', '38266002', 'W'],
  ['WRIST', '74670003', 'U'],
  ['ZYGOMA', '13881006', 'H'],
];

/** Values seen in real data that are not defined terms, read as their obvious meaning. */
const LOCAL_ROWS: readonly Row[] = [
  ['SINUS', '', 'H'],
  ['HEEL', '', 'L'],
  ['CHESTABDPELV', '', 'TA'],
  ['BILIARY', '', 'A'],
];

/**
 * SNOMED codes that are not the code of a defined term above: the ten CISIS concepts whose
 * code no term carries, and concepts replaced over the years that older files still hold.
 */
const EXTRA_SCT: readonly (readonly [string, string])[] = [
  ['67734004', 'T'], // CISIS thoracic segment of trunk (upper trunk)
  ['63337009', 'A'], // CISIS abdominopelvic segment of trunk (lower trunk)
  ['737561001', 'S'], // CISIS spinal cord and/or vertebral column
  ['816094009', 'T'], // Chest, current concept
  ['51185008', 'T'], // Thorax, before CP 1962
  ['113345001', 'A'], // Abdomen, before CP 1962
  ['416949008', 'A'], // Abdomen and pelvis, before CP 1962
  ['281130003', 'V'], // Descending aorta, other concept id
  ['297171002', 'S'], // Cervico-thoracic spine, before CP 2166
  ['297173004', 'S'], // Lumbo-sacral spine, before CP 2166
];

/** SNOMED RT legacy codes (scheme SRT/SNM3) of the most common regions in older files. */
const SRT: readonly (readonly [string, string])[] = [
  ['T-D1000', 'H'],
  ['T-D1100', 'H'],
  ['T-A0100', 'H'],
  ['T-D1600', 'H'],
  ['T-D3000', 'T'],
  ['T-28000', 'T'],
  ['T-D4000', 'A'],
  ['T-D6000', 'A'],
  ['T-62000', 'A'],
  ['T-71000', 'A'],
  ['T-11500', 'S'],
  ['T-11501', 'S'],
  ['T-11502', 'S'],
  ['T-11503', 'S'],
  ['T-D8000', 'U'],
  ['T-D8200', 'U'],
  ['T-D8500', 'U'],
  ['T-D8700', 'U'],
  ['T-15430', 'U'],
  ['T-D9000', 'L'],
  ['T-D9200', 'L'],
  ['T-D9400', 'L'],
  ['T-D9700', 'L'],
  ['T-15710', 'L'],
  ['T-15750', 'L'],
  ['T-04000', 'B'],
  ['T-32000', 'C'],
  ['T-43000', 'CV'],
  ['T-30000', 'V'],
  ['T-40000', 'V'],
  ['T-41000', 'V'],
  ['T-42000', 'V'],
  ['T-45010', 'V'],
  ['T-D0010', 'W'],
];

function regionsOf(letters: string): RegionCode[] {
  return [...letters].map((l) => {
    const code = SHORT[l];
    if (!code) throw new Error(`bodyPartTable: unknown region letter ${l}`);
    return code;
  });
}

export interface BodyPartTerm {
  term: string;
  sct: string;
  regions: readonly RegionCode[];
  standard: boolean;
}

export const BODY_PART_TERMS: readonly BodyPartTerm[] = [
  ...STANDARD_ROWS.map(([term, sct, r]) => ({ term, sct, regions: regionsOf(r), standard: true })),
  ...LOCAL_ROWS.map(([term, sct, r]) => ({ term, sct, regions: regionsOf(r), standard: false })),
];

const BY_TERM = new Map(BODY_PART_TERMS.map((t) => [t.term, t.regions]));

const BY_SNOMED = new Map<string, readonly RegionCode[]>();
for (const t of BODY_PART_TERMS) if (t.sct !== '') BY_SNOMED.set(t.sct, t.regions);
for (const [code, r] of [...EXTRA_SCT, ...SRT]) BY_SNOMED.set(code, regionsOf(r));

/** SNOMED CT and its predecessors; a code from any other scheme may mean anything. */
const SNOMED_SCHEMES = new Set(['SCT', 'SRT', 'SNM3', '99SDM']);

/**
 * Vendors write "CHEST ABDOMEN", "Chest_Abdomen" or "chest-abdomen" for CHESTABDOMEN, so
 * case, spaces, hyphens and underscores do not count.
 * @returns undefined for an unknown term; [] for a known term that names no single region.
 */
export function regionsOfBodyPart(value: string): readonly RegionCode[] | undefined {
  const key = value.toUpperCase().replace(/[\s_-]+/g, '');
  return key === '' ? undefined : BY_TERM.get(key);
}

/** Regions of an Anatomic Region Sequence code; undefined when the code is not SNOMED or unknown. */
export function regionsOfCode(code: {
  value: string;
  scheme: string;
}): readonly RegionCode[] | undefined {
  const scheme = code.scheme.trim().toUpperCase();
  // Without a SNOMED scheme a code may be a local one that happens to look the same.
  if (!SNOMED_SCHEMES.has(scheme)) return undefined;
  return BY_SNOMED.get(code.value.trim().toUpperCase());
}

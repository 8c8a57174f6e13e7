// The fictional people of the local stack: shared by the sample-data generator (who is in
// the images), the demo IdP (who can log in) and the tests (what must be seen). Only the
// INS *test* OID may appear here (DOMAIN.md); every name, number and site is invented.

export const INS_TEST_OID = '1.2.250.1.213.1.4.10';

/** The four DICOMweb sources of the local region (ids are also their gateway path). */
export const SOURCES = [
  {
    id: 'drimbox-nancy',
    label: 'DRIMbox — Centre d’imagerie Stanislas (Nancy)',
    kind: 'drimbox',
    // Issuer of the site's own local patient numbers (UUID-derived OIDs: unique, not France's arc).
    localIssuer: '2.25.300347615237841104557914315431063110001',
    storage: 'explicit-little-endian',
  },
  {
    id: 'drimbox-thionville',
    label: 'DRIMbox — Polyclinique des Trois Frontières (Thionville)',
    kind: 'drimbox',
    localIssuer: '2.25.300347615237841104557914315431063110002',
    storage: 'jpeg-ls-lossless',
  },
  {
    id: 'drimbox-reims',
    label: 'DRIMbox — Clinique des Coteaux de Champagne (Reims)',
    kind: 'drimbox',
    localIssuer: '2.25.300347615237841104557914315431063110003',
    storage: 'jpeg-2000-lossless',
  },
  {
    id: 'archive-regionale',
    label: 'Archive régionale Grand Est',
    kind: 'regional',
    localIssuer: '2.25.300347615237841104557914315431063110004',
    storage: 'explicit-little-endian',
  },
] as const;

export type SourceId = (typeof SOURCES)[number]['id'];

export interface DemoPatient {
  /** Stable key used by the manifest and the tests; never shown to users. */
  key: string;
  familyName: string;
  givenName: string;
  /** YYYYMMDD, as in DICOM. */
  birthDate: string;
  sex: 'F' | 'M';
  /** INS-NIR test identity (15 digits, key included); absent for a patient without INS. */
  ins?: string;
}

export const PATIENTS: readonly DemoPatient[] = [
  // Followed at three DRIMboxes and with older exams in the regional archive.
  {
    key: 'dubois',
    familyName: 'DUBOIS',
    givenName: 'MARIE',
    birthDate: '19580314',
    sex: 'F',
    ins: '258037512345653',
  },
  {
    key: 'martin',
    familyName: 'MARTIN',
    givenName: 'JEAN',
    birthDate: '19711102',
    sex: 'M',
    ins: '171115432101297',
  },
  {
    key: 'bernard',
    familyName: 'BERNARD',
    givenName: 'LUCIE',
    birthDate: '19850623',
    sex: 'F',
    ins: '285066748203195',
  },
  {
    key: 'thomas',
    familyName: 'THOMAS',
    givenName: 'PIERRE',
    birthDate: '19490130',
    sex: 'M',
    ins: '149015746309979',
  },
  {
    key: 'petit',
    familyName: 'PETIT',
    givenName: 'CAMILLE',
    birthDate: '19920909',
    sex: 'F',
    ins: '292098800504447',
  },
  {
    key: 'robert',
    familyName: 'ROBERT',
    givenName: 'MICHEL',
    birthDate: '19401205',
    sex: 'M',
    ins: '140125131201144',
  },
  {
    key: 'durand',
    familyName: 'DURAND',
    givenName: 'HUGO',
    birthDate: '20010728',
    sex: 'M',
    ins: '201076923120781',
  },
  {
    key: 'leroy',
    familyName: 'LEROY',
    givenName: 'SOPHIE',
    birthDate: '19830713',
    sex: 'F',
    ins: '183071305508817',
  },
  // Known to the regional archive only by its local number: no INS.
  { key: 'richard', familyName: 'RICHARD', givenName: 'ANNE', birthDate: '19660417', sex: 'F' },
];

export interface DemoUserBase {
  username: string;
  /** Every demo user has the password `demo` (printed by `npm run demo`). */
  password: 'demo';
  givenName: string;
  familyName: string;
}

export interface DemoProfessional extends DemoUserBase {
  role: 'professional';
  /** Pro Santé Connect SubjectNameID: '8' + RPPS. */
  subjectNameId: string;
  rpps: string;
  /** TRE_G15 profession code and label, TRE_R38 specialty code and label. */
  profession: { code: string; label: string };
  specialty: { code: string; label: string };
  structure: { finess: string; name: string; siret: string };
}

export interface DemoPatientUser extends DemoUserBase {
  role: 'patient';
  patientKey: string;
  ins: string;
  insOid: typeof INS_TEST_OID;
  birthDate: string;
}

export type DemoUser = DemoProfessional | DemoPatientUser;

function patientUser(username: string, key: string): DemoPatientUser {
  const p = PATIENTS.find((x) => x.key === key);
  if (!p?.ins) throw new Error(`demo patient ${key} needs an INS`);
  return {
    username,
    password: 'demo',
    role: 'patient',
    patientKey: key,
    givenName: p.givenName,
    familyName: p.familyName,
    ins: p.ins,
    insOid: INS_TEST_OID,
    birthDate: p.birthDate,
  };
}

export const DEMO_USERS: readonly DemoUser[] = [
  {
    username: 'medecin',
    password: 'demo',
    role: 'professional',
    givenName: 'Claire',
    familyName: 'LAMBERT',
    subjectNameId: '899900012345',
    rpps: '99900012345',
    profession: { code: '10', label: 'Médecin' },
    specialty: { code: 'SM54', label: 'Médecine générale' },
    structure: {
      finess: '549999991',
      name: 'Cabinet médical du Parc (fictif)',
      siret: '99999999900017',
    },
  },
  {
    username: 'radiologue',
    password: 'demo',
    role: 'professional',
    givenName: 'Paul',
    familyName: 'MOREAU',
    subjectNameId: '899900067890',
    rpps: '99900067890',
    profession: { code: '10', label: 'Médecin' },
    specialty: { code: 'SM44', label: 'Radio-diagnostic et imagerie médicale' },
    structure: {
      finess: '549999992',
      name: 'Centre d’imagerie Stanislas (fictif)',
      siret: '99999999900025',
    },
  },
  patientUser('patient1', 'dubois'),
  patientUser('patient2', 'martin'),
];

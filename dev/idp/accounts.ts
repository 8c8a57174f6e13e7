// The demo users as OIDC accounts: password check, and the claims a regional IdP brokering
// Pro Santé Connect (professionals) or a patient identity provider would release.
import { createHash, timingSafeEqual } from 'node:crypto';
import {
  DEMO_USERS,
  type DemoPatientUser,
  type DemoProfessional,
  type DemoUser,
} from '../demo-identities';

/** Resource indicator, and so `aud`, of the access tokens the gateway accepts. */
export const GATEWAY_AUDIENCE = 'urn:drim-viewer:gateway';

/** OID of the TRE_G15 profession nomenclature, as PSC writes it in `SubjectRole`. */
const PROFESSION_OID = '1.2.250.1.213.1.1.5.5';
/** OID of the TRE_R02 activity-sector nomenclature, as in PSC's `Secteur_Activite`. */
const SECTEUR_OID = '1.2.250.1.71.4.2.4';

/**
 * A test-only GP (same claims as `medecin`, own login) whose access tokens the IdP makes
 * short-lived when started with `--short-token-ttl`: the session-expiry tests need tokens
 * that end within seconds without shortening everyone else's.
 */
export const SHORT_TOKEN_USERNAME = 'medecin-jeton-court';

// demo-identities.ts does not record the civility; PSC always sends one (TRE_R81).
const CIVILITE: Record<string, string> = {
  medecin: 'MME',
  [SHORT_TOKEN_USERNAME]: 'MME',
  radiologue: 'M',
};
// A solo GP practice (SA07 cabinet individuel) vs an imaging group practice (SA08).
const SECTEUR: Record<string, string> = {
  medecin: 'SA07',
  [SHORT_TOKEN_USERNAME]: 'SA07',
  radiologue: 'SA08',
};

export function shortTokenUser(): DemoUser {
  const base = DEMO_USERS.find((u) => u.username === 'medecin');
  if (!base) throw new Error('demo-identities.ts has no medecin');
  return { ...base, username: SHORT_TOKEN_USERNAME };
}

export function findUser(
  username: string,
  users: readonly DemoUser[] = DEMO_USERS,
): DemoUser | undefined {
  return users.find((u) => u.username === username);
}

function digest(s: string): Buffer {
  return createHash('sha256').update(s, 'utf8').digest();
}

/** The user when the credentials match; undefined otherwise, without saying which part failed. */
export function authenticate(
  username: string,
  password: string,
  users: readonly DemoUser[] = DEMO_USERS,
): DemoUser | undefined {
  const user = findUser(username.trim(), users);
  // Compare digests so the comparison time does not depend on where the strings differ.
  const expected = digest(user?.password ?? 'no-such-user');
  const ok = timingSafeEqual(expected, digest(password));
  return user && ok ? user : undefined;
}

/** YYYYMMDD (DICOM) → YYYY-MM-DD (OIDC `birthdate`). */
function isoDate(d: string): string {
  return `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
}

function professionalClaims(u: DemoProfessional): Record<string, unknown> {
  const secteur = SECTEUR[u.username] ?? 'SA07';
  return {
    SubjectNameID: u.subjectNameId,
    SubjectRole: [`${u.profession.code}^${PROFESSION_OID}`],
    Secteur_Activite: `${secteur}^${SECTEUR_OID}`,
    SubjectOrganization: u.structure.name,
    SubjectRefPro: subjectRefPro(u),
  };
}

/** PSC's `SubjectRefPro`: the professional's practice — profession, specialty, structure. */
function subjectRefPro(u: DemoProfessional): Record<string, unknown> {
  const secteur = SECTEUR[u.username] ?? 'SA07';
  return {
    codeCivilite: CIVILITE[u.username] ?? '',
    exercices: [
      {
        codeProfession: u.profession.code,
        codeCategorieProfessionnelle: 'C',
        codeCiviliteDExercice: 'DR',
        nomDExercice: u.familyName,
        prenomDExercice: u.givenName,
        codeTypeSavoirFaire: 'S',
        codeSavoirFaire: u.specialty.code,
        activities: [
          {
            codeModeExercice: 'L',
            codeSecteurDActivite: secteur,
            raisonSocialeSite: u.structure.name,
            // PSC prefixes the structure's technical id with its kind: 1 = FINESS.
            identifiantStructure: `1${u.structure.finess}`,
            numeroFinessSite: u.structure.finess,
            numeroSiretSite: u.structure.siret,
          },
        ],
      },
    ],
  };
}

function patientClaims(u: DemoPatientUser): Record<string, unknown> {
  return { ins: u.ins, ins_oid: u.insOid, birthdate: isoDate(u.birthDate) };
}

/** Every claim the account can release; oidc-provider masks them by scope. */
export function accountClaims(u: DemoUser): Record<string, unknown> {
  const common = {
    sub: u.username,
    given_name: u.givenName,
    family_name: u.familyName,
    name: `${u.givenName} ${u.familyName}`,
    role: u.role,
  };
  return u.role === 'professional'
    ? { ...common, ...professionalClaims(u) }
    : { ...common, ...patientClaims(u) };
}

/**
 * What the gateway authorizes on, so it needs nothing but the access token — and, for a
 * professional, who they are as the patient will read it in the access trace (name,
 * profession, structure: PSC's shapes, as a regional IdP brokering PSC maps them).
 */
export function accessTokenClaims(u: DemoUser): Record<string, unknown> {
  return u.role === 'professional'
    ? {
        role: u.role,
        rpps: u.rpps,
        finess: u.structure.finess,
        given_name: u.givenName,
        family_name: u.familyName,
        SubjectRefPro: subjectRefPro(u),
      }
    : { role: u.role, ins: u.ins, ins_oid: u.insOid };
}

/** Scope → claims, for oidc-provider's `claims` setting. */
export const CLAIMS_BY_SCOPE = {
  openid: ['sub'],
  profile: ['given_name', 'family_name', 'name', 'birthdate'],
  drim: [
    'role',
    'given_name',
    'family_name',
    'name',
    'SubjectNameID',
    'SubjectRefPro',
    'SubjectRole',
    'Secteur_Activite',
    'SubjectOrganization',
    'ins',
    'ins_oid',
    'birthdate',
  ],
};

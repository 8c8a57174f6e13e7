// Who is logged in, read from the ID token's claims (CONTRACTS.md § OIDC). The claims come
// from an IdP we do not control (PSC shapes brokered by a regional IdP): any claim may be
// missing, mistyped or — from some brokers — a JSON string instead of an object, so every
// read is defensive and a bad claim yields "unknown", never an exception.
import { professionLabel, specialtyLabel } from './healthProfessions';
import { nameText } from './identity/personText';

export interface Structure {
  name?: string;
  finess?: string;
  /** PSC `identifiantStructure` (SIRET, FINESS or RPPS-rang, depending on the site). */
  id?: string;
}

export interface Professional {
  role: 'professional';
  displayName?: string;
  /** PSC `SubjectNameID`: '8' + RPPS, or '0' + ADELI for older registrations. */
  nationalId?: string;
  rpps?: string;
  profession?: { code: string; label: string };
  specialty?: { code: string; label: string };
  structure?: Structure;
}

export interface PatientUser {
  role: 'patient';
  displayName?: string;
  ins?: string;
  insOid?: string;
  /** As sent by the IdP (OIDC: YYYY-MM-DD). */
  birthDate?: string;
}

/** A token without a recognised role: the UI shows who it is but grants nothing. */
export interface UnknownUser {
  role: 'unknown';
  displayName?: string;
}

export type Principal = Professional | PatientUser | UnknownUser;

type Claims = Record<string, unknown>;

/** Some brokers serialise nested claims as JSON text; both forms are accepted. */
function decoded(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

function asRecord(value: unknown): Claims | undefined {
  const v = decoded(value);
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Claims) : undefined;
}

function asText(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function firstRecord(value: unknown): Claims | undefined {
  const list = decoded(value);
  return Array.isArray(list) ? asRecord(list[0]) : undefined;
}

/** « DUBOIS Marie »: the one order of names in the app (identity/personText.ts). */
function joinName(given: string | undefined, family: string | undefined): string | undefined {
  if (given === undefined && family === undefined) return undefined;
  return nameText({ family: family ?? '', given: given ?? '' }) || undefined;
}

function rppsFrom(nationalId: string | undefined): string | undefined {
  // PSC prefixes the 11-digit RPPS with '8'; an ADELI-based id ('0' + 9 digits) has none.
  return nationalId !== undefined && /^8\d{11}$/.test(nationalId) ? nationalId.slice(1) : undefined;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function professionalFrom(claims: Claims, displayName: string | undefined): Professional {
  const nationalId = asText(claims.SubjectNameID);
  const exercice = firstRecord(asRecord(claims.SubjectRefPro)?.exercices);
  const activity = firstRecord(exercice?.activities);

  const professionCode = asText(exercice?.codeProfession);
  const specialtyCode = asText(exercice?.codeSavoirFaire);
  const structure = withoutUndefined<Structure>({
    name: asText(activity?.raisonSocialeSite) ?? asText(claims.SubjectOrganization),
    finess: asText(activity?.numeroFinessSite) ?? asText(claims.finess),
    id: asText(activity?.identifiantStructure),
  });

  return withoutUndefined<Professional>({
    role: 'professional',
    displayName:
      displayName ?? joinName(asText(exercice?.prenomDExercice), asText(exercice?.nomDExercice)),
    nationalId,
    rpps: asText(claims.rpps) ?? rppsFrom(nationalId),
    profession: professionCode
      ? { code: professionCode, label: professionLabel(professionCode) }
      : undefined,
    specialty: specialtyCode
      ? { code: specialtyCode, label: specialtyLabel(specialtyCode) }
      : undefined,
    structure: Object.keys(structure).length > 0 ? structure : undefined,
  });
}

export function principalFromClaims(claims: unknown): Principal {
  const c = asRecord(claims) ?? {};
  // The parts of the name first: `name` is written in whichever order the IdP chose.
  const displayName =
    joinName(asText(c.given_name), asText(c.family_name)) ?? asText(c.name) ?? undefined;

  switch (c.role) {
    case 'professional':
      return professionalFrom(c, displayName);
    case 'patient':
      return withoutUndefined<PatientUser>({
        role: 'patient',
        displayName,
        ins: asText(c.ins),
        insOid: asText(c.ins_oid),
        birthDate: asText(c.birthdate),
      });
    default:
      return withoutUndefined<UnknownUser>({ role: 'unknown', displayName });
  }
}

// Who is asking, as the gateway's rules need it: a professional (RPPS) sees what their
// role allows, a patient (INS) only their own studies. Claims per docs/CONTRACTS.md.
import { z } from 'zod';
import { principalFromClaims as readProfessional } from '../../src/domain/principal';

/**
 * Who a professional is, as a patient reads it in their access trace: recorded with each
 * access, so the trace itself says who it was. Never used to authorize.
 */
export interface ProfessionalIdentity {
  name?: string;
  profession?: { code: string; label: string };
  specialty?: { code: string; label: string };
  structureName?: string;
}

export type Principal =
  | {
      kind: 'professional';
      sub: string;
      rpps: string;
      finess?: string;
      identity?: ProfessionalIdentity;
    }
  | { kind: 'patient'; sub: string; ins: string; insOid: string };

const nonEmpty = z.string().trim().min(1);
const oid = z.string().regex(/^[0-2](\.(0|[1-9][0-9]*))+$/);

const professionalClaims = z.object({
  sub: nonEmpty,
  role: z.literal('professional'),
  rpps: nonEmpty,
  finess: nonEmpty.optional(),
});

const patientClaims = z.object({
  sub: nonEmpty,
  role: z.literal('patient'),
  // An INS is digits; anything with wildcard characters must never become a match key.
  ins: z.string().regex(/^[0-9A-Za-z]{1,64}$/),
  ins_oid: oid,
});

/** `null` when the token proves an identity but no role the gateway can serve (→ 403). */
export function principalFromClaims(claims: Record<string, unknown>): Principal | null {
  const pro = professionalClaims.safeParse(claims);
  if (pro.success) {
    const { sub, rpps, finess } = pro.data;
    const identity = identityFromClaims(claims);
    return {
      kind: 'professional',
      sub,
      rpps,
      ...(finess ? { finess } : {}),
      ...(identity ? { identity } : {}),
    };
  }
  const patient = patientClaims.safeParse(claims);
  if (patient.success) {
    const { sub, ins, ins_oid } = patient.data;
    return { kind: 'patient', sub, ins, insOid: ins_oid };
  }
  return null;
}

/** The body of GET /api/me: what the SPA may know of its own user. */
export function describePrincipal(p: Principal): Record<string, string> {
  return p.kind === 'professional'
    ? { role: 'professional', rpps: p.rpps, ...(p.finess ? { finess: p.finess } : {}) }
    : { role: 'patient', ins: p.ins, insOid: p.insOid };
}

/** Longest text kept from a display claim: the trace stays bounded whatever the IdP sends. */
const MAX_DISPLAY = 200;

const bounded = (text: string | undefined): string | undefined =>
  text === undefined ? undefined : text.slice(0, MAX_DISPLAY);

/** The PSC-shaped claims (name, `SubjectRefPro`) the token carries, read by the shared parser. */
function identityFromClaims(claims: Record<string, unknown>): ProfessionalIdentity | undefined {
  const pro = readProfessional({ ...claims, role: 'professional' });
  if (pro.role !== 'professional') return undefined;
  const label = (c: { code: string; label: string } | undefined) =>
    c ? { code: bounded(c.code) ?? '', label: bounded(c.label) ?? '' } : undefined;
  const identity: ProfessionalIdentity = {};
  const name = bounded(pro.displayName);
  const profession = label(pro.profession);
  const specialty = label(pro.specialty);
  const structureName = bounded(pro.structure?.name);
  if (name) identity.name = name;
  if (profession) identity.profession = profession;
  if (specialty) identity.specialty = specialty;
  if (structureName) identity.structureName = structureName;
  return Object.keys(identity).length > 0 ? identity : undefined;
}

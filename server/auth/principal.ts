// Who is asking, as the gateway's rules need it: a professional (RPPS) sees what their
// role allows, a patient (INS) only their own studies. Claims per docs/CONTRACTS.md.
import { z } from 'zod';

export type Principal =
  | { kind: 'professional'; sub: string; rpps: string; finess?: string }
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
    return finess
      ? { kind: 'professional', sub, rpps, finess }
      : { kind: 'professional', sub, rpps };
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

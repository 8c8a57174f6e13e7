// A patient is named by (issuer, id) pairs, never by an id alone: each DRIMbox numbers its
// patients locally and two sites can hand out the same number (DOMAIN.md, INS).

export interface PatientIdentifier {
  /** Assigning authority: an OID for INS, a site's namespace, or '' when the source gave none. */
  issuer: string;
  id: string;
}

/** INS assigning authorities (ANS). Only the test (.10) and demo (.11) ones appear in our data. */
export const INS_OID = {
  nir: '1.2.250.1.213.1.4.8',
  nia: '1.2.250.1.213.1.4.9',
  nirTest: '1.2.250.1.213.1.4.10',
  nirDemo: '1.2.250.1.213.1.4.11',
} as const;

export type InsOid = (typeof INS_OID)[keyof typeof INS_OID];

/** Most trustworthy first: a qualified NIR beats a temporary NIA. */
const INS_ORDER: readonly string[] = [INS_OID.nir, INS_OID.nirTest, INS_OID.nirDemo, INS_OID.nia];

export function isIns(issuer: string): issuer is InsOid {
  return INS_ORDER.includes(issuer.trim());
}

/** Lower is better; non-INS issuers after every INS. */
export function insRank(issuer: string): number {
  const i = INS_ORDER.indexOf(issuer.trim());
  return i === -1 ? INS_ORDER.length : i;
}

export function normalizeIdentifier(identifier: PatientIdentifier): PatientIdentifier {
  return { issuer: identifier.issuer.trim(), id: identifier.id.trim() };
}

/** A map key for an identifier; unambiguous whatever characters the parts contain. */
export function identifierKey(identifier: PatientIdentifier): string {
  const n = normalizeIdentifier(identifier);
  return JSON.stringify([n.issuer, n.id]);
}

// What a patient opaque key seals (docs/CONTRACTS.md § Opaque keys): the patient's
// (issuer, id) pairs, INS first, and a label to show while the list loads. The value comes
// back through a URL, so its shape is checked here before anything is queried with it.
import { insRank, isIns, normalizeIdentifier } from '../identity/patientIdentifier';
import type { PatientIdentifier } from '../identity/patientIdentifier';

export interface PatientKeyValue {
  identifiers: PatientIdentifier[];
  label?: string;
}

/** More than any real patient carries: a bound on what a forged value can make us query. */
const MAX_IDENTIFIERS = 16;
const MAX_LENGTH = 128;

function identifierOf(value: unknown): PatientIdentifier | null {
  if (typeof value !== 'object' || value === null) return null;
  const { issuer, id } = value as { issuer?: unknown; id?: unknown };
  if (typeof issuer !== 'string' || typeof id !== 'string') return null;
  const n = normalizeIdentifier({ issuer, id });
  if (n.id === '' || n.id.length > MAX_LENGTH || n.issuer.length > MAX_LENGTH) return null;
  return n;
}

/** The sealed value if it has the expected shape, null otherwise (never throws). */
export function parsePatientKeyValue(value: unknown): PatientKeyValue | null {
  if (typeof value !== 'object' || value === null) return null;
  const { identifiers, label } = value as { identifiers?: unknown; label?: unknown };
  if (!Array.isArray(identifiers) || identifiers.length === 0) return null;
  if (identifiers.length > MAX_IDENTIFIERS) return null;
  const parsed = identifiers.map(identifierOf);
  if (parsed.some((i) => i === null)) return null;
  const result: PatientKeyValue = { identifiers: parsed as PatientIdentifier[] };
  if (typeof label === 'string' && label.trim() !== '') result.label = label.trim().slice(0, 200);
  return result;
}

/**
 * The identifiers each source is asked for. Rules (why):
 * - With an INS, only the best INS: it is the national identifier every DRIMbox of the
 *   region indexes (DRIM-M), and asking again by each site's local number would multiply
 *   requests for the same studies.
 * - Without INS, every identifier that has an issuer — a site's local number is only
 *   meaningful with its namespace.
 * - A bare PatientID is never asked across sources: another site may have given the same
 *   number to someone else.
 */
export function identifiersToQuery(identifiers: readonly PatientIdentifier[]): PatientIdentifier[] {
  const withIssuer = identifiers.map(normalizeIdentifier).filter((i) => i.issuer !== '');
  const ins = withIssuer
    .filter((i) => isIns(i.issuer))
    .sort((a, b) => insRank(a.issuer) - insRank(b.issuer));
  const [best] = ins;
  if (best) return [best];
  const seen = new Set<string>();
  return withIssuer.filter((i) => {
    const k = JSON.stringify([i.issuer, i.id]);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

// A consent-gated source (kind `regional`) refuses with a FHIR OperationOutcome whose code
// says why (docs/CONTRACTS.md § Consent-gated sources). These codes mean "the patient has
// not (or no longer) agreed": a state with its own action, never an error of the source.
const SYSTEM = 'urn:drim-viewer:error';
const CONSENT_CODES = new Set(['consent_required', 'consent_expired', 'consent_revoked']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The first `urn:drim-viewer:error` code of an OperationOutcome body, if any. */
export function operationOutcomeCode(body: unknown): string | undefined {
  if (!isRecord(body) || body.resourceType !== 'OperationOutcome') return undefined;
  const issues = Array.isArray(body.issue) ? body.issue : [];
  for (const issue of issues) {
    if (!isRecord(issue) || !isRecord(issue.details)) continue;
    const codings = Array.isArray(issue.details.coding) ? issue.details.coding : [];
    for (const c of codings) {
      if (isRecord(c) && c.system === SYSTEM && typeof c.code === 'string') return c.code;
    }
  }
  return undefined;
}

/** A 403 that asks for the patient's consent rather than refusing outright. */
export function needsConsent(status: number, body: unknown): boolean {
  const code = operationOutcomeCode(body);
  return status === 403 && code !== undefined && CONSENT_CODES.has(code);
}

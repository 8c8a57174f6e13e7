import { describe, expect, it } from 'vitest';
import { needsConsent, operationOutcomeCode } from './consentOutcome';

const outcome = (code: string, system = 'urn:drim-viewer:error') => ({
  resourceType: 'OperationOutcome',
  issue: [
    {
      severity: 'error',
      code: 'forbidden',
      details: { coding: [{ system, code }], text: 'Consentement requis' },
    },
  ],
});

describe('consent outcome', () => {
  it('reads the machine-readable code', () => {
    expect(operationOutcomeCode(outcome('consent_required'))).toBe('consent_required');
  });

  it.each(['consent_required', 'consent_expired', 'consent_revoked'])('%s needs consent', (c) => {
    expect(needsConsent(403, outcome(c))).toBe(true);
  });

  it('is not a consent state for another code, system, status or shape', () => {
    expect(needsConsent(403, outcome('break_glass_reason_required'))).toBe(false);
    expect(needsConsent(403, outcome('consent_required', 'urn:other'))).toBe(false);
    expect(needsConsent(401, outcome('consent_required'))).toBe(false);
    expect(needsConsent(403, { error: { code: 'forbidden', message: 'x' } })).toBe(false);
    expect(needsConsent(403, { resourceType: 'OperationOutcome', issue: 'nope' })).toBe(false);
    expect(needsConsent(403, undefined)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { statusOfFailure } from './failureStatus';

const consentBody = {
  resourceType: 'OperationOutcome',
  issue: [
    {
      severity: 'error',
      code: 'forbidden',
      details: { coding: [{ system: 'urn:drim-viewer:error', code: 'consent_required' }] },
    },
  ],
};

describe('statusOfFailure', () => {
  it('a regional source asking for consent is in its own state, not failed', () => {
    expect(
      statusOfFailure('regional', { kind: 'http', status: 403, body: consentBody }, 1),
    ).toEqual({ kind: 'consentNeeded' });
  });

  it('a DRIMbox asking for consent is a refusal', () => {
    expect(
      statusOfFailure('drimbox', { kind: 'http', status: 403, body: consentBody }, 2),
    ).toMatchObject({ kind: 'failed', reason: 'refused', attempt: 2 });
  });

  it.each([
    [
      { kind: 'http', status: 502, body: { error: { code: 'upstream_unreachable' } } },
      'unreachable',
    ],
    [{ kind: 'http', status: 504, body: { error: { code: 'upstream_timeout' } } }, 'timeout'],
    [{ kind: 'http', status: 502, body: { error: { code: 'upstream_invalid' } } }, 'invalid'],
    [{ kind: 'invalidBody' }, 'invalid'],
    [{ kind: 'timeout' }, 'timeout'],
    [{ kind: 'network' }, 'unreachable'],
    [{ kind: 'http', status: 403, body: { error: { code: 'forbidden' } } }, 'refused'],
  ] as const)('%j fails with reason %s and a French message', (failure, reason) => {
    const status = statusOfFailure('drimbox', failure, 1);
    expect(status).toMatchObject({ kind: 'failed', reason });
    expect(status.kind === 'failed' && status.message).toMatch(/[a-zé]/);
  });
});

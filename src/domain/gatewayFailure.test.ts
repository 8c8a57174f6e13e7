import { describe, expect, it } from 'vitest';
import { failureOf, isTransient } from './gatewayFailure';

const gatewayError = (status: number, code: string) => ({
  kind: 'http' as const,
  status,
  body: { error: { code, message: 'Message de la passerelle.' } },
});

const outcome = (status: number, code: string, text = 'Phrase de la passerelle.') => ({
  kind: 'http' as const,
  status,
  body: {
    resourceType: 'OperationOutcome',
    issue: [
      {
        severity: 'error',
        code: 'forbidden',
        details: { coding: [{ system: 'urn:drim-viewer:error', code }], text },
      },
    ],
  },
});

describe('failureOf', () => {
  it.each([
    [502, 'upstream_unreachable', 'sourceUnreachable'],
    [504, 'upstream_timeout', 'timeout'],
    [502, 'upstream_error', 'sourceError'],
    [502, 'upstream_invalid', 'invalidResponse'],
    [401, 'unauthorized', 'sessionExpired'],
    [403, 'forbidden', 'forbidden'],
    [400, 'fishing_query', 'refused'],
    [400, 'bad_request', 'refused'],
    [404, 'unknown_source', 'unknownSource'],
    [405, 'not_allowed', 'unknownSource'],
    [404, 'not_found', 'notFound'],
    [404, 'unknown_key', 'notFound'],
  ] as const)(
    'maps HTTP %i %s to %s, with the gateway’s code and sentence',
    (status, code, reason) => {
      expect(failureOf(gatewayError(status, code))).toEqual({
        reason,
        status,
        code,
        detail: 'Message de la passerelle.',
      });
    },
  );

  it.each([
    [401, 'sessionExpired'],
    [403, 'forbidden'],
    [404, 'unknownSource'],
    [400, 'refused'],
    [409, 'refused'],
    [504, 'timeout'],
    [502, 'gatewayUnreachable'],
    [503, 'gatewayUnreachable'],
    [500, 'gatewayError'],
  ] as const)(
    'falls back on the status %i when the body is not the gateway’s',
    (status, reason) => {
      expect(failureOf({ kind: 'http', status, body: undefined })).toEqual({
        reason,
        status,
        code: undefined,
        detail: undefined,
      });
      expect(failureOf({ kind: 'http', status, body: '<html>Bad Gateway</html>' }).reason).toBe(
        reason,
      );
    },
  );

  it('uses the status when the code is unknown or hostile', () => {
    expect(failureOf(gatewayError(403, 'something_new')).reason).toBe('forbidden');
    expect(failureOf(gatewayError(502, 'constructor')).reason).toBe('gatewayUnreachable');
    expect(failureOf(gatewayError(500, '__proto__')).reason).toBe('gatewayError');
  });

  it.each(['consent_required', 'consent_expired', 'consent_revoked'])(
    'reads a 403 OperationOutcome %s as consent required, with its sentence',
    (code) => {
      expect(failureOf(outcome(403, code))).toEqual({
        reason: 'consentRequired',
        status: 403,
        code,
        detail: 'Phrase de la passerelle.',
      });
    },
  );

  it('reads the other OperationOutcome codes like the gateway’s JSON', () => {
    expect(failureOf(outcome(400, 'bad_request')).reason).toBe('refused');
    expect(failureOf(outcome(404, 'not_found')).reason).toBe('notFound');
    // Revoking twice is a conflict, not a consent to ask for.
    expect(failureOf(outcome(409, 'consent_revoked')).reason).toBe('refused');
    expect(failureOf(outcome(403, 'break_glass_reason_required')).reason).toBe('forbidden');
  });

  it.each([null, 'x', 1, [], {}, { error: 'x' }, { error: { code: 1 } }, { error: null }])(
    'finds no code nor sentence in %j',
    (body) => {
      const failure = failureOf({ kind: 'http', status: 400, body });
      expect(failure.code).toBeUndefined();
      expect(failure.detail).toBeUndefined();
    },
  );

  it('maps failures without an HTTP answer, status 0', () => {
    expect(failureOf({ kind: 'network' })).toMatchObject({
      reason: 'gatewayUnreachable',
      status: 0,
    });
    expect(failureOf({ kind: 'timeout' })).toMatchObject({ reason: 'timeout', status: 0 });
    expect(failureOf({ kind: 'noSession' })).toMatchObject({ reason: 'sessionExpired', status: 0 });
    expect(failureOf({ kind: 'invalidBody' })).toMatchObject({ reason: 'invalidResponse' });
  });
});

describe('isTransient', () => {
  it('retries only when no answer came at all', () => {
    expect(isTransient({ kind: 'network' })).toBe(true);
    expect(isTransient({ kind: 'timeout' })).toBe(false);
    expect(isTransient({ kind: 'noSession' })).toBe(false);
    expect(isTransient({ kind: 'invalidBody' })).toBe(false);
    expect(isTransient(gatewayError(502, 'upstream_unreachable'))).toBe(false);
    expect(isTransient(gatewayError(401, 'unauthorized'))).toBe(false);
  });
});

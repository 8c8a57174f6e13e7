import { describe, expect, it } from 'vitest';
import { gatewayErrorCode, isTransient, reasonForFailure } from './sourceFailure';

const gatewayError = (status: number, code: string) => ({
  kind: 'http' as const,
  status,
  body: { error: { code, message: 'Message de la passerelle.' } },
});

describe('reasonForFailure', () => {
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
  ] as const)('maps HTTP %i %s to %s', (status, code, reason) => {
    expect(reasonForFailure(gatewayError(status, code))).toBe(reason);
  });

  it.each([
    [401, 'sessionExpired'],
    [403, 'forbidden'],
    [404, 'unknownSource'],
    [400, 'refused'],
    [504, 'timeout'],
    [502, 'gatewayUnreachable'],
    [503, 'gatewayUnreachable'],
    [500, 'gatewayError'],
  ] as const)(
    'falls back on the status %i when the body is not the gateway’s',
    (status, reason) => {
      expect(reasonForFailure({ kind: 'http', status, body: undefined })).toBe(reason);
      expect(reasonForFailure({ kind: 'http', status, body: '<html>Bad Gateway</html>' })).toBe(
        reason,
      );
    },
  );

  it('uses the status when the code is unknown or hostile', () => {
    expect(reasonForFailure(gatewayError(403, 'something_new'))).toBe('forbidden');
    expect(reasonForFailure(gatewayError(502, 'constructor'))).toBe('gatewayUnreachable');
    expect(reasonForFailure(gatewayError(500, '__proto__'))).toBe('gatewayError');
  });

  it('maps failures without an HTTP answer', () => {
    expect(reasonForFailure({ kind: 'network' })).toBe('gatewayUnreachable');
    expect(reasonForFailure({ kind: 'timeout' })).toBe('timeout');
    expect(reasonForFailure({ kind: 'invalidBody' })).toBe('invalidResponse');
  });
});

describe('gatewayErrorCode', () => {
  it.each([null, 'x', 1, [], {}, { error: 'x' }, { error: { code: 1 } }, { error: null }])(
    'finds no code in %j',
    (body) => {
      expect(gatewayErrorCode(body)).toBeUndefined();
    },
  );
});

describe('isTransient', () => {
  it('retries only when no answer came at all', () => {
    expect(isTransient({ kind: 'network' })).toBe(true);
    expect(isTransient({ kind: 'timeout' })).toBe(false);
    expect(isTransient({ kind: 'invalidBody' })).toBe(false);
    expect(isTransient(gatewayError(502, 'upstream_unreachable'))).toBe(false);
    expect(isTransient(gatewayError(401, 'unauthorized'))).toBe(false);
  });
});

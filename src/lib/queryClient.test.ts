import { describe, expect, it } from 'vitest';
import { GatewayError } from './api/gatewayError';
import { shouldRetry } from './queryClient';

const network = new GatewayError({ kind: 'network' }, 'down');
const forbidden = new GatewayError({ kind: 'http', status: 403, body: undefined }, '403');
const unreachable = new GatewayError(
  { kind: 'http', status: 502, body: { error: { code: 'upstream_unreachable' } } },
  '502',
);

describe('shouldRetry', () => {
  it('retries a network failure once', () => {
    expect(shouldRetry(0, network)).toBe(true);
    expect(shouldRetry(1, network)).toBe(false);
  });

  it('never retries an answer from the gateway', () => {
    expect(shouldRetry(0, forbidden)).toBe(false);
    expect(shouldRetry(0, unreachable)).toBe(false);
    expect(shouldRetry(0, new GatewayError({ kind: 'timeout' }, 't'))).toBe(false);
    expect(shouldRetry(0, new GatewayError({ kind: 'noSession' }, 'n'))).toBe(false);
  });

  it('never retries our own bugs', () => {
    expect(shouldRetry(0, new TypeError('x is undefined'))).toBe(false);
  });
});

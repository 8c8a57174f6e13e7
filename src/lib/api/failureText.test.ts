import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { failureText } from './failureText';
import { GatewayError } from './gatewayError';

const t = ((key: string) => `«${key}»`) as unknown as TFunction;

describe('failureText', () => {
  it('tells the gateway’s own sentence when it gave one', () => {
    const refused = new GatewayError(
      {
        kind: 'http',
        status: 400,
        body: { error: { code: 'bad_request', message: 'Motif trop court.' } },
      },
      'x',
    );
    expect(failureText(refused, t)).toBe('Motif trop court.');
  });

  it('else the words for the reason', () => {
    expect(failureText(new GatewayError({ kind: 'network' }, 'x'), t)).toBe(
      '«failure.gatewayUnreachable»',
    );
    expect(
      failureText(new GatewayError({ kind: 'http', status: 500, body: undefined }, 'x'), t),
    ).toBe('«failure.gatewayError»');
  });

  it('tells a bug of ours as it is', () => {
    expect(failureText(new TypeError('x is undefined'), t)).toBe('x is undefined');
    expect(failureText('odd', t)).toBe('odd');
  });
});

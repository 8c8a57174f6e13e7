import { describe, expect, it } from 'vitest';
import { readSignInTokens } from './signInTokens';

const tokens = { access_token: 'a', id_token: 'i', token_type: 'Bearer', expires_in: 600 };

describe('the tokens of a launch signed in on its way in', () => {
  it('are read with their scope, and with any spelling of Bearer', () => {
    expect(readSignInTokens({ ...tokens, scope: 'openid', extra: 1 })).toEqual({
      ...tokens,
      scope: 'openid',
    });
    expect(readSignInTokens({ ...tokens, token_type: 'bearer' })?.token_type).toBe('bearer');
  });

  it.each([
    ['nothing', null],
    ['a list', [tokens]],
    ['no access token', { ...tokens, access_token: undefined }],
    ['no ID token', { ...tokens, id_token: 7 }],
    ['a DPoP token', { ...tokens, token_type: 'DPoP' }],
    ['no life', { ...tokens, expires_in: 0 }],
    ['a life that is no number', { ...tokens, expires_in: '600' }],
  ])('are none from %s', (_what, value) => {
    expect(readSignInTokens(value)).toBeNull();
  });
});

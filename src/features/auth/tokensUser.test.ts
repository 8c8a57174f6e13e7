import { describe, expect, it } from 'vitest';
import type { User, UserManager } from 'oidc-client-ts';
import { storeTokensAsUser } from './tokensUser';

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
const idToken = (claims: unknown) => `${b64url({ alg: 'RS256' })}.${b64url(claims)}.sig`;

function fakeManager() {
  const stored: User[] = [];
  const manager = {
    storeUser: async (user: User | null) => {
      if (user) stored.push(user);
    },
  } as unknown as UserManager;
  return { manager, stored };
}

const tokens = (id_token: string) => ({
  access_token: 'at',
  id_token,
  token_type: 'Bearer',
  expires_in: 600,
  scope: 'openid profile drim',
});

describe('a user from the tokens of a launch’s sign-in', () => {
  it('is stored with the ID token’s claims (accents intact) and its expiry', async () => {
    const { manager, stored } = fakeManager();
    const user = await storeTokensAsUser(
      manager,
      tokens(idToken({ sub: 'u1', name: 'Hélène Lefèvre', role: 'professional' })),
      1_000,
    );
    expect(user?.profile.name).toBe('Hélène Lefèvre');
    expect(user?.expires_at).toBe(1_600);
    expect(user?.access_token).toBe('at');
    expect(stored).toEqual([user]);
  });

  it.each([
    ['no payload', 'abc'],
    ['a payload that is not JSON', 'a.bm90IGpzb24.c'],
    ['claims without a subject', idToken({ name: 'x' })],
    ['an array of claims', idToken([1, 2])],
  ])('is none from %s (the page then signs in itself)', async (_what, id) => {
    const { manager, stored } = fakeManager();
    await expect(storeTokensAsUser(manager, tokens(id))).resolves.toBeNull();
    expect(stored).toEqual([]);
  });
});

// A user from tokens the gateway obtained for this page (a launch signed in on its way in:
// features/launch/api/signInLaunch.ts), kept where the library keeps its own — in memory —
// so renewal, logout and every request read it as if the library had signed in itself.
// The ID token came from the IdP's token endpoint over the gateway's own connection and
// the gateway checked its issuer, audience and nonce: it is read here, not verified again.
import { User, type UserManager, type UserProfile } from 'oidc-client-ts';
import type { SignInTokens } from '../../domain/launch/signInTokens';

function claimsOf(idToken: string): UserProfile | null {
  const payload = idToken.split('.')[1];
  if (!payload) return null;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(json, (c) => c.charCodeAt(0));
    const claims: unknown = JSON.parse(new TextDecoder().decode(bytes));
    if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) return null;
    const profile = claims as UserProfile;
    return typeof profile.sub === 'string' ? profile : null;
  } catch {
    return null;
  }
}

/** The user now signed in, or null when the tokens do not make one (the page signs in itself). */
export async function storeTokensAsUser(
  userManager: UserManager,
  tokens: SignInTokens,
  nowSeconds: number = Math.floor(Date.now() / 1000),
): Promise<User | null> {
  const profile = claimsOf(tokens.id_token);
  if (!profile) return null;
  const user = new User({
    access_token: tokens.access_token,
    id_token: tokens.id_token,
    token_type: tokens.token_type,
    ...(tokens.scope ? { scope: tokens.scope } : {}),
    profile,
    expires_at: nowSeconds + tokens.expires_in,
  });
  await userManager.storeUser(user);
  return user;
}

// The tokens of a launch signed in on its way in (server/launch/launchSignIn.ts): as the
// IdP's token endpoint gives them to the gateway, and as the gateway hands them on to the
// page. One reading for both sides: a bearer access token, an ID token, a positive life.

export interface SignInTokens {
  access_token: string;
  id_token: string;
  token_type: string;
  expires_in: number;
  scope?: string;
}

/** The tokens, or null when the value is not a usable token answer. */
export function readSignInTokens(value: unknown): SignInTokens | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const { access_token, id_token, token_type, expires_in, scope } = value as Record<
    string,
    unknown
  >;
  if (
    typeof access_token !== 'string' ||
    typeof id_token !== 'string' ||
    typeof token_type !== 'string' ||
    token_type.toLowerCase() !== 'bearer' ||
    typeof expires_in !== 'number' ||
    !(expires_in > 0)
  ) {
    return null;
  }
  return {
    access_token,
    id_token,
    token_type,
    expires_in,
    ...(typeof scope === 'string' ? { scope } : {}),
  };
}

// The signed-in user's access token, for every request to the gateway. The auth provider
// (features/auth) sets it each time the OIDC user changes — sign-in, silent renewal, expiry,
// logout — before React re-renders, so a request started by that render already sends the
// new token, and no feature passes the token around. Memory only, like the user itself.

let token: string | null = null;

export function setAccessToken(value: string | null): void {
  token = value;
}

export function currentAccessToken(): string | null {
  return token;
}

/** The header that proves who asks: built here only, for the client and Cornerstone's loaders. */
export function authorizationHeader(accessToken: string): { Authorization: string } {
  return { Authorization: `Bearer ${accessToken}` };
}

// The OIDC client (code + PKCE, public client) for the region's IdP. The signed-in user —
// whose ID token names a patient's INS — lives in memory only: a reload restores it with
// a silent sign-in against the IdP session instead of reading it back from the browser.
// The transient login state (PKCE verifier, return path) carries no patient data and must
// survive the redirect to the IdP, so it goes to sessionStorage.
import { InMemoryWebStorage, UserManager, WebStorageStateStore } from 'oidc-client-ts';
import type { PublicConfig } from '../../domain/publicConfig';

export const CALLBACK_PATH = '/auth/callback';
export const SILENT_CALLBACK_PATH = '/auth/silent';

export function createUserManager(idp: PublicConfig['idp'], origin: string): UserManager {
  return new UserManager({
    authority: idp.issuer,
    client_id: idp.clientId,
    redirect_uri: `${origin}${CALLBACK_PATH}`,
    silent_redirect_uri: `${origin}${SILENT_CALLBACK_PATH}`,
    post_logout_redirect_uri: `${origin}/`,
    response_type: 'code',
    scope: idp.scope,
    ...(idp.acrValues ? { acr_values: idp.acrValues } : {}),
    // Endpoints the gateway read from the IdP's discovery document: no discovery request
    // between the page's first script and its silent sign-in.
    ...(idp.endpoints
      ? {
          metadata: {
            issuer: idp.issuer,
            authorization_endpoint: idp.endpoints.authorization,
            token_endpoint: idp.endpoints.token,
            ...(idp.endpoints.endSession ? { end_session_endpoint: idp.endpoints.endSession } : {}),
          },
        }
      : {}),
    // The claims the UI needs are in the ID token; one less round trip at each login.
    loadUserInfo: false,
    userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
    stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
    // Renewal is scheduled by the auth provider (lib/auth/silentRenew.ts): the library's
    // fixed 60 s lead turns into a renewal loop for tokens shorter than a minute.
    automaticSilentRenew: false,
    // A hidden iframe that never answers (IdP down, framing refused) must not hold the
    // home page in "restoring" for long.
    silentRequestTimeoutInSeconds: 6,
  });
}

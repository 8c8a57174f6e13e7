// The page the IdP sends a silent sign-in back to, inside the app's hidden iframe. It only
// hands the answer's URL to the app that opened it. It used to be the whole app: on every
// page load that cost the viewer's first image a few hundred ms of the page's thread (the
// iframe shares it), and as much again at each token renewal.
import { InMemoryWebStorage, UserManager, WebStorageStateStore } from 'oidc-client-ts';

const here = window.location.origin;
// Only the iframe messaging of the library is used: these settings never reach the IdP.
const messenger = new UserManager({
  authority: here,
  client_id: 'silent-renew',
  redirect_uri: here,
  automaticSilentRenew: false,
  userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
});
// A page opened outside the iframe has no one to tell: nothing to do.
void messenger.signinSilentCallback().catch(() => undefined);

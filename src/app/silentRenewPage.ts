// The page the IdP sends a silent sign-in back to, inside the app's hidden iframe. It only
// hands the answer's URL to the app that opened it. It used to be the whole app: on every
// page load that cost the viewer's first image a few hundred ms of the page's thread (the
// iframe shares it), and as much again at each token renewal. It then loaded oidc-client-ts
// (~70 KB compiled again in this second document) for one postMessage: the message is
// written here, as the library's signinSilentCallback writes it (oidc-client-ts 3.x,
// IFrameWindow.notifyParent) and its signinSilent in the app reads it — the sign-in
// end-to-end tests (e2e/session.spec.ts, e2e/page-start.spec.ts) fail if the two part.
const here = window.location.origin;
// A page opened outside the iframe has no one to tell: nothing to do.
if (window.parent !== window) {
  window.parent.postMessage(
    { source: 'oidc-client', url: window.location.href, keepOpen: false },
    here,
  );
}

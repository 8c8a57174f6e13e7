// A fresh page's sign-in, as one promise: the user already in memory, else a silent sign-in
// against the IdP session (prompt=none in a hidden iframe). It can be started by the app's
// first script (app/earlySignIn.ts), before React and the rest of the app are evaluated:
// the IdP's round trip and its hidden page then overlap that work instead of following it.
import { ErrorResponse, type User, type UserManager } from 'oidc-client-ts';
import { markLaunchPhase } from '../../lib/viewerTimeline';

export interface PageSignIn {
  userManager: UserManager;
  /** The signed-in user, or null when the IdP has no session (or did not answer). */
  restored: Promise<User | null>;
}

export function isAuthCallbackPath(pathname: string): boolean {
  return pathname.startsWith('/auth/');
}

export function restoreSession(userManager: UserManager): Promise<User | null> {
  return (async () => {
    const existing = await userManager.getUser();
    if (existing && !existing.expired) return existing;
    try {
      markLaunchPhase('sign-in');
      const user = await userManager.signinSilent();
      markLaunchPhase('signed-in');
      return user;
    } catch (error) {
      if (!(error instanceof ErrorResponse)) {
        // Not "login required" but no answer at all (IdP down, framing refused): the
        // redirect login may still work, so this is only logged.
        console.warn('silent sign-in failed', error);
      }
      return null;
    }
  })();
}

// Imported first by main.tsx, so that this runs before the rest of the app is evaluated:
// a page opened from a context link (or reloaded) starts its silent sign-in at once, and
// the auth provider takes over the same sign-in (features/auth/pageSignIn.ts). Pages
// without the settings inline (they fetch /config.json) and the sign-in callbacks
// themselves (a restore there would nest iframes) start nothing here.
import { createUserManager } from '../features/auth/userManager';
import { isAuthCallbackPath, restoreSession, type PageSignIn } from '../features/auth/pageSignIn';
import { markLaunchPhase } from '../lib/viewerTimeline';
import { readInlineConfig } from './loadConfig';

function start(): PageSignIn | null {
  markLaunchPhase('app-start');
  if (isAuthCallbackPath(window.location.pathname)) return null;
  const config = readInlineConfig();
  if (!config) return null;
  const userManager = createUserManager(config.idp, window.location.origin);
  return { userManager, restored: restoreSession(userManager) };
}

export const earlySignIn: PageSignIn | null = start();

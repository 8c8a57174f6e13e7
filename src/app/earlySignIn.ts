// Imported first by main.tsx, so that this runs before the rest of the app is evaluated:
// a page opened from a context link (or reloaded) starts its sign-in at once, and the auth
// provider takes over the same sign-in (features/auth/pageSignIn.ts). A launch the IdP sent
// back with a code has already handed it in (features/launch/api/launchSignInStart.ts):
// tokens and the claimed launch come back together, and only if that fails does the page
// sign in silently itself; a STUDY launch's first image, unless the gateway wrote it into
// the page already, is then drawn from here the moment its bytes are in
// (features/launch/api/previewLaunchAhead.ts). Pages without the settings
// inline (they fetch /config.json) and the other sign-in callbacks (a restore there would
// nest iframes) start nothing here.
import { isAuthCallbackPath, restoreSession, type PageSignIn } from '../features/auth/pageSignIn';
import { storeTokensAsUser } from '../features/auth/tokensUser';
import { createUserManager } from '../features/auth/userManager';
import { askClaimAhead } from '../features/launch/api/askClaimAhead';
import { handOverClaim } from '../features/launch/api/claimLaunch';
import { previewLaunchAhead, takeLaunchShot } from '../features/launch/api/previewLaunchAhead';
import { takeLaunchSignIn } from '../features/launch/api/signInLaunch';
import { runImagingChunkAhead } from '../features/viewer/session/imagingChunk';
import { setAccessToken } from '../lib/api/accessToken';
import { preparePreviewWorker } from '../lib/launchPreview/previewAhead';
import { markLaunchPhase } from '../lib/viewerTimeline';
import { readInlineConfig } from './loadConfig';

function start(): PageSignIn | null {
  markLaunchPhase('app-start');
  const launch = takeLaunchSignIn(window);
  if (!launch && isAuthCallbackPath(window.location.pathname)) return null;
  const config = readInlineConfig();
  if (!config) return null;
  const userManager = createUserManager(config.idp, window.location.origin);
  if (!launch) return { userManager, restored: restoreSession(userManager) };
  markLaunchPhase('sign-in');
  // Up by the time the sign-in answers, to fetch and decode the first image off this thread.
  preparePreviewWorker();
  const restored = launch.answer.then(async (answer) => {
    const user = answer ? await storeTokensAsUser(userManager, answer.tokens) : null;
    if (!user) return restoreSession(userManager);
    if (answer?.claim) {
      handOverClaim(launch.key, answer.claim);
      // The first image's requests leave now, while React starts (the provider sets the
      // same token again when it takes the user over).
      setAccessToken(user.access_token);
      const lang = document.documentElement.lang === 'en' ? 'en' : 'fr';
      // Already on screen when the gateway wrote it into this page: Cornerstone's code can
      // run at once, it has no preview left to hold back.
      if (takeLaunchShot(answer.claim, user.profile, lang)) runImagingChunkAhead();
      const preview = askClaimAhead(answer.claim.lookup?.study);
      // Else drawn as soon as it is in, with the patient's name, while React starts.
      if (preview) previewLaunchAhead(answer.claim, user.profile, lang, preview);
    }
    markLaunchPhase('signed-in');
    return user;
  });
  return { userManager, restored };
}

export const earlySignIn: PageSignIn | null = start();

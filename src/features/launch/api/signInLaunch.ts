// A launch the gateway sent through the IdP on its way in (server/launch/launchSignIn.ts):
// the IdP brought the browser back to /auth/launch with a code, which the gateway handed in
// while sending the page (server/launch/launchPage.ts), or the page's very first script
// hands in (launchSignInStart.ts, inline in index.html). Read here: the gateway answers
// with the tokens and the claimed launch. Any failure is no error for the user:
// the page then signs in and claims as it always did.
import {
  asLaunchSignInAnswer,
  type LaunchSignInAnswer,
} from '../../../domain/launch/claimedLaunch';
import { beginLaunchSignIn } from './launchSignInStart';

export interface PageLaunchSignIn {
  key: string;
  /** Null without a code, when the gateway refused, or when its answer is not one. */
  answer: Promise<LaunchSignInAnswer | null>;
}

/**
 * This page's launch sign-in, taken once: begun by the inline script, or here when that
 * did not run (a page served without it, as by the dev server). Null on any other page.
 */
export function takeLaunchSignIn(win: Window): PageLaunchSignIn | null {
  if (!win.__drimLaunchSignIn) beginLaunchSignIn(win);
  const early = win.__drimLaunchSignIn;
  delete win.__drimLaunchSignIn;
  if (!early) return null;
  return {
    key: early.key,
    answer: early.answer.then(asLaunchSignInAnswer, () => null),
  };
}

// A STUDY launch's first image, drawn from the page's first module as soon as its bytes
// are in (lib/launchPreview), with the patient's name above it — when the gateway did not
// already write it into the launch's page (server/launch/launchShot.ts) and when the same
// rule allows it (domain/launch/launchPreviewPlan.ts).
import { base64Bytes } from '../../../domain/base64Bytes';
import type { TextLanguage } from '../../../domain/identity/personText';
import { selfOf } from '../../../domain/launch/confirmClaimedStudy';
import { launchPreviewPlan } from '../../../domain/launch/launchPreviewPlan';
import { principalFromClaims } from '../../../domain/principal';
import { LAUNCH_SHOT_PATH_ATTRIBUTE } from '../../../domain/launch/launchScreen';
import { PREVIEW_ACCEPT } from '../../../domain/viewer/previewPath';
import {
  adoptLaunchShot,
  launchShotInPage,
  showLaunchPreview,
} from '../../../lib/launchPreview/launchPreview';
import { previewAnsweredInPage } from '../../../lib/launchPreview/previewAhead';
import type { PreviewAskedAhead } from './askClaimAhead';
import type { ClaimedLaunch } from './claimLaunch';

/**
 * Draws the claim's first image, decoded in the launch's worker (askClaimAhead.ts), when
 * launchPreviewPlan allows it and it is the very GET the plan names; a bitmap not drawn is
 * closed. `claims`: the signed-in user's ID token claims.
 */
export function previewLaunchAhead(
  claim: ClaimedLaunch,
  claims: unknown,
  lang: TextLanguage,
  asked: PreviewAskedAhead,
): void {
  const plan = launchPreviewPlan(claim, selfOf(principalFromClaims(claims)), lang);
  if (plan && plan.path === asked.path) showLaunchPreview(asked.bitmap, plan.text);
  else void asked.bitmap.then((image) => image?.close());
}

/** The image's bytes, from the data URL the gateway wrote; null when it is not one. */
function bytesOfDataUrl(src: string): { type: string; bytes: Uint8Array<ArrayBuffer> } | null {
  const match = /^data:(image\/(?:png|jpeg));base64,([A-Za-z0-9+/=]+)$/.exec(src);
  const bytes = match?.[2] === undefined ? null : base64Bytes(match[2]);
  return match?.[1] && bytes ? { type: match[1], bytes } : null;
}

/**
 * Takes over the screen the gateway wrote into the launch's page with the claim's first
 * image, when this page's own rule names the very same image (else it is taken away), and
 * answers the viewer's own preview GET with its bytes: it is not asked again. True when
 * that image stays on screen.
 */
export function takeLaunchShot(claim: ClaimedLaunch, claims: unknown, lang: TextLanguage): boolean {
  const shot = launchShotInPage();
  if (!shot) return false;
  const plan = launchPreviewPlan(claim, selfOf(principalFromClaims(claims)), lang);
  const image = shot.querySelector('img');
  const data = image ? bytesOfDataUrl(image.getAttribute('src') ?? '') : null;
  if (!plan || !data || shot.getAttribute(LAUNCH_SHOT_PATH_ATTRIBUTE) !== plan.path) {
    shot.remove();
    return false;
  }
  adoptLaunchShot(shot);
  previewAnsweredInPage(
    plan.path,
    PREVIEW_ACCEPT,
    new Response(new Blob([data.bytes], { type: data.type }), {
      status: 200,
      headers: { 'Content-Type': data.type, 'Content-Length': String(data.bytes.length) },
    }),
  );
  return true;
}

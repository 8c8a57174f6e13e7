// A STUDY launch's first image, written by the gateway into the launch's page with the
// patient's name above it (domain/launch/launchScreen.ts), as soon as its sign-in has
// claimed the launch (launchPage.ts). Before, the page drew it itself once the answer was
// read, its app's first module run, and the image asked again and decoded in a worker:
// 0.2–0.3 s after the answer had arrived, on this project's machine. In the page, the
// browser shows it as it parses it, before any of the app's code has run (README,
// Performance: the IID link's first pixels 0.1–0.24 s sooner, interleaved A/B).
//
// The same rule as the page's (domain/launch/launchPreviewPlan.ts): only the very image the
// viewer would draw first, for the very patient of the launch. The image is the held answer
// of the preview GET the claim asked ahead (dicomweb/answersAhead.ts), asked here as the
// signed-in user with their token, so that it passes the gateway's checks and is traced as
// the browser's own request was. Anything unexpected writes nothing: the page then draws it
// itself, as before.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { decodeJwt } from 'jose';
import { asLaunchSignInAnswer } from '../../src/domain/launch/claimedLaunch';
import { selfOf } from '../../src/domain/launch/confirmClaimedStudy';
import {
  launchPreviewPlan,
  type LaunchPreviewText,
} from '../../src/domain/launch/launchPreviewPlan';
import {
  LAUNCH_SHOT_ID,
  LAUNCH_SHOT_PATH_ATTRIBUTE,
  launchScreen,
  screenClass,
  type ScreenNode,
} from '../../src/domain/launch/launchScreen';
import { principalFromClaims } from '../../src/domain/principal';
import { PREVIEW_ACCEPT } from '../../src/domain/viewer/previewPath';
import { escapeHtml } from './errorPage';
import { LATE, settleWithin } from './settleWithin';

export interface LaunchShotLimits {
  /**
   * The page's end waits no longer than this for the image — and the page reads its sign-in
   * only at its end: a source slow to render is not to hold the viewer's start for long.
   */
  timeoutMs: number;
  /** A larger image is not written (the page asks it itself, and refuses it over its own limit). */
  maxBytes: number;
}

export const LAUNCH_SHOT_LIMITS: LaunchShotLimits = { timeoutMs: 1_000, maxBytes: 4 * 1024 * 1024 };

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The screen as HTML, every text and attribute escaped: a name may hold markup. */
export function launchShotHtml(words: LaunchPreviewText, previewPath: string, png: Buffer): string {
  const render = (node: ScreenNode, own = ''): string => {
    if (node.kind === 'text') return escapeHtml(node.text);
    if (node.kind === 'image') {
      return `<img alt="${escapeHtml(words.label)}" src="data:image/png;base64,${png.toString('base64')}">`;
    }
    const classes = node.parts.map(screenClass).join(' ');
    const open = `<${node.tag}${own}${classes ? ` class="${classes}"` : ''}>`;
    return `${open}${node.children.map((child) => render(child)).join('')}</${node.tag}>`;
  };
  // The root's own attributes: the page finds it, checks it names its own plan's image.
  return render(
    launchScreen(words),
    ` id="${LAUNCH_SHOT_ID}" data-testid="launch-preview" ${LAUNCH_SHOT_PATH_ATTRIBUTE}="${escapeHtml(previewPath)}"`,
  );
}

/** The launch's first screen for this sign-in answer, or '' when it is not to be written. */
export async function launchShot(
  app: FastifyInstance,
  request: FastifyRequest,
  answer: unknown,
  limits: LaunchShotLimits = LAUNCH_SHOT_LIMITS,
): Promise<string> {
  const read = asLaunchSignInAnswer(answer);
  if (!read?.claim) return '';
  let idClaims: unknown;
  try {
    idClaims = decodeJwt(read.tokens.id_token);
  } catch {
    return '';
  }
  // French, as the page's first module draws it (the page's language is set later).
  const plan = launchPreviewPlan(read.claim, selfOf(principalFromClaims(idClaims)), 'fr');
  if (!plan) return '';
  const asked = app
    .inject({
      method: 'GET',
      url: plan.path,
      headers: {
        authorization: `Bearer ${read.tokens.access_token}`,
        accept: PREVIEW_ACCEPT,
        host: request.host,
        ...(request.protocol === 'https' ? { 'x-forwarded-proto': 'https' } : {}),
      },
      remoteAddress: request.ip,
    })
    .catch(() => null);
  const res = await settleWithin(asked, limits.timeoutMs);
  if (res === LATE || !res || res.statusCode !== 200) return '';
  const type = res.headers['content-type'];
  const png = res.rawPayload;
  if (typeof type !== 'string' || !/^image\/png\b/i.test(type)) return '';
  if (png.length > limits.maxBytes || !png.subarray(0, 8).equals(PNG_SIGNATURE)) return '';
  return launchShotHtml(plan.text, plan.path, png);
}

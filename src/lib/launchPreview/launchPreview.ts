// A launch's first image, drawn the moment its bytes are in — before React, the launch
// page and the viewer's route have run (0.2–0.3 s on this project's machine) — with the
// patient it belongs to above it, in the viewer's own frame. The viewer's preview takes
// its place (endLaunchPreview) as soon as it draws the same image, where this one was.
// Plain DOM on purpose: it runs from the page's first module (app/earlySignIn.ts). When the
// gateway wrote that screen into the launch's page already (server/launch/launchShot.ts),
// the page takes it over instead (adoptLaunchShot), and it goes the same ways.
import {
  LAUNCH_SHOT_ID,
  launchScreen,
  screenClass,
  type ScreenNode,
} from '../../domain/launch/launchScreen';
import type { LaunchPreviewText } from '../../domain/launch/launchPreviewPlan';
import { onLogout } from '../auth/onLogout';
import { markLaunchPhase } from '../viewerTimeline';
import './launchPreview.css';

/** Whatever happens to the page, the image does not stay over it longer than this. */
const MAX_SHOWN_MS = 10_000;

interface Shown {
  ended: boolean;
  root: HTMLElement | null;
  timer: ReturnType<typeof setTimeout> | null;
}

let current: Shown | null = null;

onLogout(() => endLaunchPreview());

/** The screen as DOM, the image a canvas holding `bitmap`. Text only: a name may hold markup. */
function build(node: ScreenNode, bitmap: ImageBitmap, label: string): Node {
  if (node.kind === 'text') return document.createTextNode(node.text);
  if (node.kind === 'image') {
    const canvas = document.createElement('canvas');
    canvas.width = bitmap.width;
    canvas.height = bitmap.height;
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', label);
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0);
    return canvas;
  }
  const el = document.createElement(node.tag);
  if (node.parts.length > 0) el.className = node.parts.map(screenClass).join(' ');
  for (const child of node.children) el.append(build(child, bitmap, label));
  return el;
}

function screenOf(bitmap: ImageBitmap, text: LaunchPreviewText): HTMLElement {
  const screen = build(launchScreen(text), bitmap, text.label) as HTMLElement;
  screen.dataset.testid = 'launch-preview';
  return screen;
}

function end(shown: Shown): void {
  shown.ended = true;
  if (shown.timer !== null) clearTimeout(shown.timer);
  // Its pixels are the patient's: gone from the page, not merely hidden.
  shown.root?.remove();
  shown.root = null;
  if (current === shown) current = null;
}

/**
 * Draws `bitmap` once decoded, unless ended meanwhile (a bitmap that comes too late is
 * closed). Null or a failure shows nothing: the viewer draws its preview as always.
 */
export function showLaunchPreview(
  bitmap: Promise<ImageBitmap | null>,
  text: LaunchPreviewText,
): void {
  if (current) end(current);
  const shown: Shown = { ended: false, root: null, timer: null };
  current = shown;
  void bitmap.then(
    (image) => {
      if (!image) return;
      try {
        if (shown.ended) return;
        shown.root = screenOf(image, text);
        document.body.append(shown.root);
        markLaunchPhase('drawn-ahead');
        shown.timer = setTimeout(() => end(shown), MAX_SHOWN_MS);
      } finally {
        image.close();
      }
    },
    () => undefined,
  );
}

/** The screen the gateway wrote into the launch's page (server/launch/launchShot.ts), if any. */
export function launchShotInPage(): HTMLElement | null {
  return document.getElementById(LAUNCH_SHOT_ID);
}

/**
 * The gateway's screen becomes this page's early image: it goes as the page's own would
 * (endLaunchPreview, a logout, at the latest after MAX_SHOWN_MS).
 */
export function adoptLaunchShot(shot: HTMLElement): void {
  if (current) end(current);
  const shown: Shown = { ended: false, root: shot, timer: null };
  current = shown;
  shown.timer = setTimeout(() => end(shown), MAX_SHOWN_MS);
}

/** The viewer shows the image itself now, or the launch went elsewhere: the early one goes. */
export function endLaunchPreview(): void {
  if (current) end(current);
  // One the page never took over (its answer unread) goes too.
  launchShotInPage()?.remove();
}

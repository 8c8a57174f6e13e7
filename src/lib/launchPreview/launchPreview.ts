// A launch's first image, drawn the moment its bytes are in — before React, the launch
// page and the viewer's route have run (0.2–0.3 s on this project's machine) — with the
// patient it belongs to above it, in the viewer's own frame. The viewer's preview takes
// its place (endLaunchPreview) as soon as it draws the same image, where this one was.
// Plain DOM on purpose: it runs from the page's first module (app/earlySignIn.ts).
import { onLogout } from '../auth/onLogout';
import { markLaunchPhase } from '../viewerTimeline';
import styles from './launchPreview.module.css';

export interface LaunchPreviewText {
  /** The patient's name as the viewer's header writes it, and their birth date. */
  name: string;
  born: string;
  /** The viewer's back link, shown where it will be (not a link yet). */
  back: string;
  /** The image's accessible name: the viewer's own preview label. */
  label: string;
}

/** Whatever happens to the page, the image does not stay over it longer than this. */
const MAX_SHOWN_MS = 10_000;

interface Shown {
  ended: boolean;
  root: HTMLElement | null;
  timer: ReturnType<typeof setTimeout> | null;
}

let current: Shown | null = null;

onLogout(() => endLaunchPreview());

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string | undefined,
  text?: string,
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (className) el.className = className;
  // Text only: a name from a source may hold markup.
  if (text !== undefined) el.textContent = text;
  return el;
}

function screenOf(bitmap: ImageBitmap, text: LaunchPreviewText): HTMLElement {
  const screen = element('div', styles.screen);
  screen.dataset.testid = 'launch-preview';
  const main = element('div', styles.main);
  const bar = element('div', styles.bar);
  bar.append(element('span', styles.back, text.back));
  const title = element('p', styles.title);
  title.append(element('span', undefined, text.name));
  if (text.born) title.append(' ', element('span', styles.muted, text.born));
  bar.append(title);
  const body = element('div', styles.body);
  const views = element('div', styles.views);
  const canvas = element('canvas', undefined);
  canvas.width = bitmap.width;
  canvas.height = bitmap.height;
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', text.label);
  canvas.getContext('2d')?.drawImage(bitmap, 0, 0);
  views.append(canvas);
  body.append(element('div', styles.side), views);
  main.append(bar, element('div', styles.toolbar), body);
  screen.append(main, element('div', `${styles.side ?? ''} ${styles.report ?? ''}`));
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

/** The viewer shows the image itself now, or the launch went elsewhere: the early one goes. */
export function endLaunchPreview(): void {
  if (current) end(current);
}

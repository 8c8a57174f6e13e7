// The first thing a page the IdP sent back to a launch does (server/launch/launchSignIn.ts):
// compiled on its own and written into index.html as an inline script
// (build/inlineLaunchSignIn.ts). It replaces the address at once, so the code is in no
// history entry, and leaves the answer's promise for the app's first module
// (app/earlySignIn.ts), which reads and checks it. The gateway usually writes that answer
// at the page's end (server/launch/launchPage.ts: it handed the code in while the page
// travelled); a page without it hands the code in here, while the app's modules are still
// on their way — on a fresh browser those take 0.1–0.2 s to arrive and run.
//
// Self-contained on purpose: no import, nothing but what the browser has.

export const LAUNCH_CALLBACK_PATH = '/auth/launch';

/** What the IdP's redirect says: which launch, and its code (none when it had no session). */
export interface LaunchCallback {
  key: string;
  code: string | null;
}

/** The launch keys the gateway makes (server/launch/launchStore.ts): base64url. */
const LAUNCH_KEY = /^[A-Za-z0-9_-]{20,100}$/;
const MAX_CODE_LENGTH = 4096;

export function readLaunchCallback(pathname: string, search: string): LaunchCallback | null {
  if (pathname !== LAUNCH_CALLBACK_PATH) return null;
  const params = new URLSearchParams(search);
  const key = params.get('state') ?? '';
  if (!LAUNCH_KEY.test(key)) return null;
  const code = params.get('code');
  return { key, code: code && code.length <= MAX_CODE_LENGTH ? code : null };
}

/** Left on `window` for the app: the launch, and the gateway's answer (JSON, or null). */
export interface EarlyLaunchSignIn {
  key: string;
  /** Null without a code, or when the gateway refused: the page then signs in itself. */
  answer: Promise<unknown>;
}

declare global {
  interface Window {
    __drimLaunchSignIn?: EarlyLaunchSignIn;
  }
}

/** domain/launch/inlineAnswer.ts's name, written here: this script imports nothing. */
const INLINE_ANSWER = 'drim-launch-answer';

/**
 * The answer the gateway writes at the page's end, once the parser has reached it; null
 * when the page does not announce one (it must then be asked for). Taken out of the
 * document once read: it holds the tokens.
 */
function answerInPage(doc: Document): Promise<unknown> | null {
  if (!doc.querySelector(`meta[name="${INLINE_ANSWER}"]`)) return null;
  return new Promise((resolve) => {
    const read = () => {
      const block = doc.getElementById(INLINE_ANSWER);
      let answer: unknown = null;
      try {
        answer = block ? (JSON.parse(block.textContent ?? '') as unknown) : null;
      } catch {
        answer = null;
      }
      block?.remove();
      resolve(answer);
    };
    if (doc.readyState === 'loading')
      doc.addEventListener('DOMContentLoaded', read, { once: true });
    else read();
  });
}

/** The code handed in by a request of the page's own, when the page does not hold the answer. */
function askAnswer(win: Window, key: string, code: string): Promise<unknown> {
  return win
    .fetch(`/api/launch/${encodeURIComponent(key)}/sign-in`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ code }),
      // Its binding cookie proves the code is this browser's; there is no token yet.
      credentials: 'same-origin',
    })
    .then((res) => (res.ok ? (res.json() as Promise<unknown>) : null))
    .catch(() => null);
}

export function beginLaunchSignIn(win: Window): void {
  const callback = readLaunchCallback(win.location.pathname, win.location.search);
  if (!callback) return;
  // The launch's timeline (bench/launch/timeline.ts) starts here, before any module.
  win.performance.mark('drim:launch:inline');
  win.history.replaceState(null, '', `/launch/${callback.key}`);
  const { key, code } = callback;
  const answer = code
    ? (answerInPage(win.document) ?? askAnswer(win, key, code))
    : Promise.resolve(null);
  win.__drimLaunchSignIn = { key, answer };
}

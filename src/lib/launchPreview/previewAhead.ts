// The launch's first image asked ahead in a worker (previewWorker.ts), started with the page
// so that it is ready when the sign-in answers: its bytes and its decoding then wait for
// nothing the page's thread is busy with. The answer serves the viewer's own GET as any
// answer asked ahead (lib/api/gatewayClient.ts); the bitmap is for the launch's early image.
import { currentAccessToken } from '../api/accessToken';
import { gateway } from '../api/gatewayClient';
import { onLogout } from '../auth/onLogout';
import type { PreviewAnswer, PreviewAsk } from './previewWorker';

/** As the gateway client's own GETs: a source slower than this is not waited for. */
const TIMEOUT_MS = 30_000;

let worker: Worker | null = null;
let asked = 0;
/** Asked once per page: the launch page asks again what the first script asked (openLaunch). */
const askedPaths = new Set<string>();
const replies = new Map<number, (answer: PreviewAnswer) => void>();
// The paths name an exam: they do not outlive the session either.
onLogout(() => askedPaths.clear());

/** Starts the worker now (a launch page's first module), so that it is up by the claim. */
export function preparePreviewWorker(): void {
  if (worker || typeof Worker === 'undefined') return;
  try {
    worker = new Worker(new URL('./previewWorker.ts', import.meta.url), { type: 'module' });
  } catch {
    worker = null;
    return;
  }
  worker.onmessage = (event: MessageEvent<PreviewAnswer & { id: number }>) => {
    const reply = replies.get(event.data.id);
    replies.delete(event.data.id);
    if (reply) reply(event.data);
    else if (event.data.ok) event.data.bitmap?.close();
  };
  worker.onerror = () => {
    for (const reply of replies.values()) reply({ ok: false });
    replies.clear();
    worker = null;
  };
}

/**
 * The preview's answer the page already holds (the gateway wrote it into the launch's
 * page): it serves the page's own GET, and is not asked again, here or by the gateway client.
 */
export function previewAnsweredInPage(path: string, accept: string, answer: Response): void {
  askedPaths.add(path);
  gateway.answerAhead(path, accept, Promise.resolve(answer));
}

/**
 * Asks the preview GET in the worker and keeps its answer for the page's own GET; the
 * bitmap, when the answer is a picture, is the caller's to close. Undefined without a worker
 * or a session: the caller then asks as usual.
 */
export function askPreviewAhead(
  path: string,
  accept: string,
): Promise<ImageBitmap | null> | undefined {
  const token = currentAccessToken();
  if (!worker || token === null || askedPaths.has(path)) return undefined;
  askedPaths.add(path);
  asked += 1;
  const id = asked;
  const answer = new Promise<PreviewAnswer>((resolve) => replies.set(id, resolve));
  const ask: PreviewAsk & { id: number } = { id, path, accept, token, timeoutMs: TIMEOUT_MS };
  worker.postMessage(ask);
  gateway.answerAhead(
    path,
    accept,
    answer.then((a) => {
      if (!a.ok) throw new Error('the preview could not be asked ahead');
      return new Response(a.body, {
        status: a.status,
        statusText: a.statusText,
        headers: a.headers,
      });
    }),
  );
  return answer.then((a) => (a.ok ? a.bitmap : null));
}

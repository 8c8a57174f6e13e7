// The page the IdP sends a launch back to (/auth/launch?code=…&state=<launch key>), with the
// launch's sign-in written inside it. Before, the page's first script handed the code in by
// a request of its own (…/sign-in) 0.1–0.2 s after the page had left here — the time for
// the browser to commit the page and start its script — and only then did the gateway
// exchange the code and look the exam up. Now this very request does both, while the page
// travels: all of it but its end leaves at once, so the browser starts the app's code
// meanwhile, and the answer (the sign-in route's own, asked in-process: the same binding
// check, exchange, token check, claim and trace) is written at its end, where the page's
// first script reads it (src/features/launch/api/launchSignInStart.ts). Between the two, a
// STUDY launch's first image with the patient's name (launchShot.ts): on screen before the
// app's code has run.
//
// Only for the browser the launch was sent from: its binding cookie for this path must come
// with the request. Without it, or without a code, the page is the plain one, and its
// script hands the code in as before. The answer holds tokens: never stored by anyone
// (no-store), and the page's script takes it out of the document once read.
import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { jsonForScript } from '../http/spa';
import {
  bindingCookie,
  BINDING_COOKIE,
  cookieValue,
  LAUNCH_CALLBACK_PATH,
  MAX_CODE_LENGTH,
  pageBindingCookie,
  pageBindingCookieName,
} from './launchSignIn';
import { isLaunchKey } from './launchStore';
import { rawQuery } from './routes';
import { INLINE_ANSWER } from '../../src/domain/launch/inlineAnswer';

/** Where the page is split: what comes before leaves at once, the answer goes before it. */
const TAIL = '</body>';
/** The app's entry, Vite's tag in index.html. */
const ENTRY_TAG = '<script type="module" crossorigin';

export interface LaunchPageParts {
  /** Sent at once: the page, its first script told that the answer follows. */
  head: string;
  /** Sent after the answer. */
  tail: string;
}

/**
 * The page split around where the answer goes, or null when it cannot be (a page without
 * a body end or without the app's entry: it is then sent whole, and signs in itself).
 * The entry runs as soon as it has loaded (async) rather than once the page has ended, so
 * that the app's start never waits on the sign-in.
 */
export function launchPageParts(html: string): LaunchPageParts | null {
  const at = html.lastIndexOf(TAIL);
  const head = html.indexOf('<head>');
  const entry = html.indexOf(ENTRY_TAG);
  if (at === -1 || head === -1 || entry === -1 || entry > at) return null;
  const marker = `<meta name="${INLINE_ANSWER}" content="follows" />`;
  const before = html.slice(0, at);
  const withEntryAsync =
    before.slice(0, entry) +
    '<script type="module" async crossorigin' +
    before.slice(entry + ENTRY_TAG.length);
  const headEnd = head + '<head>'.length;
  return {
    head: withEntryAsync.slice(0, headEnd) + marker + withEntryAsync.slice(headEnd),
    tail: html.slice(at),
  };
}

/** The answer as the page reads it: JSON inside a data block, `null` when there is none. */
export function answerBlock(answer: unknown): string {
  return `<script type="application/json" id="${INLINE_ANSWER}">${jsonForScript(answer ?? null)}</script>`;
}

/** The sign-in route's answer for this code, asked in-process as this browser; null if none. */
async function signInAnswer(
  app: FastifyInstance,
  request: FastifyRequest,
  key: string,
  code: string,
  binding: string,
): Promise<unknown> {
  const res = await app.inject({
    method: 'POST',
    url: `/api/launch/${encodeURIComponent(key)}/sign-in`,
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      cookie: `${BINDING_COOKIE}=${binding}`,
      // The browser's host and scheme: the code was issued for this origin's redirect URI.
      host: request.host,
      ...(request.protocol === 'https' ? { 'x-forwarded-proto': 'https' } : {}),
    },
    payload: JSON.stringify({ code }),
    remoteAddress: request.ip,
  });
  if (res.statusCode !== 200) return null;
  try {
    return JSON.parse(res.body) as unknown;
  } catch {
    return null;
  }
}

/** Both bindings of this launch are spent once its code has been handed in. */
function clearBindings(reply: FastifyReply, key: string, secure: boolean): void {
  const spent = { launchKey: key, value: '', secure, maxAgeSeconds: 0 };
  reply.header('set-cookie', [pageBindingCookie(spent), bindingCookie(spent)]);
}

export function registerLaunchPage(
  app: FastifyInstance,
  opts: {
    /** The SPA's index.html as served (with the settings inside). */
    page: () => string;
    /** The plain page, for a request that does not sign in here. */
    sendPlain: (reply: FastifyReply) => FastifyReply;
    /** The launch's first screen for this answer, or '' (launchShot.ts). */
    shot: (request: FastifyRequest, answer: unknown) => Promise<string>;
  },
): void {
  app.get(LAUNCH_CALLBACK_PATH, async (request, reply) => {
    const query = new URLSearchParams(rawQuery(request));
    const key = query.get('state') ?? '';
    const code = query.get('code') ?? '';
    const binding = isLaunchKey(key)
      ? cookieValue(request.headers.cookie, pageBindingCookieName(key))
      : undefined;
    // A HEAD (a link checker, a preview) spends no code.
    const parts =
      request.method === 'GET' && binding && code.length > 0 && code.length <= MAX_CODE_LENGTH
        ? launchPageParts(opts.page())
        : null;
    if (!parts || !binding) return opts.sendPlain(reply);

    const body = new PassThrough();
    // The browser may leave before the answer: what is then written goes nowhere.
    body.on('error', () => undefined);
    body.write(parts.head);
    void signInAnswer(app, request, key, code, binding)
      .catch(() => null)
      .then(async (answer) => {
        if (body.destroyed) return;
        body.write(answerBlock(answer));
        const shot = await opts.shot(request, answer).catch(() => '');
        if (!body.destroyed) body.end(shot + parts.tail);
      });
    clearBindings(reply, key, request.protocol === 'https');
    return (
      reply
        .header('cache-control', 'no-store')
        // A proxy in front (nginx) passes the page's start on at once instead of holding it.
        .header('x-accel-buffering', 'no')
        .type('text/html; charset=utf-8')
        .send(body)
    );
  });
}

// Headers that keep the viewer's page from being framed, from leaking URLs (they carry
// study UIDs) in Referer, and from running script it did not ship.
//
// Helmet writes them, once: its Fastify plugin built the whole middleware chain again and
// re-parsed the CSP at every request (3–4 % of the gateway's CPU under load, for headers
// that never change), so the headers Helmet sets are captured at start-up and copied onto
// each answer.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

/** Every header Helmet sets with the gateway's policy, as [name, value] pairs. */
/** `inlineScripts`: the hashes of the scripts index.html runs inline (inlineScripts.ts). */
export function securityHeaders(
  issuer: string,
  inlineScripts: readonly string[] = [],
): [string, string][] {
  const idpOrigin = new URL(issuer).origin;
  const middleware = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        // Cornerstone's codecs are WebAssembly, compiled in the page and in workers.
        scriptSrc: ["'self'", "'wasm-unsafe-eval'", ...inlineScripts],
        workerSrc: ["'self'", 'blob:'],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        fontSrc: ["'self'", 'data:'],
        // The OIDC client reads discovery and exchanges codes with the IdP from the page,
        // and renews the session in a hidden iframe on the IdP.
        connectSrc: ["'self'", idpOrigin],
        // blob: for a report's PDF, shown from bytes the SPA fetched and checked itself.
        frameSrc: ["'self'", idpOrigin, 'blob:'],
        formAction: ["'self'", idpOrigin],
        // 'self' rather than 'none': the silent-renew callback page is framed by the app itself.
        frameAncestors: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    // Keeps a sign-in popup usable should the SPA ever open one.
    crossOriginOpenerPolicy: { policy: 'same-origin-allow-popups' },
  });
  // By lower-case name, as HTTP compares them; sent as Helmet spells them.
  const headers = new Map<string, [string, string]>();
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      const text = Array.isArray(value) ? value.join(', ') : String(value);
      headers.set(name.toLowerCase(), [name, text]);
      return recorder;
    },
    removeHeader(name: string) {
      headers.delete(name.toLowerCase());
    },
  };
  let failure: unknown;
  // No directive depends on the request (no nonces, no functions): one run says it all.
  middleware({} as IncomingMessage, recorder as unknown as ServerResponse, (err?: unknown) => {
    failure = err;
  });
  if (failure) throw failure instanceof Error ? failure : new Error(String(failure));
  return [...headers.values()];
}

export async function registerSecurityHeaders(
  app: FastifyInstance,
  issuer: string,
  inlineScripts: readonly string[] = [],
): Promise<void> {
  const headers = securityHeaders(issuer, inlineScripts);
  app.addHook('onRequest', (_request, reply, done) => {
    for (const [name, value] of headers) reply.raw.setHeader(name, value);
    done();
  });
}

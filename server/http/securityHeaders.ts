// Headers that keep the viewer's page from being framed, from leaking URLs (they carry
// study UIDs) in Referer, and from running script it did not ship.
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

export async function registerSecurityHeaders(app: FastifyInstance, issuer: string): Promise<void> {
  const idpOrigin = new URL(issuer).origin;
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        // Cornerstone's codecs are WebAssembly, compiled in the page and in workers.
        scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
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
}

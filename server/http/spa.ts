// Serves the built SPA; a client-side route (/etude/…, /patient) gets index.html so a
// bookmarked or reloaded URL works, while /api and /dicomweb keep their JSON 404s.
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notAllowedPath, sendError, GatewayError } from '../errors';

const isApiPath = (url: string): boolean => /^\/(api|dicomweb)(\/|$|\?)/.test(url);

/** Where the IdP answers a silent sign-in (the SPA's SILENT_CALLBACK_PATH). */
const SILENT_RENEW_PATH = '/auth/silent';
/** Its page of its own (vite.config.ts); a build without it gets the whole app there. */
const SILENT_RENEW_PAGE = 'silent-renew.html';

export async function registerSpa(
  app: FastifyInstance,
  staticDir: string | undefined,
): Promise<void> {
  const hasSilentRenewPage =
    staticDir !== undefined && fs.existsSync(path.join(staticDir, SILENT_RENEW_PAGE));
  if (staticDir) {
    await app.register(fastifyStatic, {
      root: path.resolve(staticDir),
      index: ['index.html'],
      // The build writes .br/.gz copies (dev/precompressAssets.ts): sent to browsers that
      // accept them, with Vary: Accept-Encoding.
      preCompressed: true,
      setHeaders(reply, filePath) {
        // Vite fingerprints everything under assets/; index.html must be re-read to see a new build.
        const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
        reply.header(
          'cache-control',
          immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }

  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    const url = request.raw.url ?? '/';
    if (isApiPath(url)) return sendError(reply, notAllowedPath());
    const pathname = url.split('?')[0] ?? '/';
    if (
      staticDir &&
      pathname === SILENT_RENEW_PATH &&
      (request.method === 'GET' || request.method === 'HEAD') &&
      hasSilentRenewPage
    ) {
      return reply
        .header('cache-control', 'no-cache')
        .type('text/html; charset=utf-8')
        .sendFile(SILENT_RENEW_PAGE);
    }
    const lastSegment = pathname.split('/').pop() ?? '';
    // A missing asset (a dot in its name) must stay a 404, not turn into HTML.
    if (
      staticDir &&
      (request.method === 'GET' || request.method === 'HEAD') &&
      !lastSegment.includes('.')
    ) {
      return reply
        .header('cache-control', 'no-cache')
        .type('text/html; charset=utf-8')
        .sendFile('index.html');
    }
    return sendError(reply, new GatewayError(404, 'not_found', 'Page introuvable.'));
  });
}

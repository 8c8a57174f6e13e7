// Serves the built SPA; a client-side route (/etude/…, /patient) gets index.html so a
// bookmarked or reloaded URL works, while /api and /dicomweb keep their JSON 404s.
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { INLINE_CONFIG_ID, type PublicConfig } from '../../src/domain/publicConfig';
import { notAllowedPath, sendError, GatewayError } from '../errors';

const isApiPath = (url: string): boolean => /^\/(api|dicomweb)(\/|$|\?)/.test(url);

/** Where the IdP answers a silent sign-in (the SPA's SILENT_CALLBACK_PATH). */
const SILENT_RENEW_PATH = '/auth/silent';
/**
 * Its page of its own (vite.config.ts), where Vite writes an HTML entry: at its path under the
 * project root. A build without it gets the whole app there.
 */
const SILENT_RENEW_PAGE = 'src/app/silent-renew.html';

/**
 * JSON inside a <script> element: `<` could close it, U+2028/9 trip old parsers. Escaped
 * as JSON escapes, so JSON.parse reads back the same value.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * index.html with the region's settings inside: the SPA starts signing in at its first
 * script instead of first fetching /config.json (which stays, for pages without them).
 */
export function indexWithConfig(html: string, config: PublicConfig): string {
  const block = `<script type="application/json" id="${INLINE_CONFIG_ID}">${jsonForScript(config)}</script>`;
  const at = html.indexOf('</head>');
  return at === -1 ? block + html : html.slice(0, at) + block + html.slice(at);
}

/** The built index.html, as served (with the settings added), or null without a build. */
export function readIndexHtml(staticDir: string | undefined): string | null {
  const indexPath = staticDir === undefined ? undefined : path.join(staticDir, 'index.html');
  return indexPath !== undefined && fs.existsSync(indexPath)
    ? fs.readFileSync(indexPath, 'utf8')
    : null;
}

/** index.html as the SPA's routes answer it: read again at each visit, to see a new build. */
export function sendIndexPage(reply: FastifyReply, page: string): FastifyReply {
  return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(page);
}

export async function registerSpa(
  app: FastifyInstance,
  staticDir: string | undefined,
  publicConfig: () => PublicConfig,
  /** The built index.html as read at start-up (readIndexHtml), or null without a build. */
  indexHtml: string | null = readIndexHtml(staticDir),
): Promise<void> {
  const hasSilentRenewPage =
    staticDir !== undefined && fs.existsSync(path.join(staticDir, SILENT_RENEW_PAGE));
  if (staticDir) {
    await app.register(fastifyStatic, {
      root: path.resolve(staticDir),
      // index.html is served below, with the settings inside, for `/` and client routes.
      index: false,
      // The build writes .br/.gz copies (build/precompressAssets.ts): sent to browsers that
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

  const sendIndex = (reply: FastifyReply) =>
    sendIndexPage(reply, indexWithConfig(indexHtml ?? '', publicConfig()));
  if (indexHtml !== null) app.get('/', (_request, reply) => sendIndex(reply));

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
      indexHtml !== null &&
      (request.method === 'GET' || request.method === 'HEAD') &&
      !lastSegment.includes('.')
    ) {
      return sendIndex(reply);
    }
    return sendError(reply, new GatewayError(404, 'not_found', 'Page introuvable.'));
  });
}

// /dicomweb/{source}/… : each request is checked (method, path, query, who asks) before
// anything reaches the source, then the answer is streamed back — except JSON, which is
// read to point its URLs at the gateway.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { principalOf, type AuthHook } from '../auth/authenticate';
import { GatewayError, notAllowedPath, sendError } from '../errors';
import type { AccessPolicy, AccessRequest } from './accessPolicy';
import { parseDicomwebPath } from './allowedPaths';
import { checkNotFishing } from './fishingGuard';
import { invalidAnswer, isJsonType, readJsonBody } from './jsonBody';
import { rewriteUpstreamUrls } from './rewriteUrls';
import type { SeriesMetadataCache } from './seriesMetadataCache';
import { UpstreamClient, upstreamFailure, type UpstreamResponse } from './upstreamClient';
import { encodeUpstreamQuery, parseBrowserQuery } from './upstreamQuery';

export interface DicomwebProxyOptions {
  authenticate: AuthHook;
  policy: AccessPolicy;
  upstreams: Map<string, UpstreamClient>;
  /** Absent: every metadata request goes to the source. */
  metadataCache?: SeriesMetadataCache;
}

const FORWARDED_REQUEST_HEADERS = ['accept', 'range', 'if-none-match'] as const;
const FORWARDED_RESPONSE_HEADERS = [
  'content-type',
  'content-length',
  'content-range',
  'accept-ranges',
  'etag',
  'last-modified',
] as const;

const unknownSource = (): GatewayError =>
  new GatewayError(404, 'unknown_source', 'Source d’images inconnue dans cette région.');

const methodNotAllowed = (): GatewayError =>
  new GatewayError(
    405,
    'not_allowed',
    'Le service DICOMweb de la passerelle est en lecture seule.',
    {
      allow: 'GET, HEAD',
    },
  );

/** Splits the raw URL itself: the router's decoded parameters would hide %2F and %2e%2e. */
function splitRawUrl(rawUrl: string): { sourceId: string; path: string; query: string } | null {
  const q = rawUrl.indexOf('?');
  const pathname = q === -1 ? rawUrl : rawUrl.slice(0, q);
  const query = q === -1 ? '' : rawUrl.slice(q + 1);
  const match = /^\/dicomweb\/([^/]+)\/(.*)$/.exec(pathname);
  if (!match) return null;
  return { sourceId: match[1] ?? '', path: match[2] ?? '', query };
}

export async function dicomwebProxy(
  app: FastifyInstance,
  opts: DicomwebProxyOptions,
): Promise<void> {
  const { upstreams, policy, authenticate, metadataCache } = opts;

  app.route({
    method: ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'],
    url: '/dicomweb/*',
    // Refused in onRequest so that no request body is even read.
    onRequest: async (_request, reply) => {
      await sendError(reply, methodNotAllowed());
    },
    handler: async () => undefined,
  });

  app.route({
    method: ['GET', 'HEAD'],
    url: '/dicomweb/:sourceId/*',
    exposeHeadRoute: false,
    onRequest: authenticate,
    handler: async (request, reply) => {
      try {
        await proxyRequest(request, reply);
      } catch (err) {
        if (reply.sent) return;
        if (err instanceof GatewayError) return sendError(reply, err);
        throw err;
      }
      return reply;
    },
  });

  async function proxyRequest(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const parts = splitRawUrl(request.raw.url ?? '');
    if (!parts) throw notAllowedPath();
    const upstream = upstreams.get(parts.sourceId);
    if (!upstream) throw unknownSource();
    const target = parseDicomwebPath(parts.path);
    if (!target) throw notAllowedPath();
    const query = parseBrowserQuery(parts.query, target);
    checkNotFishing(target, query);

    const abort = new AbortController();
    reply.raw.once('close', () => {
      // The browser went away (scrolled past, closed the tab): stop the upstream transfer too.
      if (!reply.raw.writableFinished) abort.abort();
    });

    const access: AccessRequest = {
      principal: principalOf(request),
      upstream,
      target,
      query,
      signal: abort.signal,
      clientAddress: request.ip,
    };
    if (policy.recordAccess) {
      // Registered before the decision so that refusals are traced as well as reads.
      const record = policy.recordAccess.bind(policy);
      reply.raw.once('close', () => record(access, reply.statusCode));
    }
    await policy.authorize(access);

    const headers: Record<string, string> = {};
    for (const name of FORWARDED_REQUEST_HEADERS) {
      const value = request.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const method = request.method === 'HEAD' ? 'HEAD' : 'GET';
    const upstreamQuery = encodeUpstreamQuery(query, {
      ...upstream.source.qido,
      isSearch: target.kind === 'search',
    });
    const publicBase = `${request.protocol}://${request.host}/dicomweb/${upstream.source.id}`;
    const cacheKey =
      method === 'GET'
        ? (metadataCache?.keyFor(
            upstream.source.id,
            target,
            upstreamQuery,
            headers['accept'],
            publicBase,
          ) ?? null)
        : null;
    // A client asking for a fresh answer (a hard reload, a benchmark of a cold opening)
    // gets one; the answer is still remembered for the next.
    const fresh = /no-cache/i.test(`${request.headers['cache-control'] ?? ''}`);
    if (cacheKey !== null && metadataCache && !fresh) {
      const known = await metadataCache.recall(cacheKey, upstream, target, abort.signal);
      if (known) {
        await reply
          .code(200)
          .header('cache-control', 'no-store')
          .header('x-drim-cache', 'hit')
          .type(known.contentType)
          .send(known.body);
        return;
      }
    }
    const res = await upstream.send({
      method,
      path: target.path,
      query: upstreamQuery,
      headers,
      signal: abort.signal,
    });
    const remember =
      cacheKey !== null && metadataCache
        ? (body: string, contentType: string, json: unknown) => {
            if (Array.isArray(json)) {
              metadataCache.remember(cacheKey, { body, contentType, instances: json.length });
            }
          }
        : undefined;
    await relayResponse(request, reply, upstream, res, method, abort.signal, publicBase, remember);
  }
}

async function relayResponse(
  request: FastifyRequest,
  reply: FastifyReply,
  upstream: UpstreamClient,
  res: UpstreamResponse,
  method: 'GET' | 'HEAD',
  aborted: AbortSignal,
  publicBase: string,
  remember?: (body: string, contentType: string, json: unknown) => void,
): Promise<void> {
  const { source } = upstream;
  const status = res.statusCode;
  if (status >= 400) {
    await res.body.dump().catch(() => undefined);
    throw upstreamRefusal(status, source.label);
  }
  reply.code(status).header('cache-control', 'no-store');
  const contentType = header(res, 'content-type');
  if (status === 204 || status === 304 || method === 'HEAD') {
    for (const name of FORWARDED_RESPONSE_HEADERS) {
      const value = header(res, name);
      // A HEAD on JSON would announce the length of the answer before its URLs are rewritten.
      if (value !== undefined && !(name === 'content-length' && isJsonType(contentType))) {
        reply.header(name, value);
      }
    }
    await res.body.dump().catch(() => undefined);
    await reply.send();
    return;
  }
  if (isJsonType(contentType)) {
    let json: unknown;
    try {
      json = await readJsonBody(res.body);
    } catch (err) {
      throw err instanceof GatewayError ? err : upstreamFailure(err, source);
    }
    if (json === null || typeof json !== 'object') throw invalidAnswer();
    const body = JSON.stringify(rewriteUpstreamUrls(json, upstream.base, publicBase));
    const type = contentType ?? 'application/dicom+json';
    if (status === 200) remember?.(body, type, json);
    await reply.type(type).send(body);
    return;
  }
  for (const name of FORWARDED_RESPONSE_HEADERS) {
    const value = header(res, name);
    if (value !== undefined) reply.header(name, value);
  }
  res.body.on('error', (err) => {
    // A browser abandoning a frame it no longer needs is routine; a source dying mid-answer is not.
    if (!aborted.aborted) request.log.warn({ err }, 'upstream body interrupted');
  });
  await reply.send(res.body);
}

function header(res: UpstreamResponse, name: string): string | undefined {
  const value = res.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function upstreamRefusal(status: number, label: string): GatewayError {
  if (status >= 500) {
    return new GatewayError(
      502,
      'upstream_error',
      `La source « ${label} » a rencontré une erreur.`,
    );
  }
  if (status === 401 || status === 403) {
    // Our own credentials towards the source were refused: not the user's doing.
    return new GatewayError(502, 'upstream_error', `La source « ${label} » refuse la passerelle.`);
  }
  if (status === 404) {
    return new GatewayError(404, 'not_found', `Introuvable sur la source « ${label} ».`);
  }
  if (status === 406) {
    return new GatewayError(406, 'bad_request', `La source « ${label} » ne fournit pas ce format.`);
  }
  return new GatewayError(status, 'bad_request', `La source « ${label} » a refusé la requête.`);
}

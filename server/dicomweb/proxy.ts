// /dicomweb/{source}/… : each request is checked (method, path, query, who asks) before
// anything reaches the source, then the answer is streamed back — except JSON, which is
// read to check every dataset in it (answerCheck.ts) and point its URLs at the gateway.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { TAG } from '../../src/domain/dicom/tags';
import { identifiersOf } from '../../src/domain/identity/identifiersOf';
import type { PatientIdentifier } from '../../src/domain/identity/patientIdentifier';
import { groupPersons } from '../../src/domain/identity/persons';
import { principalOf, type AuthHook } from '../auth/authenticate';
import { forbidden, GatewayError, notAllowedPath, sendError } from '../errors';
import type { AccessPolicy, AccessRequest, AnswerScope } from './accessPolicy';
import { ASK_AHEAD_HEADER, type AnswersAhead } from './answersAhead';
import { parseDicomwebPath, type DicomwebTarget } from './allowedPaths';
import { answerKeeps, inSeries } from './answerCheck';
import { checkNotFishing } from './fishingGuard';
import { heldInstancesOf, PATIENT_FIELDS, type Holdings, type HeldInstance } from './holdings';
import { isJsonType } from './jsonBody';
import { rewriteUpstreamUrls } from './rewriteUrls';
import { allAbout, type SeriesMetadataCache } from './seriesMetadataCache';
import { UpstreamClient, type UpstreamResponse } from './upstreamClient';
import { encodeUpstreamQuery, parseBrowserQuery, type QidoQuery } from './upstreamQuery';

export interface DicomwebProxyOptions {
  authenticate: AuthHook;
  policy: AccessPolicy;
  upstreams: Map<string, UpstreamClient>;
  /** Learns from series metadata answers who each instance is about. */
  holdings: Holdings;
  /** Absent: every metadata request goes to the source. */
  metadataCache?: SeriesMetadataCache;
  /** A launch's first image, asked at claim time for the browser's request (absent: none). */
  answersAhead?: AnswersAhead;
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

/** Set on an answer scoped to one study whose datasets name several people. */
export const CONFLICT_HEADER = 'x-drim-patient-conflict';

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

const notFoundAt = (label: string): GatewayError =>
  new GatewayError(404, 'not_found', `Introuvable sur la source « ${label} ».`);

const notTheirs = (): GatewayError =>
  forbidden(
    'Ces images ne sont pas accessibles avec votre compte : elles concernent un autre patient.',
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

/** Tags each identifying key of a search is read back from in the answer. */
const TAG_OF_KEY: Readonly<Record<string, string>> = {
  StudyInstanceUID: TAG.StudyInstanceUID,
  SeriesInstanceUID: TAG.SeriesInstanceUID,
  SOPInstanceUID: '00080018',
  AccessionNumber: TAG.AccessionNumber,
  PatientBirthDate: TAG.PatientBirthDate,
};

/**
 * The search as sent upstream: asking, besides what the browser wants, for every attribute
 * the answer is checked on, so that a source cannot leave out what would betray a mismatch.
 */
function withCheckedFields(query: QidoQuery, target: DicomwebTarget): QidoQuery {
  if (target.kind !== 'search') return query;
  const fields = new Set<string>(PATIENT_FIELDS);
  for (const key of query.keys()) {
    const tag = TAG_OF_KEY[key];
    if (tag) fields.add(tag);
  }
  if (target.studyUid !== undefined) fields.add(TAG.StudyInstanceUID);
  if (target.seriesUid !== undefined) fields.add(TAG.SeriesInstanceUID);
  const out = new Map(query);
  out.set('includefield', [...(query.get('includefield') ?? []), [...fields].join(',')]);
  return out;
}

const isWholeSeriesMetadata = (target: DicomwebTarget): boolean =>
  target.endpoint === 'metadata' &&
  target.seriesUid !== undefined &&
  target.instanceUid === undefined;

export async function dicomwebProxy(
  app: FastifyInstance,
  opts: DicomwebProxyOptions,
): Promise<void> {
  const { upstreams, policy, authenticate, metadataCache, holdings, answersAhead } = opts;

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
    const scope: AnswerScope = (await policy.authorize(access)) ?? {};
    if (await sentAhead(request, reply, access)) return;

    const headers: Record<string, string> = {};
    for (const name of FORWARDED_REQUEST_HEADERS) {
      const value = request.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const method = request.method === 'HEAD' ? 'HEAD' : 'GET';
    const upstreamQuery = encodeUpstreamQuery(withCheckedFields(query, target), {
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
      // Reused whole or not at all: an answer holding someone else's datasets is read again.
      if (known && (scope.onlyFor === undefined || allAbout(known, scope.onlyFor))) {
        learnSeries(target, upstream, known.instances);
        policy.noteAnswer?.(access, {
          persons: groupPersons(known.instances.map((i) => i.identifiers)),
          conflict: known.conflict,
        });
        if (known.conflict) reply.header(CONFLICT_HEADER, '1');
        await sendKept(reply, 'hit', known.contentType, known.body);
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
    const { status, contentType } = await relayHead(reply, upstream, res, method);
    if (status === null) return;
    if (!isJsonType(contentType)) {
      await relayStream(request, reply, res, abort.signal);
      return;
    }

    const allowance = upstream.jsonAllowance();
    // The answer's memory is held until it has left: its text is alive until then.
    reply.raw.once('close', () => allowance?.release());
    const keeps = answerKeeps({ target, query, ...scope });
    const kept: string[] = [];
    const keptIdentifiers: PatientIdentifier[][] = [];
    const held: HeldInstance[] = [];
    let total = 0;
    const wholeSeries = isWholeSeriesMetadata(target) ? target.seriesUid : undefined;
    await upstream.readDatasets(
      res,
      (ds) => {
        total++;
        // Learnt from everything the source holds under the series, not only what is sent.
        if (wholeSeries !== undefined && inSeries(ds, wholeSeries)) {
          held.push(...heldInstancesOf([ds], wholeSeries));
        }
        if (!keeps(ds)) return;
        // Written again rather than passed on as received: sources pretty-print (Orthanc's
        // metadata is two-thirds whitespace), and the browser would download it all.
        kept.push(JSON.stringify(ds));
        keptIdentifiers.push(identifiersOf(ds));
      },
      allowance ? { allowance } : {},
    );
    const dropped = total - kept.length;
    if (scope.onlyFor && target.endpoint === 'metadata' && kept.length === 0) {
      // Metadata of someone else's series: refused as a whole rather than answered empty.
      throw total === 0 ? notFoundAt(upstream.source.label) : notTheirs();
    }
    if (dropped > 0) {
      request.log.warn(
        { source: upstream.source.id, endpoint: target.endpoint, dropped },
        'answer held datasets outside the request: set aside',
      );
    }
    const persons = groupPersons(keptIdentifiers);
    const conflict = target.studyUid !== undefined && persons.length > 1;
    policy.noteAnswer?.(access, { persons, conflict });
    const instances = wholeSeries !== undefined ? held : undefined;
    if (instances) learnSeries(target, upstream, instances);
    const body = rewriteUpstreamUrls(`[${kept.join(',')}]`, upstream.base, publicBase);
    const type = contentType ?? 'application/dicom+json';
    if (cacheKey !== null && metadataCache && status === 200 && dropped === 0 && instances) {
      metadataCache.remember(cacheKey, { body, contentType: type, instances, conflict });
    }
    if (conflict) reply.header(CONFLICT_HEADER, '1');
    await reply.type(type).send(body);
  }

  /**
   * Answers from what the gateway asked ahead for this very request of this user, once its
   * checks have passed again (answersAhead.ts); false when nothing is held.
   */
  async function sentAhead(
    request: FastifyRequest,
    reply: FastifyReply,
    access: AccessRequest,
  ): Promise<boolean> {
    if (!answersAhead || request.method !== 'GET' || access.target.endpoint !== 'rendered') {
      return false;
    }
    // The gateway's own request that fills the store must not wait on itself.
    if (request.headers[ASK_AHEAD_HEADER] !== undefined) return false;
    const held = answersAhead.take(
      access.principal.sub,
      request.raw.url ?? '',
      request.headers.accept ?? '',
    );
    const answer = held ? await held : null;
    if (!answer) return false;
    await sendKept(reply, 'ahead', answer.contentType, answer.body);
    return true;
  }

  function learnSeries(
    target: DicomwebTarget,
    upstream: UpstreamClient,
    instances: HeldInstance[],
  ): void {
    if (target.studyUid === undefined || target.seriesUid === undefined) return;
    holdings.learnSeries(upstream.source.id, target.studyUid, target.seriesUid, instances);
  }
}

/** An answer the gateway kept (`x-drim-cache` says how), sent whole. */
async function sendKept(
  reply: FastifyReply,
  how: 'hit' | 'ahead',
  contentType: string,
  body: string | Buffer,
): Promise<void> {
  await reply
    .code(200)
    .header('cache-control', 'no-store')
    .header('x-drim-cache', how)
    .type(contentType)
    .send(body);
}

/**
 * Sends the status and headers of everything but a JSON body. Returns a null status when
 * the answer is complete already (no body, HEAD).
 */
async function relayHead(
  reply: FastifyReply,
  upstream: UpstreamClient,
  res: UpstreamResponse,
  method: 'GET' | 'HEAD',
): Promise<{ status: number | null; contentType: string | undefined }> {
  const status = res.statusCode;
  if (status >= 400) {
    await res.body.dump().catch(() => undefined);
    throw upstreamRefusal(status, upstream.source.label);
  }
  reply.code(status).header('cache-control', 'no-store');
  const contentType = header(res, 'content-type');
  if (status === 204 || status === 304 || method === 'HEAD') {
    for (const name of FORWARDED_RESPONSE_HEADERS) {
      const value = header(res, name);
      // A HEAD on JSON would announce the length of the answer before it is checked.
      if (value !== undefined && !(name === 'content-length' && isJsonType(contentType))) {
        reply.header(name, value);
      }
    }
    await res.body.dump().catch(() => undefined);
    await reply.send();
    return { status: null, contentType };
  }
  return { status, contentType };
}

async function relayStream(
  request: FastifyRequest,
  reply: FastifyReply,
  res: UpstreamResponse,
  aborted: AbortSignal,
): Promise<void> {
  for (const name of FORWARDED_RESPONSE_HEADERS) {
    const value = header(res, name);
    if (value !== undefined) reply.header(name, value);
  }
  res.body.on('error', (err) => {
    // A browser abandoning a frame it no longer needs is routine; a source dying mid-answer,
    // or passing its deadline, is not.
    if (!aborted.aborted) {
      request.log.warn({ err, deadline: res.deadline.aborted }, 'upstream body interrupted');
    }
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

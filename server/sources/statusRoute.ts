// Is a source up? Asked on behalf of the home page, without naming anyone: a search for a
// StudyInstanceUID that cannot exist (2.25.0 is the UUID-derived UID of the nil UUID, which no
// device assigns), limit 1. Every DICOMweb source answers it — an empty list — through the
// same connection, credentials and URL quirks as real searches, and nothing of a patient is
// read, sent or traced. The earlier probe searched a demo patient's studies and wrote lines
// in that patient's access trace each time a professional opened the home page.
import type { FastifyInstance, onRequestHookHandler } from 'fastify';
import { GatewayError, sendError } from '../errors';
import type { UpstreamClient } from '../dicomweb/upstreamClient';
import { upstreamTimeout } from '../dicomweb/upstreamClient';
import { searchUpstream } from '../dicomweb/upstreamSearch';

export const PROBE_STUDY_UID = '2.25.0';

/** A probe is a glance: a source slower than this is said not to answer in time. */
export const PROBE_MAX_MS = 5_000;

/** An empty answer is a few bytes; anything large is not an answer to this search. */
const PROBE_MAX_BYTES = 64 * 1024;

export interface SourceStatusAnswer {
  id: string;
  state: 'online';
}

export interface SourceStatusRouteOptions {
  authenticate: onRequestHookHandler;
  upstreams: ReadonlyMap<string, UpstreamClient>;
}

/**
 * One probe per source at a time: a hundred professionals opening the home page together
 * cost each source one search, not a hundred.
 */
function singleFlight(probe: (upstream: UpstreamClient) => Promise<void>) {
  const running = new Map<string, Promise<void>>();
  return (upstream: UpstreamClient): Promise<void> => {
    const id = upstream.source.id;
    let run = running.get(id);
    if (!run) {
      run = probe(upstream).finally(() => running.delete(id));
      running.set(id, run);
    }
    return run;
  };
}

async function probeSource(upstream: UpstreamClient): Promise<void> {
  const bound = Math.min(upstream.source.timeoutMs, PROBE_MAX_MS);
  const signal = AbortSignal.timeout(bound);
  try {
    await searchUpstream(upstream, 'studies', new Map([['StudyInstanceUID', [PROBE_STUDY_UID]]]), {
      maxBytes: PROBE_MAX_BYTES,
      limit: 1,
      signal,
    });
  } catch (err) {
    // Our own bound ran out: the source is slow, not broken.
    if (signal.aborted) throw upstreamTimeout(upstream.source);
    throw err;
  }
}

export async function sourceStatusRoutes(
  app: FastifyInstance,
  opts: SourceStatusRouteOptions,
): Promise<void> {
  const probe = singleFlight(probeSource);
  app.get<{ Params: { id: string } }>(
    '/api/sources/:id/status',
    { onRequest: opts.authenticate },
    async (request, reply) => {
      const upstream = opts.upstreams.get(request.params.id);
      if (!upstream) {
        return sendError(
          reply,
          new GatewayError(404, 'unknown_source', 'Source d’images inconnue dans cette région.'),
        );
      }
      try {
        await probe(upstream);
      } catch (err) {
        if (err instanceof GatewayError) return sendError(reply, err);
        throw err;
      }
      const answer: SourceStatusAnswer = { id: upstream.source.id, state: 'online' };
      return reply.header('cache-control', 'no-store').send(answer);
    },
  );
}

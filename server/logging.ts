// What the gateway writes to its log. URLs and query strings carry PatientID/INS, names
// and dates of birth; headers carry tokens: only the route pattern, the source and the
// outcome are logged.
import type { FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import pino from 'pino';

/** Lines are written when this many bytes wait, or at the latest after FLUSH_MS. */
const BATCH_BYTES = 8192;
const FLUSH_MS = 1000;

interface LoggedRequest {
  method: string;
  route: string;
}

/** The request as logs see it: the route *pattern*, never the concrete URL. */
export function serializeRequest(request: FastifyRequest): LoggedRequest {
  return { method: request.method, route: request.routeOptions?.url ?? '(aucune route)' };
}

export function serializeReply(reply: FastifyReply): { status: number } {
  return { status: reply.statusCode };
}

/** Errors keep their type and code; their message may quote an upstream URL, so it goes. */
export function serializeError(err: Error & { code?: unknown; statusCode?: unknown }): object {
  return { type: err.name, code: err.code, statusCode: err.statusCode };
}

/**
 * Standard output, written in batches: one write per answered request was 3 % of the
 * gateway's CPU under load. A line waits at most FLUSH_MS; pino writes what is left when the
 * process exits, and a `kill -9` loses at most that last second of lines (the access trace
 * is in the database, not here).
 */
function batchedStdout(): pino.DestinationStream {
  const out = pino.destination({ dest: 1, sync: false, minLength: BATCH_BYTES });
  setInterval(() => {
    try {
      out.flush();
    } catch {
      // Standard output closed under us (the launcher went away): nothing left to do.
    }
  }, FLUSH_MS).unref();
  return out;
}

export function loggerOptions(enabled: boolean): FastifyServerOptions['logger'] {
  if (!enabled) return false;
  return {
    stream: batchedStdout(),
    level: process.env.LOG_LEVEL ?? 'info',
    serializers: {
      req: serializeRequest as never,
      res: serializeReply as never,
      err: serializeError as never,
    },
  };
}

/** The one line per answered request. */
export function accessLogEntry(request: FastifyRequest, reply: FastifyReply): object {
  const params = request.params as { sourceId?: unknown } | undefined;
  return {
    ...serializeRequest(request),
    ...(typeof params?.sourceId === 'string' ? { source: params.sourceId } : {}),
    status: reply.statusCode,
    ms: Math.round(reply.elapsedTime),
  };
}

// Counts and times every request from Fastify's own hooks: onResponse once the last byte has
// gone (Fastify's reply.elapsedTime runs from routing), onRequestAbort when the client left
// first — a viewer drops the frames it scrolled past, and those must not vanish from the
// counts. Labels come from the matched route (routeFamily.ts), never from the raw URL.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { GatewayMetrics } from './gatewayMetrics';
import { routeFamily, routeSource } from './routeFamily';

type Params = Readonly<Record<string, string | undefined>>;

function labelsOf(request: FastifyRequest, status: number) {
  const url = request.routeOptions.url;
  const params = (request.params ?? {}) as Params;
  return {
    family: routeFamily(url, params['*'], status),
    source: routeSource(url, params),
  };
}

/** On the root instance, before any route: the hooks then see every route of the gateway. */
export function registerRequestMetrics(app: FastifyInstance, metrics: GatewayMetrics): void {
  // Callback hooks: nothing here waits, and an async hook costs a promise per request.
  app.addHook('onResponse', (request, reply, done) => {
    const status = reply.statusCode;
    const { family, source } = labelsOf(request, status);
    metrics.request(family, source, status, reply.elapsedTime / 1000);
    done();
  });
  app.addHook('onRequestAbort', (request, done) => {
    // 499, nginx's "client closed request": an unmatched URL given up is not the SPA's.
    const { family, source } = labelsOf(request, 499);
    metrics.requestAborted(family, source);
    done();
  });
}

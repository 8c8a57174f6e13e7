// The gateway's metrics as one call in buildGateway: without `gateway.metricsPort` nothing at
// all (NO_METRICS: no registry, no hooks); with it, the request hooks now and the loopback
// /metrics server once the gateway is ready, closed with it.
import type { FastifyInstance } from 'fastify';
import type { RegionConfig } from '../config/schema';
import { createGatewayMetrics, NO_METRICS, type GatewayMetrics } from './gatewayMetrics';
import { METRICS_HOST, startMetricsServer, type MetricsServer } from './metricsServer';
import { registerRequestMetrics } from './requestMetrics';

export async function registerMetrics(
  app: FastifyInstance,
  config: RegionConfig,
): Promise<GatewayMetrics> {
  const port = config.gateway?.metricsPort;
  if (port === undefined) return NO_METRICS;
  const { metrics, registry } = createGatewayMetrics({
    sourceIds: config.sources.map((s) => s.id),
  });
  registerRequestMetrics(app, metrics);
  let server: MetricsServer | null = null;
  // On ready rather than here: a taken port then fails listen() (main.ts says so and stops),
  // and a gateway built but never made ready opens nothing.
  app.addHook('onReady', async () => {
    try {
      server = await startMetricsServer(registry, port);
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      throw new Error(
        `Port des métriques (gateway.metricsPort) ${port} indisponible sur ${METRICS_HOST}${typeof code === 'string' ? ` (${code})` : ''}.`,
        { cause: err },
      );
    }
  });
  app.addHook('onClose', async () => {
    await server?.close();
  });
  return metrics;
}

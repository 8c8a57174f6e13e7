// /metrics on a port of its own, on loopback only: the scraper runs beside the gateway (or
// reaches it through the machine's own agent), and nothing of it is ever on the gateway's
// public port, behind the balancer or the IdP's token check.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

export const METRICS_HOST = '127.0.0.1';
export const METRICS_PATH = '/metrics';

export interface MetricsServer {
  port: number;
  close(): Promise<void>;
}

function answer(registry: Registry, req: http.IncomingMessage, res: http.ServerResponse): void {
  const pathname = (req.url ?? '').split('?')[0];
  if (pathname !== METRICS_PATH || (req.method !== 'GET' && req.method !== 'HEAD')) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
    return;
  }
  registry.metrics().then(
    (text) => {
      res.writeHead(200, {
        'content-type': registry.contentType,
        'cache-control': 'no-store',
        'content-length': Buffer.byteLength(text),
      });
      res.end(req.method === 'HEAD' ? undefined : text);
    },
    () => {
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('Metrics failed\n');
    },
  );
}

/** Listens on 127.0.0.1:`port` (0: any free port); rejects if the port is taken. */
export async function startMetricsServer(registry: Registry, port: number): Promise<MetricsServer> {
  const server = http.createServer((req, res) => answer(registry, req, res));
  // A scrape is a few kilobytes: a slow or stuck client is not kept waiting on.
  server.requestTimeout = 10_000;
  server.headersTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, METRICS_HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        // A scraper keeps its connection alive between scrapes: it must not hold the close.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// A loopback-only control API so tests can take one source down and bring it back while
// the launcher keeps ownership of every process (no orphans).
import http from 'node:http';
import { isSourceFault, type SourceFault } from './sourceFaults';

export interface ControlHandlers {
  port: number;
  knows(id: string): boolean;
  stopSource(id: string): Promise<void>;
  startSource(id: string): Promise<void>;
  /** Delays every request to the source by `ms` (the delaying proxy in front of it). */
  setSourceDelay?(id: string, ms: number): void;
  /** The source's link in kilobits per second (0: none), for benchmarks of a far site. */
  setSourceBandwidth?(id: string, kbps: number): void;
  /** Makes the source misbehave (sourceFaults.ts) until set back to `none`. */
  setSourceFault?(id: string, fault: SourceFault): void;
  /** Region profile: gateways 0…gatewayCount-1 behind the balancer. */
  gatewayCount?: number;
  /** SIGKILL, answered once the process is gone. */
  killGateway?(i: number): Promise<void>;
  /** Answered once the gateway answers /healthz again. */
  startGateway?(i: number): Promise<void>;
  /** Region profile with its cache: stop the cache nginx, empty its folder, start it again. */
  clearCache?(): Promise<void>;
}

export async function startControlApi(h: ControlHandlers): Promise<{ close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const delay = /^\/sources\/([a-z0-9-]+)\/delay\/([0-9]{1,6})$/.exec(req.url ?? '');
    if (req.method === 'POST' && delay && h.setSourceDelay) {
      const [, id = '', ms = '0'] = delay;
      if (!h.knows(id)) {
        res.writeHead(404).end(`unknown source ${id}`);
        return;
      }
      try {
        h.setSourceDelay(id, Number(ms));
        res.writeHead(204).end();
      } catch (err) {
        res.writeHead(400).end(String(err));
      }
      return;
    }
    const bandwidth = /^\/sources\/([a-z0-9-]+)\/bandwidth\/([0-9]{1,8})$/.exec(req.url ?? '');
    if (req.method === 'POST' && bandwidth && h.setSourceBandwidth) {
      const [, id = '', kbps = '0'] = bandwidth;
      if (!h.knows(id)) {
        res.writeHead(404).end(`unknown source ${id}`);
        return;
      }
      try {
        h.setSourceBandwidth(id, Number(kbps));
        res.writeHead(204).end();
      } catch (err) {
        res.writeHead(400).end(String(err));
      }
      return;
    }
    const fault = /^\/sources\/([a-z0-9-]+)\/fault\/([a-z-]+)$/.exec(req.url ?? '');
    if (req.method === 'POST' && fault && h.setSourceFault) {
      const [, id = '', name = ''] = fault;
      if (!h.knows(id) || !isSourceFault(name)) {
        res.writeHead(404).end(`unknown source ${id} or fault ${name}`);
        return;
      }
      h.setSourceFault(id, name);
      res.writeHead(204).end();
      return;
    }
    if (req.method === 'POST' && req.url === '/cache/clear' && h.clearCache) {
      h.clearCache().then(
        () => res.writeHead(204).end(),
        (err: unknown) => res.writeHead(500).end(String(err)),
      );
      return;
    }
    const gateway = /^\/gateways\/([0-9]{1,2})\/(kill|start)$/.exec(req.url ?? '');
    if (req.method === 'POST' && gateway && h.killGateway && h.startGateway) {
      const i = Number(gateway[1]);
      if (i >= (h.gatewayCount ?? 0)) {
        res.writeHead(404).end(`unknown gateway ${i}`);
        return;
      }
      (gateway[2] === 'kill' ? h.killGateway(i) : h.startGateway(i)).then(
        () => res.writeHead(204).end(),
        (err: unknown) => res.writeHead(500).end(String(err)),
      );
      return;
    }
    const match = /^\/sources\/([a-z0-9-]+)\/(stop|start)$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !match) {
      res.writeHead(404).end();
      return;
    }
    const [, id = '', action] = match;
    if (!h.knows(id)) {
      res.writeHead(404).end(`unknown source ${id}`);
      return;
    }
    (action === 'stop' ? h.stopSource(id) : h.startSource(id)).then(
      () => res.writeHead(204).end(),
      (err: unknown) => res.writeHead(500).end(String(err)),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(h.port, '127.0.0.1', resolve);
  });
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

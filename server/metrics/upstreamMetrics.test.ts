// What the UpstreamClient counts, against a real HTTP source scripted per test.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Registry } from 'prom-client';
import { UpstreamClient } from '../dicomweb/upstreamClient';
import { testSource } from '../testing/testConfig';
import { createGatewayMetrics, type GatewayMetrics } from './gatewayMetrics';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

let handler: Handler;
let server: http.Server;
let base: string;
let metrics: GatewayMetrics;
let registry: Registry;
let client: UpstreamClient;

beforeAll(async () => {
  server = http.createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/dicom-web`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(async () => {
  await client?.close();
  ({ metrics, registry } = createGatewayMetrics({ sourceIds: ['a'], processMetrics: false }));
  client = new UpstreamClient(testSource('a', base, { timeoutMs: 300 }), undefined, metrics);
});

async function count(name: string, labels: string): Promise<number> {
  const line = (await registry.metrics())
    .split('\n')
    .find((l) => l.startsWith(`${name}{${labels}} `));
  return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(' ') + 1));
}

const errors = (kind: string) =>
  count('drim_gateway_upstream_errors_total', `source="a",kind="${kind}"`);

const send = () => client.send({ method: 'GET', path: 'studies', query: '' });

describe('upstream answers', () => {
  it('counts answers by the shared cache’s X-Cache-Status, `none` without it', async () => {
    let verdict: string | undefined = 'HIT';
    handler = (_req, res) => {
      res.writeHead(200, {
        'content-type': 'application/dicom+json',
        ...(verdict ? { 'x-cache-status': verdict } : {}),
      });
      res.end('[]');
    };
    await (await send()).body.dump();
    await (await send()).body.dump();
    verdict = 'MISS';
    await (await send()).body.dump();
    verdict = undefined;
    await (await send()).body.dump();
    const answers = (cache: string) =>
      count(
        'drim_gateway_upstream_responses_total',
        `source="a",status_class="2xx",cache_status="${cache}"`,
      );
    expect(await answers('HIT')).toBe(2);
    expect(await answers('MISS')).toBe(1);
    expect(await answers('none')).toBe(1);
    expect(await count('drim_gateway_upstream_response_seconds_count', 'source="a"')).toBe(4);
  });

  it('counts a 5xx and a refusal of the gateway’s credentials as bad status, not a 404', async () => {
    let status = 503;
    handler = (_req, res) => res.writeHead(status).end();
    await (await send()).body.dump();
    status = 403;
    await (await send()).body.dump();
    status = 404;
    await (await send()).body.dump();
    expect(await errors('bad_status')).toBe(2);
  });
});

describe('upstream errors', () => {
  it('tells a refused connection, a timeout and a cut answer apart', async () => {
    const down = new UpstreamClient(
      testSource('a', 'http://127.0.0.1:1/dicom-web'),
      undefined,
      metrics,
    );
    await expect(down.send({ method: 'GET', path: 'studies', query: '' })).rejects.toMatchObject({
      code: 'upstream_unreachable',
    });
    await down.close();
    expect(await errors('refused')).toBe(1);

    // Headers never come (timeoutMs 300).
    handler = () => undefined;
    await expect(send()).rejects.toMatchObject({ code: 'upstream_timeout' });
    expect(await errors('timeout')).toBe(1);

    // Half a frame, then the source's socket is gone.
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': '1000' });
      res.write(Buffer.alloc(10));
      setImmediate(() => res.socket?.destroy());
    };
    const res = await send();
    await expect(res.body.arrayBuffer()).rejects.toThrow();
    await expect.poll(() => errors('reset')).toBe(1);
  });

  it('tells a malformed JSON answer from one too large', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/dicom+json' });
      res.end('{"not": "an array"}');
    };
    await expect(client.readDatasets(await send(), () => undefined)).rejects.toMatchObject({
      code: 'upstream_invalid',
    });
    expect(await errors('malformed')).toBe(1);

    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/dicom+json' });
      res.end(`[${'{},'.repeat(1000)}{}]`);
    };
    await expect(
      client.readDatasets(await send(), () => undefined, { maxBytes: 100 }),
    ).rejects.toMatchObject({ code: 'upstream_invalid' });
    expect(await errors('too_large')).toBe(1);
    expect(await errors('malformed')).toBe(1);
  });

  it('does not count an exchange the browser gave up', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.write(Buffer.alloc(10));
    };
    const gaveUp = new AbortController();
    const res = await client.send({
      method: 'GET',
      path: 'studies',
      query: '',
      signal: gaveUp.signal,
    });
    const reading = res.body.arrayBuffer();
    gaveUp.abort();
    await expect(reading).rejects.toThrow();
    for (const kind of ['timeout', 'refused', 'reset', 'unreachable', 'other']) {
      expect(await errors(kind), kind).toBe(0);
    }
  });
});

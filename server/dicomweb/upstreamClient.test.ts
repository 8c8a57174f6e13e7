import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { testSource } from '../testing/testConfig';
import { UpstreamClient } from './upstreamClient';

/** A source that, like Orthanc, announces a one-second idle timeout, and counts its connections. */
async function orthancLikeSource(): Promise<{
  base: string;
  connections: () => number;
  close: () => Promise<void>;
}> {
  let connections = 0;
  const server = http.createServer((_req, res) => {
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      connection: 'keep-alive',
      'keep-alive': 'timeout=1',
    });
    res.end(Buffer.alloc(1024));
  });
  server.keepAliveTimeout = 1000;
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}/dicom-web`,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

describe('UpstreamClient', () => {
  it('reuses its connection for back-to-back frames from a source with a 1 s keep-alive', async () => {
    const source = await orthancLikeSource();
    const client = new UpstreamClient(testSource('a', source.base));
    cleanups.push(source.close, () => client.close());

    for (let i = 0; i < 10; i++) {
      const res = await client.send({
        method: 'GET',
        path: `studies/1/series/2/instances/${i}/frames/1`,
        query: '',
      });
      expect(res.statusCode).toBe(200);
      expect((await res.body.arrayBuffer()).byteLength).toBe(1024);
    }
    // Connections are reused, not one opened per frame (undici may open a second one while
    // the first is still being released).
    expect(source.connections()).toBeLessThanOrEqual(2);
  });
});

describe('UpstreamClient deadline', () => {
  it('ends an answer trickling a byte at a time with 504, though it is never idle', async () => {
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/dicom+json' });
      res.write('[');
      const timer = setInterval(() => res.write(' '), 100);
      res.once('close', () => clearInterval(timer));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const client = new UpstreamClient(
      testSource('slow', `http://127.0.0.1:${port}/dicom-web`, { deadlineMs: 1000 }),
    );
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
      () => client.close(),
    );
    const started = Date.now();
    const res = await client.send({ method: 'GET', path: 'studies', query: '' });
    await expect(client.readDatasets(res, () => undefined)).rejects.toEqual(
      expect.objectContaining({ status: 504, code: 'upstream_timeout' }),
    );
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

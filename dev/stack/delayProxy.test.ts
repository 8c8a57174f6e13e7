import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startDelayProxy, type DelayProxy } from './delayProxy';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.();
});

async function echoServer(): Promise<string> {
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ host: req.headers.host, url: req.url, method: req.method }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(() => new Promise((r) => server.close(() => r())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function freePort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function proxyTo(target: string): Promise<DelayProxy> {
  const proxy = await startDelayProxy({ listenPort: await freePort(), target });
  closers.push(() => proxy.close());
  return proxy;
}

describe('delaying proxy', () => {
  it('forwards path, query and the Host header unchanged', async () => {
    const proxy = await proxyTo(await echoServer());
    const res = await fetch(`${proxy.url}/dicom-web/studies?PatientID=1^2`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { host: string; url: string };
    expect(body.host).toBe(new URL(proxy.url).host);
    expect(body.url).toBe('/dicom-web/studies?PatientID=1^2');
  });

  it('holds each request for the delay it was given, then none again at 0', async () => {
    const proxy = await proxyTo(await echoServer());
    proxy.setDelay(200);
    const t0 = performance.now();
    expect((await fetch(`${proxy.url}/x`)).status).toBe(200);
    // A lower bound only: the delay must have been spent (timers may run a hair early).
    expect(performance.now() - t0).toBeGreaterThanOrEqual(190);
    proxy.setDelay(0);
    expect(proxy.delayMs).toBe(0);
  });

  it('drops the connection when the source behind is down, as a dead source would', async () => {
    const proxy = await proxyTo(`http://127.0.0.1:${await freePort()}`);
    await expect(fetch(`${proxy.url}/x`)).rejects.toThrow();
  });

  it('refuses a nonsense delay', async () => {
    const proxy = await proxyTo(await echoServer());
    expect(() => proxy.setDelay(-1)).toThrow(RangeError);
    expect(() => proxy.setDelay(1.5)).toThrow(RangeError);
  });
});

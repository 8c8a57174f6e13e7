import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SharedLink, startDelayProxy, type DelayProxy } from './delayProxy';
import { HUGE_JSON_BYTES } from './sourceFaults';

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

describe('source faults', () => {
  it('drops the patient keys of a search as a source that ignores them would', async () => {
    const proxy = await proxyTo(await echoServer());
    proxy.setFault('ignores-patient-filter');
    const search = await fetch(
      `${proxy.url}/dicom-web/studies?PatientID=1&IssuerOfPatientID=1.2&includefield=00100021`,
    );
    expect(((await search.json()) as { url: string }).url).toBe(
      '/dicom-web/studies?includefield=00100021',
    );
    // A retrieve is not a search: it goes as it came.
    const retrieve = await fetch(`${proxy.url}/dicom-web/studies/1.2/metadata?PatientID=1`);
    expect(((await retrieve.json()) as { url: string }).url).toBe(
      '/dicom-web/studies/1.2/metadata?PatientID=1',
    );
  });

  it('answers a search with 60 MB of well-formed DICOM JSON, or JSON nested too deep', async () => {
    const proxy = await proxyTo(await echoServer());
    proxy.setFault('huge-json');
    const huge = await fetch(`${proxy.url}/dicom-web/studies?PatientID=1`);
    const rows = (await huge.json()) as unknown[];
    expect(rows.length).toBeGreaterThan(1000);
    expect(Number(huge.headers.get('content-length'))).toBeGreaterThanOrEqual(HUGE_JSON_BYTES);
    proxy.setFault('deep-json');
    const deep = await (await fetch(`${proxy.url}/dicom-web/studies/1.2/series`)).text();
    expect(deep.startsWith('[[[[')).toBe(true);
    proxy.setFault('none');
    expect((await fetch(`${proxy.url}/dicom-web/studies?PatientID=1`)).status).toBe(200);
  });

  it('trickles: the answer starts at once and goes on a byte at a time', async () => {
    const proxy = await proxyTo(await echoServer());
    proxy.setFault('trickle');
    const res = await fetch(`${proxy.url}/dicom-web/studies?PatientID=1`);
    expect(res.headers.get('content-type')).toBe('application/dicom+json');
    const reader = res.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('[');
    await reader.cancel();
  });
});

describe('a site’s shared link', () => {
  it('lets each chunk leave once the bytes before it have, at its rate', () => {
    let now = 0;
    const link = new SharedLink(() => now);
    link.kbps = 8_000; // 1 000 bytes per millisecond
    expect(link.holdFor(10_000)).toBe(10);
    // A second answer at the same instant waits behind the first.
    expect(link.holdFor(5_000)).toBe(15);
    now = 100;
    // Idle since: no backlog.
    expect(link.holdFor(1_000)).toBe(1);
    link.kbps = 0;
    expect(link.holdFor(1_000_000)).toBe(0);
  });
});

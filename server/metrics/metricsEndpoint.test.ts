// A whole gateway with `metricsPort`, in front of a scripted source: real requests through its
// public port, then a scrape of its loopback metrics port over HTTP.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGateway } from '../app';
import { startFakeIdp, type FakeIdp } from '../testing/fakeIdp';
import { startFakeUpstream, type FakeUpstream } from '../testing/fakeUpstream';
import { testConfig, testSource } from '../testing/testConfig';

const ST = '1.2.826.0.1.3680043.8.498.77';
const SE = `${ST}.1`;
const IN = `${ST}.1.1`;
const STALLED = `${ST}.1.2`;
const INS = '258037512345653';
const OID = '1.2.250.1.213.1.4.10';
const RPPS = '99900012345';

let idp: FakeIdp;
let up: FakeUpstream;
let app: FastifyInstance;
let gateway: string;
let metricsUrl: string;
let token: string;

async function freePort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

const patient = {
  '00100020': { vr: 'LO', Value: [INS] },
  '00100021': { vr: 'LO', Value: [OID] },
};
const instance = {
  ...patient,
  '0020000D': { vr: 'UI', Value: [ST] },
  '0020000E': { vr: 'UI', Value: [SE] },
  '00080018': { vr: 'UI', Value: [IN] },
};

beforeAll(async () => {
  idp = await startFakeIdp();
  up = await startFakeUpstream();
  up.handle((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname.replace('/dicom-web/', '');
    const json = (body: unknown, cache?: string) =>
      res
        .writeHead(200, {
          'content-type': 'application/dicom+json',
          ...(cache ? { 'x-cache-status': cache } : {}),
        })
        .end(JSON.stringify(body));
    if (path === 'studies')
      return json([{ ...patient, '0020000D': { vr: 'UI', Value: [ST] } }], 'HIT');
    // The cache's check that the series still holds as many instances.
    if (path === `studies/${ST}/series`) {
      return json([
        { '0020000E': { vr: 'UI', Value: [SE] }, '00201209': { vr: 'IS', Value: [1] } },
      ]);
    }
    if (path === `studies/${ST}/series/${SE}/metadata`) return json([instance], 'MISS');
    if (path.endsWith(`${IN}/frames/1`)) {
      res.writeHead(200, {
        'content-type': 'multipart/related; type="application/octet-stream"',
        'x-cache-status': 'MISS',
      });
      return res.end('frame');
    }
    if (path.endsWith(`${STALLED}/frames/1`)) {
      // Starts a frame and never finishes it: the browser gives up first.
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      return res.write(Buffer.alloc(64 * 1024));
    }
    json([]);
  });
  const metricsPort = await freePort();
  const config = {
    ...testConfig(idp.issuer, [
      testSource('drimbox-a', up.base),
      testSource('archive', up.base, { kind: 'regional' }),
      testSource('down', 'http://127.0.0.1:1/dicom-web'),
    ]),
    gateway: { trustProxy: false, metricsPort },
  };
  app = await buildGateway({ config });
  gateway = await app.listen({ port: 0, host: '127.0.0.1' });
  metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
  token = await idp.sign({ sub: 'pro-1', role: 'professional', rpps: RPPS, finess: '549999991' });
});

afterAll(async () => {
  await app?.close();
  await up.close();
  await idp.close();
});

const get = (path: string) =>
  fetch(`${gateway}${path}`, { headers: { authorization: `Bearer ${token}` } });

async function scrape(): Promise<string> {
  const res = await fetch(metricsUrl);
  expect(res.status).toBe(200);
  return res.text();
}

function value(text: string, name: string, labels: string): number {
  const head = labels === '' ? `${name} ` : `${name}{${labels}} `;
  const line = text.split('\n').find((l) => l.startsWith(head));
  return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(' ') + 1));
}

const requests = (text: string, family: string, source: string, status: string) =>
  value(
    text,
    'drim_gateway_requests_total',
    `route_family="${family}",source="${source}",status_class="${status}"`,
  );

describe('/metrics', () => {
  it('counts what the gateway served, and names no patient, study or user', async () => {
    const search = `/dicomweb/drimbox-a/studies?PatientID=${INS}&IssuerOfPatientID=${OID}`;
    expect((await get(search)).status).toBe(200);
    const frame = await get(
      `/dicomweb/drimbox-a/studies/${ST}/series/${SE}/instances/${IN}/frames/1`,
    );
    expect(frame.status).toBe(200);
    await frame.arrayBuffer();
    const metadata = `/dicomweb/drimbox-a/studies/${ST}/series/${SE}/metadata`;
    expect((await get(metadata)).headers.get('x-drim-cache')).toBeNull();
    expect((await get(metadata)).headers.get('x-drim-cache')).toBe('hit');
    const refused = await get(
      `/dicomweb/archive/studies?PatientID=${INS}&IssuerOfPatientID=${OID}`,
    );
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('consent_required');
    expect(
      (await get(`/dicomweb/down/studies?PatientID=${INS}&IssuerOfPatientID=${OID}`)).status,
    ).toBe(502);
    expect((await get(`/dicomweb/${ST}/studies`)).status).toBe(404);
    expect((await fetch(`${gateway}/config.json`)).status).toBe(200);

    const text = await scrape();
    expect(requests(text, 'dicomweb-qido', 'drimbox-a', '2xx')).toBe(1);
    expect(requests(text, 'dicomweb-frames', 'drimbox-a', '2xx')).toBe(1);
    expect(requests(text, 'dicomweb-metadata', 'drimbox-a', '2xx')).toBe(2);
    expect(requests(text, 'dicomweb-qido', 'archive', '4xx')).toBe(1);
    expect(requests(text, 'dicomweb-qido', 'down', '5xx')).toBe(1);
    // A source id the region does not have is not repeated back.
    expect(requests(text, 'dicomweb-qido', 'unknown', '4xx')).toBe(1);
    expect(requests(text, 'config', 'none', '2xx')).toBe(1);
    expect(
      value(
        text,
        'drim_gateway_request_duration_seconds_count',
        'route_family="dicomweb-frames",source="drimbox-a",status_class="2xx"',
      ),
    ).toBe(1);
    expect(value(text, 'drim_gateway_consent_refusals_total', 'code="consent_required"')).toBe(1);
    expect(value(text, 'drim_gateway_upstream_errors_total', 'source="down",kind="refused"')).toBe(
      1,
    );
    expect(value(text, 'drim_gateway_metadata_cache_lookups_total', 'outcome="miss"')).toBe(1);
    expect(value(text, 'drim_gateway_metadata_cache_lookups_total', 'outcome="hit"')).toBe(1);
    expect(text).toMatch(/^drim_gateway_metadata_cache_bytes [1-9][0-9]*$/m);
    const answers = (cache: string) =>
      value(
        text,
        'drim_gateway_upstream_responses_total',
        `source="drimbox-a",status_class="2xx",cache_status="${cache}"`,
      );
    expect(answers('HIT')).toBe(1);
    // The frame and the first metadata; the hit's count check went without the header.
    expect(answers('MISS')).toBe(2);
    expect(answers('none')).toBe(1);
    expect(text).toContain('process_resident_memory_bytes');
    // Every read above but the unknown source's was traced; the trail reports its commits.
    await expect
      .poll(async () => value(await scrape(), 'drim_gateway_trace_records_written_total', ''))
      .toBe(6);

    for (const secret of [ST, SE, IN, INS, OID, RPPS, 'pro-1', 'PatientID', token]) {
      expect(text).not.toContain(secret);
    }
  });

  it('counts a frame the browser gave up before its end', async () => {
    const aborted = () =>
      scrape().then((text) =>
        value(
          text,
          'drim_gateway_requests_aborted_total',
          'route_family="dicomweb-frames",source="drimbox-a"',
        ),
      );
    const before = await aborted();
    const giveUp = new AbortController();
    const res = await fetch(
      `${gateway}/dicomweb/drimbox-a/studies/${ST}/series/${SE}/instances/${STALLED}/frames/1`,
      { headers: { authorization: `Bearer ${token}` }, signal: giveUp.signal },
    );
    expect(res.status).toBe(200);
    await res.body?.getReader().read();
    giveUp.abort();
    await expect.poll(aborted).toBe(before + 1);
  });

  it('answers only GET /metrics, as Prometheus text, and not on the public port', async () => {
    const res = await fetch(metricsUrl);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect((await fetch(metricsUrl.replace('/metrics', '/'))).status).toBe(404);
    expect((await fetch(`${metricsUrl}/x`)).status).toBe(404);
    expect((await fetch(metricsUrl, { method: 'POST' })).status).toBe(404);
    const onPublic = await fetch(`${gateway}/metrics`);
    expect(onPublic.status).toBe(404);
    expect(await onPublic.text()).not.toContain('drim_gateway_');
  });

  it('opens with the gateway, refuses a taken port, and closes with it', async () => {
    const port = await freePort();
    const build = () =>
      buildGateway({
        config: {
          ...testConfig(idp.issuer, [testSource('drimbox-a', up.base)]),
          gateway: { trustProxy: false, metricsPort: port },
        },
      });
    const other = await build();
    await other.ready();
    const url = `http://127.0.0.1:${port}/metrics`;
    expect((await fetch(url)).status).toBe(200);
    const clash = await build();
    await expect(clash.ready()).rejects.toThrow(
      `Port des métriques (gateway.metricsPort) ${port} indisponible sur 127.0.0.1 (EADDRINUSE).`,
    );
    await clash.close().catch(() => undefined);
    await other.close();
    await expect(fetch(url)).rejects.toThrow();
  });
});

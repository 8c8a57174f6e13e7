import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { generateKeyPair, SignJWT } from 'jose';
import { buildGateway } from './app';
import { forbidden } from './errors';
import { signWith, startFakeIdp, type FakeIdp } from './testing/fakeIdp';
import { startFakeUpstream, type FakeUpstream } from './testing/fakeUpstream';
import { testConfig, testSource } from './testing/testConfig';

const ST = '1.2.826.0.1.3680043.8.498.1';
const SE = `${ST}.1`;
const IN = `${ST}.1.1`;
const INS = '258037512345653';
const OID = '1.2.250.1.213.1.4.10';

let idp: FakeIdp;
let up: FakeUpstream;
let app: FastifyInstance;
let staticDir: string;
let proToken: string;
let patientToken: string;

beforeAll(async () => {
  idp = await startFakeIdp();
  up = await startFakeUpstream();
  staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'drim-spa-'));
  fs.mkdirSync(path.join(staticDir, 'assets'));
  fs.writeFileSync(
    path.join(staticDir, 'index.html'),
    '<!doctype html><html><head><title>DRIM</title></head><body></body></html>',
  );
  fs.mkdirSync(path.join(staticDir, 'src', 'app'), { recursive: true });
  fs.writeFileSync(
    path.join(staticDir, 'src', 'app', 'silent-renew.html'),
    '<!doctype html><title>Silent</title>',
  );
  fs.writeFileSync(path.join(staticDir, 'assets', 'app-1234.js'), 'console.log(1)');
  fs.writeFileSync(
    path.join(staticDir, 'assets', 'app-1234.js.br'),
    zlib.brotliCompressSync('console.log(1)'),
  );
  const config = testConfig(idp.issuer, [
    testSource('drimbox-a', up.base, {
      upstream: { url: up.base, username: 'gw', password: 's3cret', headers: { 'X-Site': 'a' } },
    }),
    testSource('slow', up.base, { timeoutMs: 300 }),
    testSource('down', 'http://127.0.0.1:1/dicom-web'),
  ]);
  app = await buildGateway({ config, staticDir });
  proToken = await idp.sign({
    sub: 'pro-1',
    role: 'professional',
    rpps: '99900012345',
    finess: '549999991',
  });
  patientToken = await idp.sign({ sub: 'pat-1', role: 'patient', ins: INS, ins_oid: OID });
});

afterAll(async () => {
  await app.close();
  await up.close();
  await idp.close();
  fs.rmSync(staticDir, { recursive: true });
});

beforeEach(() => {
  up.seen.length = 0;
  up.handle((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/dicom+json' }).end('[]');
  });
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const get = (url: string, token: string | null = proToken, headers: Record<string, string> = {}) =>
  app.inject({ method: 'GET', url, headers: { ...(token ? bearer(token) : {}), ...headers } });

describe('public routes', () => {
  it('serves /healthz and a /config.json without upstream secrets', async () => {
    expect((await get('/healthz', null)).json()).toEqual({ status: 'ok' });
    const res = await get('/config.json', null);
    expect(res.statusCode).toBe(200);
    expect(res.json().sources.map((s: { id: string }) => s.id)).toEqual([
      'drimbox-a',
      'slow',
      'down',
    ]);
    expect(res.body).not.toMatch(/127\.0\.0\.1:\d+\/dicom-web|s3cret|decodesUrl/);
    // The IdP's browser endpoints, read by the gateway from its discovery document.
    expect(res.json().idp.endpoints).toEqual({
      authorization: `${idp.issuer}/auth`,
      token: `${idp.issuer}/token`,
    });
  });

  it('writes the same settings into index.html, for `/` and every client route', async () => {
    const settings = (await get('/config.json', null)).json();
    for (const url of ['/', '/etude/abc', '/patient']) {
      const page = await get(url, null);
      expect(page.statusCode).toBe(200);
      const inline = /<script type="application\/json" id="drim-config">(.*?)<\/script>/.exec(
        page.body,
      );
      expect(inline, url).not.toBeNull();
      expect(JSON.parse(inline![1]!)).toEqual(settings);
      expect(page.body.indexOf('drim-config')).toBeLessThan(page.body.indexOf('</head>'));
    }
  });

  it('serves the SPA with security headers, and index.html for client routes only', async () => {
    const page = await get('/etudes/patient/123', null);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<title>DRIM</title>');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain(`connect-src 'self' ${idp.issuer}`);
    expect(csp).toContain(`frame-src 'self' ${idp.issuer}`);
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).toContain("worker-src 'self' blob:");
    expect(csp).toContain("img-src 'self' data: blob:");
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect((await get('/', null)).body).toContain('<title>DRIM</title>');
    // The IdP's silent answer gets its small page, not the whole app.
    const silent = await get('/auth/silent?code=abc&state=def', null);
    expect(silent.statusCode).toBe(200);
    expect(silent.body).toContain('<title>Silent</title>');
    expect(silent.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    expect((await get('/auth/silent/more', null)).body).toContain('<title>DRIM</title>');
    expect((await get('/assets/app-1234.js', null)).headers['cache-control']).toContain(
      'immutable',
    );
    expect((await get('/assets/missing-9999.js', null)).statusCode).toBe(404);
    // The build's compressed copy to a browser that takes it; the file itself otherwise.
    const br = await app.inject({
      url: '/assets/app-1234.js',
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(br.headers['content-encoding']).toBe('br');
    expect(String(br.headers['vary'])).toMatch(/accept-encoding/i);
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe('console.log(1)');
    const plain = await app.inject({
      url: '/assets/app-1234.js',
      headers: { 'accept-encoding': 'identity' },
    });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe('console.log(1)');
    const api = await get('/api/nothing', null);
    expect(api.statusCode).toBe(401);
    const dicomweb = await get('/dicomweb', null);
    expect(dicomweb.statusCode).toBe(404);
    expect(dicomweb.json().error.code).toBe('not_allowed');
  });
});

describe('start-up', () => {
  it('starts without a built SPA and answers JSON 404s', async () => {
    const bare = await buildGateway({
      config: testConfig(idp.issuer, [testSource('a', up.base)]),
      staticDir: path.join(staticDir, 'not-built'),
    });
    const res = await bare.inject({ url: '/etudes' });
    expect(res.statusCode).toBe(404);
    await bare.close();
  });
});

describe('authentication', () => {
  it('asks for a token', async () => {
    const res = await get('/api/me', null);
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(res.json()).toEqual({ error: { code: 'unauthorized', message: 'Connexion requise.' } });
    expect((await get(`/dicomweb/drimbox-a/studies/${ST}`, null)).statusCode).toBe(401);
    expect(up.seen).toHaveLength(0);
  });

  it('tells an expired session apart from a foreign token', async () => {
    const expired = await idp.sign(
      { sub: 'x', role: 'professional', rpps: '1' },
      { expiresIn: Math.floor(Date.now() / 1000) - 120 },
    );
    const res = await get('/api/me', expired);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.message).toBe('Session expirée, reconnectez-vous.');

    const { privateKey } = await generateKeyPair('RS256');
    const foreign = await signWith(
      privateKey,
      'test-key',
      { sub: 'x', role: 'professional', rpps: '1' },
      {
        issuer: 'https://evil.example',
        audience: idp.audience,
        expiresIn: '5m',
      },
    );
    const wrongIssuer = await idp.sign(
      { sub: 'x', role: 'professional', rpps: '1' },
      { issuer: 'https://other.example' },
    );
    const hs256 = await new SignJWT({ sub: 'x', role: 'professional', rpps: '1' })
      .setProtectedHeader({ alg: 'HS256', kid: 'test-key' })
      .setIssuer(idp.issuer)
      .setAudience(idp.audience)
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('a-shared-secret-of-at-least-32-bytes!'));
    for (const token of [foreign, wrongIssuer, hs256, 'not.a.jwt']) {
      const r = await get('/api/me', token);
      expect(r.statusCode).toBe(401);
      expect(r.json().error.message).toBe('Jeton non reconnu.');
    }
  });

  it('refuses a token without a usable role (403)', async () => {
    const res = await get('/api/me', await idp.sign({ sub: 'x', role: 'admin' }));
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('forbidden');
  });

  it('describes the user at /api/me', async () => {
    expect((await get('/api/me')).json()).toEqual({
      role: 'professional',
      rpps: '99900012345',
      finess: '549999991',
    });
    expect((await get('/api/me', patientToken)).json()).toEqual({
      role: 'patient',
      ins: INS,
      insOid: OID,
    });
  });

  it('answers 503, not 401, while the IdP cannot be reached', async () => {
    const other = await buildGateway({
      config: testConfig(idp.issuer, [testSource('a', up.base)]),
    });
    idp.setDown(true);
    try {
      const res = await other.inject({ url: '/api/me', headers: bearer(proToken) });
      expect(res.statusCode).toBe(503);
      expect(res.json().error.code).toBe('idp_unreachable');
    } finally {
      idp.setDown(false);
    }
    expect((await other.inject({ url: '/api/me', headers: bearer(proToken) })).statusCode).toBe(
      200,
    );
    await other.close();
  });
});

describe('DICOMweb refusals never reach the source', () => {
  it.each(['DELETE', 'POST', 'PUT', 'PATCH', 'OPTIONS'] as const)('%s → 405', async (method) => {
    const res = await app.inject({
      method,
      url: `/dicomweb/drimbox-a/studies/${ST}`,
      headers: { ...bearer(proToken), 'content-type': 'application/dicom' },
      payload: method === 'OPTIONS' ? undefined : Buffer.from('DICM'),
    });
    expect(res.statusCode).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD');
    expect(res.json().error.code).toBe('not_allowed');
    expect(up.seen).toHaveLength(0);
  });

  it('refuses unknown sources', async () => {
    const res = await get('/dicomweb/pacs-secret/studies?PatientID=1');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('unknown_source');
  });

  it('refuses fishing searches', async () => {
    const res = await get('/dicomweb/drimbox-a/studies?ModalitiesInStudy=CT&StudyDate=20240101-');
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual({
      code: 'fishing_query',
      message:
        'Précisez un patient (INS ou identifiant), un examen ou un numéro d’accès : la recherche sur toute une source n’est pas permise.',
    });
    expect(up.seen).toHaveLength(0);
  });

  // Sent over a real socket: an HTTP client library would normalise `..` before sending.
  it.each([
    '/dicomweb/drimbox-a/instances/abc/file',
    '/dicomweb/drimbox-a/tools/find',
    '/dicomweb/drimbox-a/system',
    '/dicomweb/drimbox-a/../tools/find',
    '/dicomweb/drimbox-a/studies/../../tools/find',
    '/dicomweb/drimbox-a/studies/%2e%2e/%2e%2e/system',
    `/dicomweb/drimbox-a/studies/${ST}%2F..%2F..%2Fsystem`,
    `/dicomweb/drimbox-a/studies\\${ST}`,
    `/dicomweb/drimbox-a//studies/${ST}`,
    `/dicomweb/drimbox-a/studies//${ST}`,
    '/dicomweb/drimbox-a/patients',
  ])('%s → 404 not_allowed', async (rawPath) => {
    const address = await listening();
    const res = await rawGet(address, rawPath, proToken);
    expect(res.status).toBe(404);
    expect(JSON.parse(res.body).error.code).toBe('not_allowed');
    expect(up.seen).toHaveLength(0);
  });
});

describe('DICOMweb forwarding', () => {
  it('re-encodes the search for Orthanc and uses the source credentials only', async () => {
    const res = await get(
      '/dicomweb/drimbox-a/studies?PatientID=258037512345653&IssuerOfPatientID=1.2.250.1.213.1.4.10&PatientName=DE%20LA*&limit=9999',
    );
    expect(res.statusCode).toBe(200);
    expect(up.seen).toHaveLength(1);
    const seen = up.seen[0]!;
    // Besides what was asked, the patient attributes every answer is checked on.
    expect(seen.url).toBe(
      '/dicom-web/studies?PatientID=258037512345653&IssuerOfPatientID=1.2.250.1.213.1.4.10&PatientName=DE?LA*&includefield=00100020,00100021,00100024,00101002&limit=200',
    );
    expect(seen.headers.authorization).toBe(`Basic ${Buffer.from('gw:s3cret').toString('base64')}`);
    expect(seen.headers['x-site']).toBe('a');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('rewrites absolute URLs to the gateway, and sends the answer without padding', async () => {
    up.handle((_req, res, base) => {
      res.writeHead(200, { 'content-type': 'application/dicom+json' }).end(
        // Pretty-printed, as Orthanc writes it.
        JSON.stringify(
          [
            {
              '00081190': { vr: 'UR', Value: [`${base}/studies/${ST}`] },
              '7FE00010': {
                vr: 'OB',
                BulkDataURI: `${base}/studies/${ST}/series/${SE}/instances/${IN}/bulk/7fe00010`,
              },
            },
          ],
          null,
          '\t',
        ),
      );
    });
    const res = await get(`/dicomweb/drimbox-a/studies/${ST}/metadata`, proToken, {
      host: 'viewer.test:8443',
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/dicom+json');
    const body = res.json();
    expect(body[0]['00081190'].Value[0]).toBe(
      `http://viewer.test:8443/dicomweb/drimbox-a/studies/${ST}`,
    );
    expect(body[0]['7FE00010'].BulkDataURI).toBe(
      `http://viewer.test:8443/dicomweb/drimbox-a/studies/${ST}/series/${SE}/instances/${IN}/bulk/7fe00010`,
    );
    expect(res.body).not.toContain('127.0.0.1');
    expect(res.body).not.toMatch(/[\t\n]/);
  });

  it('ignores X-Forwarded-Host unless trustProxy is on', async () => {
    up.handle((_req, res, base) => {
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify([{ '00081190': { vr: 'UR', Value: [`${base}/studies/1`] } }]));
    });
    const url = (json: string) => JSON.parse(json)[0]['00081190'].Value;
    const headers = {
      host: 'internal:8080',
      'x-forwarded-host': 'viewer.example.fr',
      'x-forwarded-proto': 'https',
    };
    expect(
      url((await get(`/dicomweb/drimbox-a/studies/${ST}/metadata`, proToken, headers)).body),
    ).toEqual(['http://internal:8080/dicomweb/drimbox-a/studies/1']);
    const config = testConfig(idp.issuer, [testSource('drimbox-a', up.base)]);
    const proxied = await buildGateway({ config: { ...config, gateway: { trustProxy: true } } });
    const res = await proxied.inject({
      url: `/dicomweb/drimbox-a/studies/${ST}/metadata`,
      headers: { ...bearer(proToken), ...headers },
    });
    expect(url(res.body)).toEqual(['https://viewer.example.fr/dicomweb/drimbox-a/studies/1']);
    await proxied.close();
  });

  it('streams binary answers with their multipart type and forwards Accept and Range', async () => {
    const payload = Buffer.alloc(256 * 1024, 7);
    const type = 'multipart/related; type="application/octet-stream"; boundary=abc';
    up.handle((_req, res) => {
      res.writeHead(200, { 'content-type': type, 'content-length': payload.length }).end(payload);
    });
    const accept = 'multipart/related; type="application/octet-stream"; transfer-syntax=*';
    const res = await get(
      `/dicomweb/drimbox-a/studies/${ST}/series/${SE}/instances/${IN}/frames/1`,
      proToken,
      {
        accept,
        range: 'bytes=0-',
        cookie: 'session=x',
      },
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(type);
    expect(res.headers['content-length']).toBe(String(payload.length));
    expect(res.rawPayload.equals(payload)).toBe(true);
    const seen = up.seen[0]!;
    expect(seen.headers.accept).toBe(accept);
    expect(seen.headers.range).toBe('bytes=0-');
    expect(seen.headers.cookie).toBeUndefined();
    expect(seen.headers.authorization).not.toContain(proToken);
  });

  it('passes 204 through empty', async () => {
    up.handle((_req, res) => res.writeHead(204).end());
    const res = await get(`/dicomweb/drimbox-a/studies/${ST}/series`);
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
  });

  it('answers 504 when the source hangs', async () => {
    up.handle(() => undefined);
    const started = Date.now();
    const res = await get(`/dicomweb/slow/studies/${ST}/metadata`);
    expect(res.statusCode).toBe(504);
    expect(res.json().error.code).toBe('upstream_timeout');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('answers 502 on garbage JSON, on a source error and on a source that is down', async () => {
    up.handle((_req, res) =>
      res.writeHead(200, { 'content-type': 'application/dicom+json' }).end('<html>oops'),
    );
    const garbage = await get(`/dicomweb/drimbox-a/studies/${ST}/metadata`);
    expect(garbage.statusCode).toBe(502);
    expect(garbage.json().error).toEqual({
      code: 'upstream_invalid',
      message: 'Réponse invalide de la source.',
    });

    up.handle((_req, res) =>
      res.writeHead(500, { 'content-type': 'text/plain' }).end('stack trace at /var/lib/orthanc'),
    );
    const failed = await get(`/dicomweb/drimbox-a/studies/${ST}/metadata`);
    expect(failed.statusCode).toBe(502);
    expect(failed.json().error.code).toBe('upstream_error');
    expect(failed.body).not.toContain('orthanc');

    const down = await get(`/dicomweb/down/studies/${ST}`);
    expect(down.statusCode).toBe(502);
    expect(down.json().error.code).toBe('upstream_unreachable');
  });

  it('cuts the answer short, and stays up, when the source dies mid-stream', async () => {
    up.handle((req, res) => {
      res.writeHead(200, {
        'content-type': 'application/octet-stream',
        'content-length': 1_000_000,
      });
      res.write(Buffer.alloc(1000));
      setTimeout(() => req.socket.destroy(), 20);
    });
    const address = await listening();
    const outcome = await new Promise<string>((resolve) => {
      http
        .get(
          `${address}/dicomweb/drimbox-a/studies/${ST}/series/${SE}/instances/${IN}/frames/1`,
          { headers: bearer(proToken) },
          (res) => {
            res.on('data', () => undefined);
            res.on('end', () => resolve('complete'));
            res.on('error', () => resolve('aborted'));
            res.on('aborted', () => resolve('aborted'));
          },
        )
        .on('error', () => resolve('aborted'));
    });
    expect(outcome).toBe('aborted');
    expect((await get('/healthz', null)).statusCode).toBe(200);
  });

  it('stops the upstream transfer when the browser goes away', async () => {
    let upstreamClosed!: () => void;
    const closed = new Promise<void>((resolve) => (upstreamClosed = resolve));
    up.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      const timer = setInterval(() => res.write(Buffer.alloc(64 * 1024)), 10);
      res.on('close', () => {
        clearInterval(timer);
        upstreamClosed();
      });
    });
    const address = await listening();
    await new Promise<void>((resolve, reject) => {
      const req = http.get(
        `${address}/dicomweb/drimbox-a/studies/${ST}/series/${SE}/instances/${IN}/frames/1`,
        { headers: bearer(proToken) },
        (res) => {
          res.once('data', () => {
            req.destroy();
            resolve();
          });
        },
      );
      req.on('error', (err) => (req.destroyed ? undefined : reject(err)));
    });
    await closed;
  });
});

describe('access policy seam', () => {
  it('lets a policy refuse before the source is asked, and traces refusals too', async () => {
    const traced: number[] = [];
    const gated = await buildGateway({
      config: testConfig(idp.issuer, [testSource('archive', up.base, { kind: 'regional' })]),
      accessPolicy: {
        async authorize() {
          throw forbidden('Consentement requis.');
        },
        recordAccess: (_req, status) => traced.push(status),
      },
    });
    const res = await gated.inject({
      url: `/dicomweb/archive/studies?PatientID=${INS}`,
      headers: bearer(proToken),
    });
    expect(res.statusCode).toBe(403);
    expect(traced).toEqual([403]);
    expect(up.seen).toHaveLength(0);
    await gated.close();
  });
});

describe('patient accounts', () => {
  const OTHER = '171115432101297';
  /** Her series, and the series of another patient the source keeps under her study UID. */
  const THEIRS = `${ST}.9`;
  const patientOf = (ins: string) => ({
    '00100020': { vr: 'LO', Value: [ins] },
    '00100021': { vr: 'LO', Value: [OID] },
  });
  const instance = (ins: string, series: string, sop: string) => ({
    ...patientOf(ins),
    '0020000D': { vr: 'UI', Value: [ST] },
    '0020000E': { vr: 'UI', Value: [series] },
    '00080018': { vr: 'UI', Value: [sop] },
  });
  /** Whose instances the source holds under ST: `[ins, series, sop]`. */
  let held: Array<[string, string, string]>;

  beforeEach(() => {
    held = [[INS, SE, IN]];
    up.handle((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const json = (body: unknown) =>
        res.writeHead(200, { 'content-type': 'application/dicom+json' }).end(JSON.stringify(body));
      const rows = held.map(([ins, series, sop]) => instance(ins, series, sop));
      const path = url.pathname.replace('/dicom-web/', '');
      if (path === 'studies') {
        if (url.searchParams.get('StudyInstanceUID') !== ST) return json([]);
        const people = [...new Set(held.map(([ins]) => ins))];
        return json(
          people.map((ins) => ({ '0020000D': { vr: 'UI', Value: [ST] }, ...patientOf(ins) })),
        );
      }
      if (path === `studies/${ST}/series`) {
        return json(held.map(([ins, series]) => instance(ins, series, '')));
      }
      const inSeries = /^studies\/[0-9.]+\/series\/([0-9.]+)\/(instances|metadata)$/.exec(path);
      if (inSeries) return json(rows.filter((r) => r['0020000E'].Value[0] === inSeries[1]));
      if (path.endsWith('/frames/1')) {
        res.writeHead(200, {
          'content-type': 'multipart/related; type="application/octet-stream"',
        });
        return res.end('frame');
      }
      json([]);
    });
  });

  it('may search for their own INS only', async () => {
    const mine = await get(
      `/dicomweb/drimbox-a/studies?PatientID=${INS}&IssuerOfPatientID=${OID}`,
      patientToken,
    );
    expect(mine.statusCode).toBe(200);
    for (const query of [
      `PatientID=171115432101297&IssuerOfPatientID=${OID}`,
      `PatientID=${INS}`,
      `PatientID=${INS}&IssuerOfPatientID=1.2.250.1.213.1.4.8`,
      `StudyInstanceUID=${ST}`,
    ]) {
      const res = await get(`/dicomweb/drimbox-a/studies?${query}`, patientToken);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
    }
    expect(up.seen).toHaveLength(1);
  });

  it('gets only the studies naming them from a source that ignores the filter', async () => {
    up.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/dicom+json' }).end(
        JSON.stringify([
          { '0020000D': { vr: 'UI', Value: [ST] }, ...patientOf(INS) },
          { '0020000D': { vr: 'UI', Value: [`${ST}.7`] }, ...patientOf(OTHER) },
          { '0020000D': { vr: 'UI', Value: [`${ST}.8`] }, '00100020': { vr: 'LO', Value: [INS] } },
        ]),
      );
    });
    const res = await get(
      `/dicomweb/drimbox-a/studies?PatientID=${INS}&IssuerOfPatientID=${OID}`,
      patientToken,
    );
    expect(res.statusCode).toBe(200);
    // The third names her number without its issuer: not proof enough.
    expect(
      res.json().map((s: Record<string, { Value: string[] }>) => s['0020000D']!.Value[0]),
    ).toEqual([ST]);
    expect(res.body).not.toContain(OTHER);
  });

  it('may retrieve their own studies only, checked once per study', async () => {
    const other = '1.2.826.0.1.3680043.8.498.2';
    for (let i = 0; i < 3; i++) {
      expect(
        (await get(`/dicomweb/drimbox-a/studies/${ST}/series/${SE}/metadata`, patientToken))
          .statusCode,
      ).toBe(200);
    }
    const checks = up.seen.filter((s) => s.url.includes('StudyInstanceUID='));
    expect(checks).toHaveLength(1);
    // Every patient under the UID is asked for, not only her: a conflict must show.
    expect(checks[0]!.url).not.toContain('PatientID=');

    up.seen.length = 0;
    for (let i = 0; i < 3; i++) {
      expect(
        (
          await get(
            `/dicomweb/drimbox-a/studies/${ST}/series/${SE}/instances/${IN}/frames/1`,
            patientToken,
          )
        ).statusCode,
      ).toBe(200);
    }
    // The series was read whole by the metadata request: its instances were learnt from it.
    expect(up.seen.map((s) => s.url.split('?')[0])).toEqual(
      Array(3).fill(`/dicom-web/studies/${ST}/series/${SE}/instances/${IN}/frames/1`),
    );

    up.seen.length = 0;
    const res = await get(
      `/dicomweb/drimbox-a/studies/${other}/series/${SE}/instances/${IN}/frames/1`,
      patientToken,
    );
    expect(res.statusCode).toBe(403);
    expect(up.seen.map((s) => s.url)).toEqual([
      expect.stringContaining(`/studies?StudyInstanceUID=${other}`),
    ]);
  });

  it('gets nothing of another patient held under their own study UID', async () => {
    const theirSop = `${THEIRS}.1`;
    held = [
      [INS, SE, IN],
      [OTHER, THEIRS, theirSop],
    ];
    // A gateway of its own: the shared one remembers this study under her alone.
    const config = testConfig(idp.issuer, [testSource('drimbox-a', up.base)]);
    const gw = await buildGateway({ config });
    const ask = (url: string, token = patientToken) =>
      gw.inject({ url: `/dicomweb/drimbox-a/${url}`, headers: bearer(token) });
    try {
      const series = await ask(`studies/${ST}/series`);
      expect(series.statusCode).toBe(200);
      expect(series.json()).toHaveLength(1);
      expect(series.body).not.toContain(OTHER);
      expect(series.headers['x-drim-patient-conflict']).toBeUndefined();
      for (const url of [
        `studies/${ST}/series/${THEIRS}/metadata`,
        `studies/${ST}/series/${THEIRS}/instances/${theirSop}/frames/1`,
        `studies/${ST}/series/${THEIRS}/instances/${theirSop}/rendered`,
        `studies/${ST}/series/${THEIRS}/instances/${theirSop}`,
        `studies/${ST}/series/${THEIRS}/rendered`,
        `studies/${ST}/rendered`,
        `studies/${ST}`,
      ]) {
        const res = await ask(url);
        expect(res.statusCode, url).toBe(403);
        expect(res.body, url).not.toContain(OTHER);
      }
      const framesAsked = up.seen.filter((s) =>
        /frames|rendered|instances\/[0-9.]+$/.test(s.url.split('?')[0]!),
      );
      expect(framesAsked).toEqual([]);
      // Her own series still opens.
      expect((await ask(`studies/${ST}/series/${SE}/instances/${IN}/frames/1`)).statusCode).toBe(
        200,
      );
      // A professional sees both, told that the UID names two people.
      const pro = await ask(`studies/${ST}/series`, proToken);
      expect(pro.json()).toHaveLength(2);
      expect(pro.headers['x-drim-patient-conflict']).toBe('1');
    } finally {
      await gw.close();
    }
  });
});

// --- helpers for requests that must go over a real socket ---------------------------

let listeningAddress: string | undefined;
async function listening(): Promise<string> {
  if (listeningAddress === undefined) {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    listeningAddress = `http://127.0.0.1:${port}`;
  }
  return listeningAddress;
}

function rawGet(
  address: string,
  rawPath: string,
  token: string,
): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(address);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { hostname, port, path: rawPath, method: 'GET', headers: bearer(token) },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UpstreamClient } from '../dicomweb/upstreamClient';
import { startFakeUpstream, type FakeUpstream } from '../testing/fakeUpstream';
import { testSource } from '../testing/testConfig';
import { PROBE_STUDY_UID, sourceStatusRoutes } from './statusRoute';

let up: FakeUpstream;
let app: FastifyInstance;
let signedIn = true;

beforeAll(async () => {
  up = await startFakeUpstream();
  const upstreams = new Map(
    [
      testSource('drimbox-a', up.base),
      testSource('slow', up.base, { timeoutMs: 300 }),
      testSource('down', 'http://127.0.0.1:1/dicom-web'),
    ].map((s) => [s.id, new UpstreamClient(s)]),
  );
  app = Fastify();
  await sourceStatusRoutes(app, {
    authenticate: async (_request, reply) => {
      if (!signedIn) await reply.code(401).send({ error: { code: 'unauthorized' } });
    },
    upstreams,
  });
});

afterAll(async () => {
  await app.close();
  await up.close();
});

beforeEach(() => {
  signedIn = true;
  up.seen.length = 0;
  up.handle((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/dicom+json' }).end('[]');
  });
});

const status = (id: string) => app.inject({ method: 'GET', url: `/api/sources/${id}/status` });

describe('GET /api/sources/:id/status', () => {
  it('asks the source for a study that cannot exist, naming no patient, one row at most', async () => {
    const res = await status('drimbox-a');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: 'drimbox-a', state: 'online' });
    expect(up.seen).toHaveLength(1);
    const url = new URL(up.seen[0]?.url ?? '', 'http://x');
    expect(url.pathname).toBe('/dicom-web/studies');
    expect(url.searchParams.get('StudyInstanceUID')).toBe(PROBE_STUDY_UID);
    expect(url.searchParams.get('limit')).toBe('1');
    for (const key of url.searchParams.keys()) {
      expect(key).not.toMatch(/^Patient|Accession|Issuer/);
    }
  });

  it('says an unreachable source is unreachable, in French', async () => {
    const res = await status('down');
    expect(res.statusCode).toBe(502);
    expect(res.json().error.code).toBe('upstream_unreachable');
    expect(res.json().error.message).toContain('injoignable');
  });

  it('says a source failing (5xx) failed', async () => {
    up.handle((_req, res) => res.writeHead(500).end('boom'));
    const res = await status('drimbox-a');
    expect(res.statusCode).toBe(502);
    expect(res.json().error.code).toBe('upstream_error');
  });

  it('gives up on a silent source within its bound', async () => {
    up.handle(() => undefined);
    const started = Date.now();
    const res = await status('slow');
    expect(res.statusCode).toBe(504);
    expect(res.json().error.code).toBe('upstream_timeout');
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('asks a source once for probes that arrive together', async () => {
    let release = () => undefined as void;
    up.handle((_req, res) => {
      release = () =>
        void res.writeHead(200, { 'content-type': 'application/dicom+json' }).end('[]');
    });
    const both = Promise.all([status('drimbox-a'), status('drimbox-a')]);
    await expect.poll(() => up.seen.length).toBe(1);
    release();
    const answers = await both;
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200]);
    expect(up.seen).toHaveLength(1);
  });

  it('refuses an unknown source and a stranger', async () => {
    expect((await status('nowhere')).statusCode).toBe(404);
    signedIn = false;
    expect((await status('drimbox-a')).statusCode).toBe(401);
    expect(up.seen).toHaveLength(0);
  });
});

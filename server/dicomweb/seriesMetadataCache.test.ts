import type http from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildGateway } from '../app';
import { startFakeIdp, type FakeIdp } from '../testing/fakeIdp';
import { startFakeUpstream, type FakeUpstream } from '../testing/fakeUpstream';
import { testConfig, testSource } from '../testing/testConfig';

const ST = '1.2.826.0.1.3680043.8.498.7';
const SE = `${ST}.1`;
const METADATA = `/dicomweb/drimbox-a/studies/${ST}/series/${SE}/metadata`;

let idp: FakeIdp;
let up: FakeUpstream;
let app: FastifyInstance;
let proToken: string;
let patientToken: string;

const MARIE = '258037512345653';
const JEAN = '171115432101297';
const INS_OID = '1.2.250.1.213.1.4.10';

/** What the fake source holds: the series' instances, whether its index counts them, and whose. */
let instances: number;
let countsInstances: boolean;
let owner: string;

const patientOf = (ins: string) => ({
  '00100020': { vr: 'LO', Value: [ins] },
  '00100021': { vr: 'LO', Value: [INS_OID] },
});

function instanceDataset(base: string, i: number): Record<string, unknown> {
  const uid = `${SE}.${i + 1}`;
  return {
    ...patientOf(owner),
    '00080018': { vr: 'UI', Value: [uid] },
    '00200013': { vr: 'IS', Value: [i + 1] },
    '7FE00010': { vr: 'OW', BulkDataURI: `${base}/studies/${ST}/series/${SE}/instances/${uid}` },
  };
}

function fakeSource(req: http.IncomingMessage, res: http.ServerResponse, base: string): void {
  const url = req.url ?? '';
  const json = (body: unknown): void => {
    res.writeHead(200, { 'content-type': 'application/dicom+json' }).end(JSON.stringify(body));
  };
  if (url.includes('/metadata')) {
    return json(Array.from({ length: instances }, (_, i) => instanceDataset(base, i)));
  }
  if (url.includes(`/studies/${ST}/series?`)) {
    const series: Record<string, unknown> = { '0020000E': { vr: 'UI', Value: [SE] } };
    if (countsInstances) series['00201209'] = { vr: 'IS', Value: [instances] };
    return json([series]);
  }
  if (url.includes('/studies?')) {
    const asked = new URL(url, 'http://x').searchParams.get('StudyInstanceUID') ?? '';
    if (asked !== ST) return json([]);
    return json([{ '0020000D': { vr: 'UI', Value: [asked] }, ...patientOf(owner) }]);
  }
  json([]);
}

async function startGateway(metadataCacheMegabytes?: number): Promise<FastifyInstance> {
  const config = testConfig(idp.issuer, [testSource('drimbox-a', up.base)]);
  if (metadataCacheMegabytes !== undefined) {
    config.gateway = { trustProxy: false, metadataCacheMegabytes };
  }
  return buildGateway({ config });
}

beforeAll(async () => {
  idp = await startFakeIdp();
  up = await startFakeUpstream();
  app = await startGateway();
  proToken = await idp.sign({ sub: 'pro-1', role: 'professional', rpps: '99900012345' });
  patientToken = await idp.sign({
    sub: 'pat-1',
    role: 'patient',
    ins: MARIE,
    ins_oid: INS_OID,
  });
});

afterAll(async () => {
  await app.close();
  await up.close();
  await idp.close();
});

beforeEach(() => {
  instances = 3;
  countsInstances = true;
  owner = JEAN;
  up.seen.length = 0;
  up.handle(fakeSource);
});

const get = (url: string, token = proToken, gateway = app) =>
  gateway.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

const metadataFetches = () => up.seen.filter((s) => s.url.includes('/metadata')).length;

// Each test opens its own series path through a distinct Host: entries are keyed by the
// public base the URLs were rewritten for, so one test's entry never serves another's.
let hostCounter = 0;
const freshHost = () => `gw${++hostCounter}.test`;
const getAt = (host: string, url = METADATA, token = proToken, gateway = app) =>
  gateway.inject({
    method: 'GET',
    url,
    headers: { authorization: `Bearer ${token}`, host },
  });

describe('series metadata cache', () => {
  it('answers a series opened again from memory, once the source confirms its instance count', async () => {
    const host = freshHost();
    const first = await getAt(host);
    expect(first.statusCode).toBe(200);
    expect(first.headers['x-drim-cache']).toBeUndefined();
    const again = await getAt(host);
    expect(again.statusCode).toBe(200);
    expect(again.headers['x-drim-cache']).toBe('hit');
    expect(again.headers['cache-control']).toBe('no-store');
    expect(again.headers['content-type']).toMatch(/^application\/dicom\+json/);
    expect(again.body).toBe(first.body);
    // URLs point at the gateway the browser used, never at the source.
    expect(again.body).toContain(`http://${host}/dicomweb/drimbox-a/studies/${ST}`);
    expect(again.body).not.toContain(up.base);
    expect(metadataFetches()).toBe(1);
    const countCheck = up.seen.at(-1)!.url;
    expect(countCheck).toContain(`/studies/${ST}/series?`);
    expect(countCheck).toContain(`SeriesInstanceUID=${SE}`);
    expect(countCheck).toContain('includefield=00201209');
  });

  it('asks the source again for a client that wants a fresh answer', async () => {
    const host = freshHost();
    await getAt(host);
    const fresh = await app.inject({
      method: 'GET',
      url: METADATA,
      headers: { authorization: `Bearer ${proToken}`, host, 'cache-control': 'no-cache' },
    });
    expect(fresh.statusCode).toBe(200);
    expect(fresh.headers['x-drim-cache']).toBeUndefined();
    expect(metadataFetches()).toBe(2);
    expect((await getAt(host)).headers['x-drim-cache']).toBe('hit');
  });

  it('asks the source again when the series has gained an instance since', async () => {
    const host = freshHost();
    await getAt(host);
    instances = 4;
    const res = await getAt(host);
    expect(res.headers['x-drim-cache']).toBeUndefined();
    expect(JSON.parse(res.body)).toHaveLength(4);
    expect(metadataFetches()).toBe(2);
    expect((await getAt(host)).headers['x-drim-cache']).toBe('hit');
  });

  it('never answers from memory for a source that does not count instances', async () => {
    countsInstances = false;
    const host = freshHost();
    for (let i = 0; i < 3; i++) {
      const res = await getAt(host);
      expect(res.headers['x-drim-cache']).toBeUndefined();
      expect(JSON.parse(res.body)).toHaveLength(3);
    }
    expect(metadataFetches()).toBe(3);
  });

  it('asks the source again when the count check fails', async () => {
    const host = freshHost();
    await getAt(host);
    up.handle((req, res, base) => {
      if (req.url?.includes('/series?')) {
        res.writeHead(200, { 'content-type': 'application/dicom+json' }).end('<html>oops');
        return;
      }
      fakeSource(req, res, base);
    });
    const res = await getAt(host);
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-drim-cache']).toBeUndefined();
    expect(metadataFetches()).toBe(2);
  });

  it('still refuses a patient the study is not theirs, even when it is in memory', async () => {
    const host = freshHost();
    await getAt(host);
    expect((await getAt(host)).headers['x-drim-cache']).toBe('hit');
    up.seen.length = 0;
    const refused = await getAt(host, METADATA, patientToken);
    expect(refused.statusCode).toBe(403);
    expect(refused.body).not.toContain(SE + '.1');
    expect(up.seen.map((s) => s.url)).toEqual([expect.stringContaining('/studies?')]);

    // The patient whose series it is gets the remembered answer.
    const jean = await idp.sign({ sub: 'pat-2', role: 'patient', ins: JEAN, ins_oid: INS_OID });
    const own = await getAt(host, METADATA, jean);
    expect(own.statusCode).toBe(200);
    expect(own.headers['x-drim-cache']).toBe('hit');
  });

  it('is reused only for a reader allowed to see every dataset in it', async () => {
    // One series UID held under two patients: the instances of each name their own.
    up.handle((req, res, base) => {
      const json = (body: unknown) =>
        res.writeHead(200, { 'content-type': 'application/dicom+json' }).end(JSON.stringify(body));
      const url = req.url ?? '';
      if (url.includes('/metadata')) {
        return json([
          { ...instanceDataset(base, 0), ...patientOf(JEAN) },
          { ...instanceDataset(base, 1), ...patientOf(MARIE) },
        ]);
      }
      if (url.includes('/studies?')) {
        return json([
          { '0020000D': { vr: 'UI', Value: [ST] }, ...patientOf(JEAN) },
          { '0020000D': { vr: 'UI', Value: [ST] }, ...patientOf(MARIE) },
        ]);
      }
      if (url.includes(`/studies/${ST}/series?`)) {
        return json([
          { '0020000E': { vr: 'UI', Value: [SE] }, '00201209': { vr: 'IS', Value: [2] } },
        ]);
      }
      json([]);
    });
    // A gateway of its own: the others remember this study under one patient.
    const gateway = await startGateway();
    const host = freshHost();
    const pro = await getAt(host, METADATA, proToken, gateway);
    expect(pro.headers['x-drim-patient-conflict']).toBe('1');
    expect(JSON.parse(pro.body)).toHaveLength(2);
    const marie = await getAt(host, METADATA, patientToken, gateway);
    expect(marie.statusCode).toBe(200);
    expect(marie.headers['x-drim-cache']).toBeUndefined();
    expect(marie.body).not.toContain(JEAN);
    expect(JSON.parse(marie.body)).toHaveLength(1);
    // Marie's filtered answer is not remembered for the professional either.
    const proAgain = await getAt(host, METADATA, proToken, gateway);
    expect(proAgain.headers['x-drim-cache']).toBe('hit');
    expect(JSON.parse(proAgain.body)).toHaveLength(2);
    await gateway.close();
  });

  it('keeps instance metadata, searches and failures out of memory', async () => {
    const host = freshHost();
    const instance = `/dicomweb/drimbox-a/studies/${ST}/series/${SE}/instances/${SE}.1/metadata`;
    const search = `/dicomweb/drimbox-a/studies/${ST}/series`;
    for (const url of [instance, instance, search, search]) {
      expect((await getAt(host, url)).headers['x-drim-cache']).toBeUndefined();
    }
    up.handle((req, res, base) => {
      if (req.url?.includes('/metadata')) {
        res.writeHead(500).end();
        return;
      }
      fakeSource(req, res, base);
    });
    expect((await getAt(host)).statusCode).toBe(502);
    up.handle(fakeSource);
    expect((await getAt(host)).headers['x-drim-cache']).toBeUndefined();
  });

  it('keeps nothing when turned off, and nothing larger than its budget', async () => {
    const off = await startGateway(0);
    try {
      await get(METADATA, proToken, off);
      expect((await get(METADATA, proToken, off)).headers['x-drim-cache']).toBeUndefined();
    } finally {
      await off.close();
    }
    // 1 MB of memory cannot hold 2 000 instances' worth of metadata (about 1.3 MB as UTF-16).
    const small = await startGateway(1);
    try {
      instances = 2000;
      await get(METADATA, proToken, small);
      expect((await get(METADATA, proToken, small)).headers['x-drim-cache']).toBeUndefined();
      instances = 3;
      await get(METADATA, proToken, small);
      expect((await get(METADATA, proToken, small)).headers['x-drim-cache']).toBe('hit');
    } finally {
      await small.close();
    }
  });
});

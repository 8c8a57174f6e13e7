// The claim's lookup, against a stand-in for the gateway's DICOMweb routes (the real ones
// are in server/launchLookup.int.test.ts): what the viewer asks first is asked ahead at the
// source it will try first, with the user's token, and handed over only when the viewer
// would open that list as it is; a failing, slow or mixed source costs the launch nothing.
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import type { DicomDataset } from '../../src/domain/dicom/dicomJson';
import { OpaqueKeys } from '../keys/opaqueKeys';
import type { Principal } from '../auth/principal';
import { makeClaimLookup, type ClaimLookup } from './claimLookup';
import type { PendingLaunch } from './pendingLaunch';

const OID = '1.2.250.1.213.1.4.10';
const MARIE = { id: '258037512345653', issuer: OID };
const JEAN = { id: '171115432101297', issuer: OID };
const UID = '2.25.100';
const v = (vr: string, ...Value: unknown[]) => ({ vr, Value });
const of = (who: { id: string; issuer: string }) => ({
  '00100020': v('LO', who.id),
  '00100021': v('LO', who.issuer),
});

const study = (who = MARIE): DicomDataset => ({ '0020000D': v('UI', UID), ...of(who) });
const series = (uid: string, modality: string, count: number, who = MARIE): DicomDataset => ({
  '0020000D': v('UI', UID),
  '0020000E': v('UI', uid),
  '00080060': v('CS', modality),
  '00201209': v('IS', count),
  ...of(who),
});
const slice = (seriesUid: string, n: number): DicomDataset => ({
  '00080018': v('UI', `${seriesUid}.${n}`),
  '0020000E': v('UI', seriesUid),
  '00080060': v('CS', 'CT'),
  '00200032': v('DS', 0, 0, -n),
  '00200037': v('DS', 1, 0, 0, 0, 1, 0),
  '00280002': v('US', 1),
  '00280004': v('CS', 'MONOCHROME2'),
  '00280010': v('US', 512),
  '00280011': v('US', 512),
  '00280030': v('DS', 0.7, 0.7),
  '00281050': v('DS', 40),
  '00281051': v('DS', 400),
  ...of(MARIE),
});

const gp: Principal = { kind: 'professional', sub: 'medecin', rpps: '10000000001' };
const launchFor = (patient?: { id: string; issuer: string }): PendingLaunch => ({
  kind: 'iid',
  audience: 'professional',
  params: [
    ['requestType', 'STUDY'],
    ['studyUID', UID],
    ...(patient
      ? [['patientID', `${patient.id}^^^&${patient.issuer}&ISO`] as [string, string]]
      : []),
  ],
});

type Answer = { status: number; body: unknown } | Promise<{ status: number; body: unknown }>;

interface Fake {
  /** Every DICOMweb request: `source path?query`, with the headers it came with. */
  asked: { line: string; authorization: string; host: string }[];
  claim(launch?: PendingLaunch): Promise<{ ms: number; lookup: ClaimLookup }>;
}

let app: FastifyInstance | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

/** A gateway whose sources answer as `answer` says (undefined: nothing there). */
async function fakeGateway(
  sourceIds: string[],
  answer: (sourceId: string, path: string) => Answer | undefined,
  aheadBudgetMs?: number,
): Promise<Fake> {
  const asked: Fake['asked'] = [];
  app = Fastify();
  app.get('/dicomweb/:sourceId/*', async (request, reply) => {
    const [path = '', query] = (request.raw.url ?? '').split('?');
    const [, , sourceId = '', ...rest] = path.split('/');
    const where = rest.join('/');
    asked.push({
      line: `${sourceId} ${where}${query ? `?${decodeURIComponent(query)}` : ''}`,
      authorization: request.headers.authorization ?? '',
      host: request.headers.host ?? '',
    });
    const found = await answer(sourceId, where);
    if (where === 'studies' && !found) return reply.send([]);
    const { status, body } = found ?? { status: 404, body: {} };
    return reply.code(status).send(typeof body === 'string' ? body : JSON.stringify(body));
  });
  const lookup = makeClaimLookup({
    app,
    sourceIds,
    keys: new OpaqueKeys(Buffer.alloc(32, 7)),
    ...(aheadBudgetMs !== undefined ? { aheadBudgetMs } : {}),
  });
  let launch: PendingLaunch = launchFor(MARIE);
  app.post('/claim', async (request) => lookup(request, gp, launch));
  await app.ready();
  return {
    asked,
    claim: async (which = launchFor(MARIE)) => {
      launch = which;
      const started = performance.now();
      const res = await app!.inject({
        method: 'POST',
        url: '/claim',
        headers: { authorization: 'Bearer tok', host: 'viewer.example' },
      });
      return { ms: performance.now() - started, lookup: res.json<ClaimLookup>() };
    },
  };
}

const ok = (body: unknown) => ({ status: 200, body });
const CT = '2.25.100.2';

describe('the claim’s lookup, asking ahead what the viewer asks first', () => {
  it('brings the series list and the first image’s preview, asked as the user', async () => {
    const list = [
      series('2.25.100.1', 'CT', 2),
      series(CT, 'CT', 3),
      series('2.25.100.9', 'SR', 1),
    ];
    const fake = await fakeGateway(['a'], (_s, path) => {
      if (path === 'studies') return ok([study()]);
      if (path === `studies/${UID}/series`) return ok(list);
      if (path === `studies/${UID}/series/${CT}/metadata`)
        return ok([2, 0, 1].map((n) => slice(CT, n)));
      return undefined;
    });
    const { lookup } = await fake.claim();
    expect(lookup.study?.series).toEqual({ sourceId: 'a', datasets: list });
    // The thickest CT first (firstSeries.ts); its top slice, in its header's window.
    expect(lookup.study?.first).toEqual({
      seriesInstanceUID: CT,
      preview: { sopInstanceUID: `${CT}.0`, frame: 1, query: 'window=40,400,linear' },
    });
    const viewer = fake.asked.filter((a) => a.line.startsWith(`a studies/${UID}`));
    expect(viewer.map((a) => a.line)).toEqual([
      `a studies/${UID}/series?includefield=00100010,00100020,00100021,00100030,00101002`,
      `a studies/${UID}/series/${CT}/metadata`,
    ]);
    // The user's token, and the host the browser used: its own metadata request finds
    // the gateway's cached answer under the same public URLs.
    for (const a of viewer)
      expect(a).toMatchObject({ authorization: 'Bearer tok', host: 'viewer.example' });
  });

  it('tries the key’s sources in the viewer’s order, past one that fails', async () => {
    const fake = await fakeGateway(['a', 'b'], (source, path) => {
      if (path === 'studies') return ok([study()]);
      if (source === 'a' && path.endsWith('/series')) return { status: 502, body: { error: {} } };
      if (path.endsWith('/series')) return ok([series(CT, 'CT', 3)]);
      if (path.endsWith('/metadata')) return ok([slice(CT, 0)]);
      return undefined;
    });
    const { lookup } = await fake.claim();
    expect(lookup.study?.value.sourceIds).toEqual(['a', 'b']);
    expect(lookup.study?.series?.sourceId).toBe('b');
    expect(lookup.study?.first?.seriesInstanceUID).toBe(CT);
  });

  it('hands over nothing of a list the viewer would sort by person: another’s series stay at the source', async () => {
    const fake = await fakeGateway(['a'], (_s, path) => {
      if (path === 'studies') return ok([study()]);
      if (path.endsWith('/series'))
        return ok([series('2.25.100.1', 'US', 2), series(CT, 'CT', 30, JEAN)]);
      return ok([slice(CT, 0)]);
    });
    const { lookup } = await fake.claim();
    expect(lookup.study?.key).toEqual(expect.any(String));
    expect(lookup.study?.series).toBeUndefined();
    expect(lookup.study?.first).toBeUndefined();
    expect(JSON.stringify(lookup.study)).not.toContain(JEAN.id);
    expect(fake.asked.some((a) => a.line.endsWith('/metadata'))).toBe(false);
  });

  it('names the first series without a preview when its metadata cannot be had', async () => {
    const fake = await fakeGateway(['a'], (_s, path) => {
      if (path === 'studies') return ok([study()]);
      if (path.endsWith('/series')) return ok([series(CT, 'CT', 3)]);
      if (path.endsWith('/metadata')) return { status: 200, body: '<html>not json' };
      return undefined;
    });
    const { lookup } = await fake.claim();
    expect(lookup.study?.first).toEqual({ seriesInstanceUID: CT, preview: null });
  });

  it('drops the extras of a garbled series answer, never the key', async () => {
    const fake = await fakeGateway(['a'], (_s, path) => {
      if (path === 'studies') return ok([study()]);
      if (path.endsWith('/series')) return ok({ not: 'a list' });
      return undefined;
    });
    const { lookup } = await fake.claim();
    expect(lookup.study?.key).toEqual(expect.any(String));
    expect(lookup.study).not.toHaveProperty('series');
  });

  it('does not hold the claim back for a slow source: it brings what has come', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const slowAt = { step: '/metadata' };
    const fake = await fakeGateway(
      ['a'],
      async (_s, path) => {
        if (path === 'studies') return ok([study()]);
        if (path.endsWith(slowAt.step)) await held;
        if (path.endsWith('/series')) return ok([series(CT, 'CT', 3)]);
        return ok([slice(CT, 0)]);
      },
      100,
    );
    try {
      // The metadata is slow: the series list comes alone.
      const late = await fake.claim();
      expect(late.lookup.study?.key).toEqual(expect.any(String));
      expect(late.lookup.study?.series?.sourceId).toBe('a');
      expect(late.lookup.study).not.toHaveProperty('first');
      expect(late.ms).toBeLessThan(2000);
      // The series list is slow: nothing but the key.
      slowAt.step = '/series';
      const later = await fake.claim();
      expect(later.lookup.study?.key).toEqual(expect.any(String));
      expect(later.lookup.study).not.toHaveProperty('series');
      expect(later.ms).toBeLessThan(2000);
    } finally {
      release();
    }
  });
});

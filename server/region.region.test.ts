// The region profile (dev/stack.ts --profile region): two gateways behind an nginx balancer,
// one PostgreSQL both trust, and a shared nginx cache between them and the sources. Each
// gateway is reached directly here (stack.json's `gateways`), to choose which one serves
// what; the sources' own request logs (dev/stack/orthanc/logRequests.lua) say what reached
// the PACS.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INS_TEST_OID, PATIENTS } from '../dev/demo-identities';
import { plantConflictingStudy } from '../dev/sample-data/conflictingStudy';
import type { Manifest, ManifestStudy } from '../dev/sample-data/manifest';
import type { RegionGatewayInfo, StackInfo } from '../dev/stack/launch';
import { SOURCE_REQUEST_MARK } from '../dev/stack/orthanc';
import { demoAccessToken, launchKeyOf, readManifest, readStackInfo } from '../dev/stack/stackInfo';
import { CONSENT_EXT } from '../src/domain/consent/consentExtensions';
import type { GatewayDatabase } from './storage/database';
import { openDatabase } from './storage/openDatabase';
import { loadRegionConfig } from './config/loadConfig';

const run = promisify(execFile);
const REPO = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const ARCHIVE = 'archive-regionale';
const dubois = PATIENTS.find((p) => p.key === 'dubois')!;
const robert = PATIENTS.find((p) => p.key === 'robert')!;
const cx = (ins: string) => encodeURIComponent(`${ins}^^^&${INS_TEST_OID}&ISO`);
const ins = (value: string) => ({ system: `urn:oid:${INS_TEST_OID}`, value });

let stack: StackInfo;
let manifest: Manifest;
let gateways: RegionGatewayInfo[];
let db: GatewayDatabase;
const tokens: Record<string, string> = {};

const call = (base: string, p: string, who: string, init: RequestInit = {}): Promise<Response> =>
  fetch(`${base}${p}`, {
    ...init,
    headers: { authorization: `Bearer ${tokens[who]}`, ...(init.headers ?? {}) },
  });

const studyOf = (key: string): ManifestStudy => {
  const s = manifest.studies.find((x) => x.key === key);
  if (!s) throw new Error(`no study ${key} in the manifest`);
  return s;
};

/** What the source's own log says it received since `from` (a byte offset of that log). */
function sourceRequests(sourceId: string, from: number): string[] {
  const log = stack.sources.find((s) => s.id === sourceId)?.requestLog;
  if (!log) throw new Error(`stack.json names no request log for ${sourceId}`);
  const text = fs.readFileSync(log).subarray(from).toString('utf8');
  return text.split('\n').flatMap((line) => {
    const at = line.indexOf(SOURCE_REQUEST_MARK);
    return at === -1 ? [] : [line.slice(at + SOURCE_REQUEST_MARK.length + 1)];
  });
}
const logSize = (sourceId: string): number =>
  fs.statSync(stack.sources.find((s) => s.id === sourceId)!.requestLog!).size;

beforeAll(async () => {
  stack = readStackInfo();
  if (stack.profile !== 'region' || !stack.gateways || stack.gateways.length < 2) {
    throw new Error('these tests need `dev/stack.ts run --profile region` (two gateways or more)');
  }
  gateways = stack.gateways;
  manifest = readManifest(stack);
  const [medecin, radiologue, patient1, patient2] = await Promise.all(
    ['medecin', 'radiologue', 'patient1', 'patient2'].map((u) => demoAccessToken(u, stack)),
  );
  Object.assign(tokens, { medecin, radiologue, patient1, patient2 });
  db = await openDatabase(loadRegionConfig(gateways[0]!.configPath).storage);
  expect(db.dialect).toBe('postgresql');
}, 60_000);

afterAll(async () => {
  await db?.close();
});

describe('launches across gateways', () => {
  it('are claimed through another gateway than the one that received the link, once', async () => {
    const study = studyOf('dubois-ct-thorax-2026');
    const link = await fetch(
      `${gateways[0]!.url}/IHEInvokeImageDisplay?requestType=STUDY&studyUID=${study.studyInstanceUID}&patientID=${cx(dubois.ins!)}`,
      { redirect: 'manual' },
    );
    expect(link.status).toBe(303);
    const key = launchKeyOf(link.headers.get('location'));
    expect(key).toBeDefined();
    const claim = await call(gateways[1]!.url, `/api/launch/${key}/claim`, 'medecin', {
      method: 'POST',
    });
    expect(claim.status).toBe(200);
    expect(await claim.json()).toMatchObject({ kind: 'iid', audience: 'professional' });
    for (const g of gateways.slice(0, 2)) {
      const again = await call(g.url, `/api/launch/${key}/claim`, 'medecin', { method: 'POST' });
      expect(again.status).toBe(404);
    }
  });
});

describe('consent across gateways', () => {
  it('is honoured by the other gateway on the very next request', async () => {
    const search = `/dicomweb/${ARCHIVE}/studies?PatientID=${robert.ins}&IssuerOfPatientID=${INS_TEST_OID}`;
    const before = await call(gateways[1]!.url, search, 'radiologue');
    // A consent from an earlier run may still be live: only a refusal needs one recorded.
    if (before.status === 403) {
      const recorded = await call(gateways[0]!.url, '/api/fhir/Consent', 'radiologue', {
        method: 'POST',
        headers: { 'content-type': 'application/fhir+json' },
        body: JSON.stringify({
          resourceType: 'Consent',
          status: 'active',
          patient: { identifier: ins(robert.ins!) },
          extension: [
            { url: CONSENT_EXT.method, valueCode: 'oral' },
            { url: CONSENT_EXT.informationVersion, valueString: 'drim-info-1' },
            { url: CONSENT_EXT.duration, valueCode: 'visit' },
          ],
        }),
      });
      expect(recorded.status).toBe(201);
    }
    const after = await call(gateways[1]!.url, search, 'radiologue');
    expect(after.status).toBe(200);
    expect(((await after.json()) as unknown[]).length).toBeGreaterThan(0);
  });
});

describe('the shared cache toward the sources', () => {
  /** Every frame of the study's first series, through `base`, as `who`: the statuses. */
  async function openSeries(
    base: string,
    who: string,
    study: ManifestStudy,
    received = { bytes: 0 },
  ): Promise<number[]> {
    const sourceId = study.sourceIds[0]!;
    const series = study.series[0]!;
    const seriesPath = `/dicomweb/${sourceId}/studies/${study.studyInstanceUID}/series/${series.seriesInstanceUID}`;
    const meta = await call(base, `${seriesPath}/metadata`, who);
    if (meta.status !== 200) return [meta.status];
    const instances = ((await meta.json()) as Record<string, { Value?: string[] }>[]).map(
      (d) => d['00080018']?.Value?.[0],
    );
    const statuses: number[] = [meta.status];
    for (const sop of instances) {
      const res = await call(base, `${seriesPath}/instances/${sop}/frames/1`, who, {
        headers: {
          accept: 'multipart/related; type="application/octet-stream"; transfer-syntax=*',
        },
      });
      received.bytes += (await res.arrayBuffer()).byteLength;
      statuses.push(res.status);
    }
    return statuses;
  }

  it('spares the source a second user’s frames, still refuses a user without rights, and traces all', async () => {
    if (!stack.cache) throw new Error('the region runs without its cache (--no-cache)');
    const study = studyOf('dubois-mr-knee-2025');
    const sourceId = study.sourceIds[0]!;
    const traced = async () =>
      Number(
        (
          await db.get<{ n: number }>(
            'SELECT count(*) AS n FROM audit_studies WHERE study_uid = ?',
            [study.studyInstanceUID],
          )
        )?.n ?? 0,
      );

    // The first user warms the cache (or finds it warm from an earlier run).
    const first = await openSeries(gateways[0]!.url, 'medecin', study);
    expect(first.every((s) => s === 200)).toBe(true);

    const from = logSize(sourceId);
    const tracedBefore = await traced();
    const second = await openSeries(gateways[1]!.url, 'radiologue', study);
    expect(second.every((s) => s === 200)).toBe(true);
    expect(second.length).toBeGreaterThan(2);
    const framesAtSource = sourceRequests(sourceId, from).filter((r) => r.includes('/frames/'));
    expect(framesAtSource).toEqual([]);

    // Martin's own account asks for Marie's frames: refused before any cache is consulted.
    const refused = await openSeries(gateways[1]!.url, 'patient2', study);
    expect(refused.every((s) => s === 403 || s === 404)).toBe(true);
    await expect
      .poll(async () => (await traced()) - tracedBefore, { timeout: 10_000 })
      .toBeGreaterThanOrEqual(second.length + refused.length);
  });

  it('stays within its size bound while a study larger than it streams through', async () => {
    const cache = stack.cache;
    if (!cache) throw new Error('the region runs without its cache (--no-cache)');
    const ct = manifest.studies.find((s) => s.tags.includes('large-ct'))!;
    const sizeOf = (dir: string): number => {
      let total = 0;
      for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
        if (entry.isFile()) total += fs.statSync(path.join(entry.parentPath, entry.name)).size;
      }
      return total;
    };
    const received = { bytes: 0 };
    const statuses = await openSeries(gateways[0]!.url, 'radiologue', ct, received);
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(received.bytes).toBeGreaterThan(2 * cache.maxBytes);
    // nginx's cache manager checks the bound at most every 10 s and then evicts the least
    // recently used answers: the cache is back under it within one period, and stays there.
    await expect
      .poll(() => sizeOf(cache.dir), { timeout: 15_000, interval: 250 })
      .toBeLessThanOrEqual(cache.maxBytes);
    expect(sizeOf(cache.dir)).toBeGreaterThan(0);
  }, 240_000);
});

describe('one UID under two patients, through the shared cache', () => {
  it('never gives one patient what the other’s reads put in the cache', async () => {
    const martin = PATIENTS.find((p) => p.key === 'martin')!;
    const conflict = await plantConflictingStudy(stack, manifest);
    try {
      const base = `/dicomweb/${conflict.sourceId}/studies/${conflict.studyInstanceUID}`;
      const accept = 'multipart/related; type="application/octet-stream"; transfer-syntax=*';
      const jeanSeries = `${base}/series/${conflict.intruderSeriesUID}`;
      const jeanFrame = `${jeanSeries}/instances/${conflict.intruderInstanceUIDs[0]}/frames/1`;
      const [own] = conflict.hostSeriesUIDs;
      // Jean's own reads, and a professional's, fill the cache with both persons' answers.
      for (const who of ['patient2', 'medecin']) {
        await (await call(gateways[0]!.url, `${jeanSeries}/metadata`, who)).arrayBuffer();
        await (await call(gateways[0]!.url, `${base}/metadata`, who)).arrayBuffer();
        await (await call(gateways[0]!.url, jeanFrame, who, { headers: { accept } })).arrayBuffer();
      }
      // Marie, through the other gateway: the same URLs now answer from the cache.
      const asMarie = [
        `${base}/metadata`,
        `${jeanSeries}/metadata`,
        `${base}/series/${own}/metadata`,
      ];
      for (const p of asMarie) {
        const res = await call(gateways[1]!.url, p, 'patient1');
        const text = await res.text();
        if (res.status < 400) {
          expect(text, p).not.toContain(martin.ins!);
          expect(text, p).not.toContain(martin.familyName);
          expect(text, p).not.toContain(conflict.intruderSeriesUID);
        }
      }
      const ownSeries = await call(gateways[1]!.url, `${base}/series/${own}/metadata`, 'patient1');
      expect(ownSeries.status).toBe(200);
      const frame = await call(gateways[1]!.url, jeanFrame, 'patient1', { headers: { accept } });
      await frame.arrayBuffer();
      expect(frame.status).toBeGreaterThanOrEqual(400);
    } finally {
      await conflict.remove();
    }
  });
});

describe('one trace for the region', () => {
  it('verifies as one chain written by both gateways, and a deleted record breaks it', async () => {
    const config = gateways[0]!.configPath;
    const verify = () =>
      run(
        process.execPath,
        ['--import', 'tsx', 'server/audit/verifyChain.ts', '--config', config],
        {
          cwd: REPO,
        },
      );
    await expect(verify()).resolves.toMatchObject({ stdout: expect.stringContaining('intact') });

    // Cut one record out as an intruder with the owner's rights would, then put it back:
    // the region's trace must stay whole for the runs after this one.
    const victim = await db.get<{ seq: number }>('SELECT min(seq) AS seq FROM audit_events');
    const seq = victim!.seq;
    const rows = {
      audit_events: await db.all<Record<string, string | number>>(
        'SELECT * FROM audit_events WHERE seq = ?',
        [seq],
      ),
      audit_patients: await db.all<Record<string, string | number>>(
        'SELECT * FROM audit_patients WHERE seq = ?',
        [seq],
      ),
      audit_studies: await db.all<Record<string, string | number>>(
        'SELECT * FROM audit_studies WHERE seq = ?',
        [seq],
      ),
    };
    await db.transaction(async (tx) => {
      await tx.exec('ALTER TABLE audit_events DISABLE TRIGGER USER');
      await tx.run('DELETE FROM audit_patients WHERE seq = ?', [seq]);
      await tx.run('DELETE FROM audit_studies WHERE seq = ?', [seq]);
      await tx.run('DELETE FROM audit_events WHERE seq = ?', [seq]);
      await tx.exec('ALTER TABLE audit_events ENABLE TRIGGER USER');
    });
    try {
      await expect(verify()).rejects.toMatchObject({
        code: 1,
        stderr: expect.stringContaining('ROMPU'),
      });
    } finally {
      for (const table of ['audit_events', 'audit_patients', 'audit_studies'] as const) {
        for (const row of rows[table]) {
          const cols = Object.keys(row);
          await db.run(
            `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
            cols.map((c) => row[c]!),
          );
        }
      }
    }
    await expect(verify()).resolves.toMatchObject({ stdout: expect.stringContaining('intact') });
  });
});

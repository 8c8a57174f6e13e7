// Consent-gated extended access against the real thing: a gateway process of our own (the
// stack's region config, its own SQLite data dir) in front of the stack's real regional
// Orthanc, with tokens from the real IdP. Between the gateway and the archive sits a
// counting proxy: it sees every HTTP request the gateway sends upstream, so "the source
// received nothing" is a count, not an inference from Orthanc's storage statistics (which
// reads do not change).
import { type ChildProcess, execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INS_TEST_OID, PATIENTS } from '../dev/demo-identities';
import type { Manifest, ManifestStudy } from '../dev/sample-data/manifest';
import type { StackInfo } from '../dev/stack/launch';
import { freePort, startGatewayProcess, stopGatewayProcess } from '../dev/stack/gatewayProcess';
import { demoAccessToken, readManifest, readStackInfo } from '../dev/stack/stackInfo';
import { CONSENT_EXT } from '../src/domain/consent/consentExtensions';
import type { GatewayDatabase, StorageConfig } from './storage/database';
import { openDatabase } from './storage/openDatabase';
import { freshPostgresDatabase, type FreshPostgres } from './testing/freshPostgres';

const run = promisify(execFile);
const REPO = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const ARCHIVE = 'archive-regionale';

interface CountingProxy {
  url: string;
  seen: string[];
  close(): Promise<void>;
}

async function startCountingProxy(target: string): Promise<CountingProxy> {
  const to = new URL(target);
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(req.url ?? '');
    const up = http.request(
      {
        hostname: to.hostname,
        port: to.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    up.once('error', () => res.destroy());
    req.pipe(up);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe.each(['sqlite', 'postgresql'] as const)(
  'consent-gated regional archive (real Orthanc, real IdP, %s)',
  (engine) => {
    let stack: StackInfo;
    let manifest: Manifest;
    let proxy: CountingProxy;
    let workDir: string;
    let dataDir: string;
    let configPath: string;
    let storage: StorageConfig;
    let postgres: FreshPostgres | undefined;
    /** The gateway's database as the test reads it, beside the gateway process. */
    let db: GatewayDatabase;
    let port: number;
    let gateway: ChildProcess | undefined;
    const tokens: Record<string, string> = {};
    const dubois = PATIENTS.find((p) => p.key === 'dubois')!;
    const martin = PATIENTS.find((p) => p.key === 'martin')!;
    const robert = PATIENTS.find((p) => p.key === 'robert')!;
    const ins = (ins: string) => ({ system: `urn:oid:${INS_TEST_OID}`, value: ins });

    async function startGateway(): Promise<void> {
      gateway = await startGatewayProcess({
        port,
        args: ['--config', configPath, '--data-dir', dataDir],
      });
    }

    async function stopGateway(signal: NodeJS.Signals): Promise<void> {
      await stopGatewayProcess(gateway, signal);
      gateway = undefined;
    }

    const gw = (p: string, who: string, init: RequestInit = {}): Promise<Response> =>
      fetch(`http://127.0.0.1:${port}${p}`, {
        ...init,
        headers: { authorization: `Bearer ${tokens[who]}`, ...init.headers },
      });

    const traceCount = async (): Promise<number> =>
      Number((await db.get<{ n: number }>('SELECT count(*) AS n FROM audit_events'))?.n ?? 0);
    const lastTrace = async (): Promise<Record<string, unknown>> => {
      const row = await db.get<{ body: string }>(
        'SELECT body FROM audit_events ORDER BY seq DESC LIMIT 1',
      );
      return JSON.parse(row?.body ?? '{}') as Record<string, unknown>;
    };

    /** One request, and the trace record it left (exactly one, or the test fails). */
    async function traced(
      p: string,
      who: string,
      init: RequestInit = {},
    ): Promise<{ res: Response; body: string; trace: Record<string, unknown> }> {
      const before = await traceCount();
      const res = await gw(p, who, init);
      const body = await res.text();
      // The record is written as the answer closes: wait for it, then check no second one follows.
      const deadline = Date.now() + 5000;
      while ((await traceCount()) === before && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 50));
      expect((await traceCount()) - before, `${init.method ?? 'GET'} ${p}`).toBe(1);
      return { res, body, trace: await lastTrace() };
    }

    const searchPath = (patient: { value: string; system: string }) =>
      `/dicomweb/${ARCHIVE}/studies?PatientID=${patient.value}&IssuerOfPatientID=${patient.system.slice(8)}`;
    let duboisStudy: ManifestStudy;
    const framesPath = (s: ManifestStudy) =>
      `/dicomweb/${ARCHIVE}/studies/${s.studyInstanceUID}/series/${s.series[0]!.seriesInstanceUID}/instances/${s.series[0]!.firstSopInstanceUID}/frames/1`;

    const consentBody = (patient: { system: string; value: string }) =>
      JSON.stringify({
        resourceType: 'Consent',
        status: 'active',
        patient: { identifier: patient },
        extension: [
          { url: CONSENT_EXT.method, valueCode: 'oral' },
          { url: CONSENT_EXT.informationVersion, valueString: 'drim-info-1' },
          { url: CONSENT_EXT.duration, valueCode: 'visit' },
        ],
      });
    const recordConsent = (who: string, patient: { system: string; value: string }) =>
      traced('/api/fhir/Consent', who, {
        method: 'POST',
        headers: { 'content-type': 'application/fhir+json' },
        body: consentBody(patient),
      });
    const revoke = (who: string, id: string) =>
      traced(`/api/fhir/Consent/${id}`, who, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json-patch+json' },
        body: JSON.stringify([{ op: 'replace', path: '/status', value: 'inactive' }]),
      });
    const codeOf = (body: string): string | undefined =>
      (JSON.parse(body) as { issue?: { details?: { coding?: { code?: string }[] } }[] }).issue?.[0]
        ?.details?.coding?.[0]?.code;

    /** A refusal of both a search and a frame request that never reaches the archive. */
    async function expectRefused(
      who: string,
      patient: { system: string; value: string },
      code: string,
    ) {
      const hits = proxy.seen.length;
      const search = await traced(searchPath(patient), who);
      expect(search.res.status).toBe(403);
      expect(search.res.headers.get('content-type')).toContain('application/fhir+json');
      expect(codeOf(search.body)).toBe(code);
      expect(search.trace).toMatchObject({
        subtype: [{ code: 'search' }],
        outcome: '4',
        outcomeDesc: code,
      });
      expect(proxy.seen.length - hits).toBe(0);
    }

    beforeAll(async () => {
      stack = readStackInfo();
      manifest = readManifest(stack);
      duboisStudy = manifest.studies.find(
        (s) => s.patientKey === 'dubois' && s.sourceIds.includes(ARCHIVE),
      )!;
      const archive = stack.sources.find((s) => s.id === ARCHIVE)!;
      proxy = await startCountingProxy(archive.orthancUrl);
      workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'drim-consent-int-'));
      dataDir = path.join(workDir, 'gateway');
      const region = JSON.parse(fs.readFileSync(stack.regionConfigPath, 'utf8')) as {
        sources: { id: string; upstream: { url: string } }[];
      };
      for (const s of region.sources)
        if (s.id === ARCHIVE) s.upstream.url = `${proxy.url}/dicom-web`;
      if (engine === 'postgresql') {
        postgres = await freshPostgresDatabase(stack.postgres);
        storage = postgres.storage;
      } else {
        storage = { kind: 'sqlite' };
      }
      configPath = path.join(workDir, 'region.json');
      fs.writeFileSync(configPath, JSON.stringify({ ...region, storage }));
      port = await freePort();
      await startGateway();
      db = await openDatabase(storage, dataDir);
      const login = (username: string) => demoAccessToken(username, stack);
      [tokens.gp, tokens.radiologist, tokens.patient] = await Promise.all([
        login('medecin'),
        login('radiologue'),
        login('patient1'),
      ]);
    }, 60_000);

    afterAll(async () => {
      await stopGateway('SIGTERM');
      await db?.close();
      await postgres?.drop();
      await proxy?.close();
      if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
    });

    it('refuses without any consent — searches and frames — and the archive receives nothing', async () => {
      await expectRefused('gp', ins(dubois.ins!), 'consent_required');
      const hits = proxy.seen.length;
      const frames = await traced(framesPath(duboisStudy), 'gp');
      expect(frames.res.status).toBe(403);
      expect(codeOf(frames.body)).toBe('consent_required');
      expect(frames.trace).toMatchObject({ subtype: [{ code: 'retrieve' }], outcome: '4' });
      expect(proxy.seen.length - hits).toBe(0);
    });

    it('refuses with another patient’s consent, or another professional’s', async () => {
      expect((await recordConsent('gp', ins(martin.ins!))).res.status).toBe(201);
      await expectRefused('gp', ins(dubois.ins!), 'consent_required');
      expect((await recordConsent('radiologist', ins(dubois.ins!))).res.status).toBe(201);
      await expectRefused('gp', ins(dubois.ins!), 'consent_required');
      // With a consent for Martin in hand, a Dubois frame costs one study lookup, never the frame.
      const hits = proxy.seen.length;
      const frames = await traced(framesPath(duboisStudy), 'gp');
      expect(frames.res.status).toBe(403);
      const sent = proxy.seen.slice(hits);
      expect(sent.every((u) => u.startsWith('/dicom-web/studies?StudyInstanceUID='))).toBe(true);
    });

    it('refuses an expired consent', async () => {
      // Time cannot be moved in another process: a consent whose visit ended yesterday is
      // written as the gateway would have, straight into its database.
      const day = 24 * 3_600_000;
      const t = Date.now() - 2 * day;
      await db.run(
        `INSERT INTO consents (id, patient_system, patient_value, performer_sub, performer_rpps,
         performer_finess, recorded_at, method, information_version, scope, duration,
         period_start, period_end, status)
       VALUES ('expired-1', ?, ?, 'medecin', '99900012345', '549999991', ?, 'oral', 'drim-info-1',
         'regional-extended-search', 'visit', ?, ?, 'active')`,
        [`urn:oid:${INS_TEST_OID}`, dubois.ins!, t, t, t + day],
      );
      await expectRefused('gp', ins(dubois.ins!), 'consent_expired');
    });

    it('serves studies and frames under an active consent, then refuses once it is revoked', async () => {
      const created = await recordConsent('gp', ins(dubois.ins!));
      expect(created.res.status).toBe(201);
      expect(created.trace).toMatchObject({ subtype: [{ code: 'consent-created' }], outcome: '0' });
      const consent = JSON.parse(created.body) as { id: string };

      const search = await traced(searchPath(ins(dubois.ins!)), 'gp');
      expect(search.res.status).toBe(200);
      const found = (JSON.parse(search.body) as Record<string, { Value?: string[] }>[]).map(
        (s) => s['0020000D']?.Value?.[0],
      );
      const expected = manifest.studies.filter(
        (s) => s.patientKey === 'dubois' && s.sourceIds.includes(ARCHIVE),
      );
      expect(found.sort()).toEqual(expected.map((s) => s.studyInstanceUID).sort());
      expect(search.trace).toMatchObject({
        outcome: '0',
        entity: expect.arrayContaining([
          {
            what: { identifier: ins(dubois.ins!) },
            type: expect.anything(),
            role: expect.anything(),
          },
        ]),
      });

      const frames = await traced(framesPath(duboisStudy), 'gp', {
        headers: {
          accept: 'multipart/related; type="application/octet-stream"; transfer-syntax=*',
        },
      });
      expect(frames.res.status).toBe(200);
      expect(frames.res.headers.get('content-type')).toContain('multipart/related');
      expect(frames.body.length).toBeGreaterThan(1000);
      expect(frames.trace).toMatchObject({ subtype: [{ code: 'retrieve' }], outcome: '0' });

      const revoked = await revoke('gp', consent.id);
      expect(revoked.res.status).toBe(200);
      expect(revoked.trace).toMatchObject({ subtype: [{ code: 'consent-revoked' }] });
      await expectRefused('gp', ins(dubois.ins!), 'consent_revoked');
    });

    it('break-the-glass: refused without a reason, served and flagged with one', async () => {
      const open = (reason: string) =>
        traced('/api/break-glass', 'gp', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ patient: ins(robert.ins!), reason }),
        });
      const bare = await open('urgence');
      expect(bare.res.status).toBe(400);
      expect(codeOf(bare.body)).toBe('break_glass_reason_required');
      const opened = await open('Patient inconscient aux urgences, antécédents inconnus');
      expect(opened.res.status).toBe(201);
      const search = await traced(searchPath(ins(robert.ins!)), 'gp');
      expect(search.res.status).toBe(200);
      expect((JSON.parse(search.body) as unknown[]).length).toBeGreaterThan(0);
      expect(search.trace).toMatchObject({
        purposeOfEvent: [{ coding: [{ code: 'BTG' }, { code: 'bris_de_glace' }] }],
      });
    });

    it('a patient reads their own archive studies, their consents, and who accessed them', async () => {
      const own = await traced(searchPath(ins(dubois.ins!)), 'patient');
      expect(own.res.status).toBe(200);
      const audit = await traced('/api/fhir/AuditEvent', 'patient');
      expect(audit.res.status).toBe(200);
      const bundle = JSON.parse(audit.body) as {
        entry: {
          resource: { agent: { who: { identifier: { value: string } } }[]; outcomeDesc: string };
        }[];
      };
      const byGp = bundle.entry.filter(
        (e) => e.resource.agent[0]!.who.identifier.value === '899900012345',
      );
      expect(byGp.some((e) => e.resource.outcomeDesc === 'consent_required')).toBe(true);
      expect(byGp.some((e) => e.resource.outcomeDesc === '200')).toBe(true);
    });

    it('acknowledged consents survive a kill -9, and the trace chain then checks out — until tampered with', async () => {
      const created = await Promise.all(
        [dubois, martin, robert].map(async (p) => {
          const res = await gw('/api/fhir/Consent', 'gp', {
            method: 'POST',
            headers: { 'content-type': 'application/fhir+json' },
            body: consentBody(ins(p.ins!)),
          });
          expect(res.status).toBe(201);
          return (await res.json()) as { id: string };
        }),
      );
      await stopGateway('SIGKILL');
      await startGateway();
      for (const c of created) {
        const res = await gw(`/api/fhir/Consent/${c.id}`, 'gp');
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual(c);
      }
      expect((await gw(searchPath(ins(dubois.ins!)), 'gp')).status).toBe(200);
      await stopGateway('SIGTERM');

      const verify = () =>
        run(
          process.execPath,
          [
            '--import',
            'tsx',
            'server/audit/verifyChain.ts',
            ...(engine === 'postgresql' ? ['--config', configPath] : ['--data-dir', dataDir]),
          ],
          { cwd: REPO },
        );
      await expect(verify()).resolves.toMatchObject({ stdout: expect.stringContaining('intact') });

      // What someone with the database owner's rights could do: the triggers do not bind them.
      await db.exec(
        engine === 'postgresql'
          ? 'ALTER TABLE audit_events DISABLE TRIGGER USER'
          : 'DROP TRIGGER audit_events_append_only_d',
      );
      for (const table of ['audit_patients', 'audit_studies', 'audit_events']) {
        await db.run(`DELETE FROM ${table} WHERE seq = 3`);
      }
      await expect(verify()).rejects.toMatchObject({
        code: 1,
        stderr: expect.stringContaining('ROMPU'),
      });
    });
  },
);

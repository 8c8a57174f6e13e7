import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openSqlite, type SqliteDatabase } from '../storage/sqliteDatabase';
import type { AccessFacts } from './auditEvent';
import { AuditTrail } from './auditTrail';
import { verifyChain } from './chain';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const INS = { system: 'urn:oid:1.2.250.1.213.1.4.10', value: '258037512345653' };
const facts = (i: number): AccessFacts => ({
  action: 'retrieve',
  at: 1_700_000_000_000 + i,
  actor: { role: 'professional', sub: 'medecin', rpps: '99900012345', finess: '549999991' },
  patients: [INS],
  sourceId: 'archive-regionale',
  studyUid: `1.2.3.${i}`,
  status: 200,
  clientAddress: '127.0.0.1',
});

async function trailWith(
  n: number,
  dataDir?: string,
): Promise<{ db: SqliteDatabase; trail: AuditTrail }> {
  const db = await openSqlite(dataDir);
  const trail = new AuditTrail(db);
  for (let i = 1; i <= n; i++) trail.append(facts(i));
  await trail.flush();
  return { db, trail };
}

/** What someone editing the file directly could do: the triggers do not bind them. */
function asIntruder({ raw: db }: SqliteDatabase, sql: string): void {
  db.pragma('foreign_keys = OFF');
  db.exec(`DROP TRIGGER IF EXISTS audit_events_append_only_u;
           DROP TRIGGER IF EXISTS audit_events_append_only_d;`);
  db.exec(sql);
}

describe('hash-chained access trace', () => {
  it('links each record to the previous one and verifies an intact chain', async () => {
    const { db } = await trailWith(5);
    expect(await verifyChain(db)).toEqual({ ok: true, records: 5 });
    const rows = db.raw
      .prepare('SELECT seq, prev_hash, hash FROM audit_events ORDER BY seq')
      .all() as {
      seq: number;
      prev_hash: string;
      hash: string;
    }[];
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
  });

  it('detects an altered record', async () => {
    const { db } = await trailWith(5);
    asIntruder(
      db,
      `UPDATE audit_events SET body = replace(body, '"outcome":"0"', '"outcome":"4"') WHERE seq = 3`,
    );
    expect(await verifyChain(db)).toMatchObject({
      ok: false,
      seq: 3,
      problem: 'record 3 was altered',
    });
  });

  it('detects a deleted record in the middle', async () => {
    const { db } = await trailWith(5);
    asIntruder(db, 'DELETE FROM audit_events WHERE seq = 2');
    expect(await verifyChain(db)).toMatchObject({ ok: false, seq: 3 });
  });

  it('detects records cut off the end', async () => {
    const { db } = await trailWith(5);
    asIntruder(db, 'DELETE FROM audit_events WHERE seq >= 4');
    expect(await verifyChain(db)).toMatchObject({ ok: false });
  });

  it('writes queued records together a few milliseconds later, in order', async () => {
    const db = await openSqlite();
    const trail = new AuditTrail(db);
    const commits: number[] = [];
    const observed = new AuditTrail(db, (_s, records) => commits.push(records));
    observed.append(facts(1));
    observed.append(facts(2));
    const count = () =>
      (db.raw.prepare('SELECT count(*) AS n FROM audit_events').get() as { n: number }).n;
    expect(count()).toBe(0);
    await vi.waitFor(() => expect(count()).toBe(2), { timeout: 2_000, interval: 5 });
    // One commit for both.
    expect(commits).toEqual([2]);
    expect(await trail.count()).toBe(2);
    const bodies = db.raw.prepare('SELECT body FROM audit_events ORDER BY seq').all() as {
      body: string;
    }[];
    expect(bodies.map((b) => JSON.parse(b.body).entity[1].what.identifier.value)).toEqual([
      'urn:oid:1.2.3.1',
      'urn:oid:1.2.3.2',
    ]);
  });

  it(
    'the audit:verify command exits 0 on an intact chain and 1 on a broken one',
    { timeout: 30_000 },
    async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drim-audit-'));
      dirs.push(dir);
      const { db } = await trailWith(3, dir);
      const run = () =>
        execFileSync(
          process.execPath,
          ['--import', 'tsx', 'server/audit/verifyChain.ts', '--data-dir', dir],
          {
            encoding: 'utf8',
            stdio: ['ignore', 'pipe', 'pipe'],
          },
        );
      expect(run()).toContain('3 enregistrements vérifiés');
      asIntruder(
        db,
        `UPDATE audit_events SET body = replace(body, 'medecin', 'intrus') WHERE seq = 2`,
      );
      await db.close();
      let status: number | null = null;
      let stderr = '';
      try {
        run();
      } catch (err) {
        status = (err as { status: number }).status;
        stderr = String((err as { stderr: string }).stderr);
      }
      expect(status).toBe(1);
      expect(stderr).toContain('ROMPU à l’enregistrement 2');
    },
  );
});

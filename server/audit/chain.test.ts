import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type GatewayDatabase } from '../storage/database';
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

function trailWith(n: number, dataDir?: string): { db: GatewayDatabase; trail: AuditTrail } {
  const db = openDatabase(dataDir);
  const trail = new AuditTrail(db);
  for (let i = 1; i <= n; i++) trail.append(facts(i));
  trail.flush();
  return { db, trail };
}

/** What someone editing the file directly could do: the triggers do not bind them. */
function asIntruder(db: GatewayDatabase, sql: string): void {
  db.pragma('foreign_keys = OFF');
  db.exec(`DROP TRIGGER IF EXISTS audit_events_append_only_u;
           DROP TRIGGER IF EXISTS audit_events_append_only_d;`);
  db.exec(sql);
}

describe('hash-chained access trace', () => {
  it('links each record to the previous one and verifies an intact chain', () => {
    const { db } = trailWith(5);
    expect(verifyChain(db)).toEqual({ ok: true, records: 5 });
    const rows = db.prepare('SELECT seq, prev_hash, hash FROM audit_events ORDER BY seq').all() as {
      seq: number;
      prev_hash: string;
      hash: string;
    }[];
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
  });

  it('detects an altered record', () => {
    const { db } = trailWith(5);
    asIntruder(
      db,
      `UPDATE audit_events SET body = replace(body, '"outcome":"0"', '"outcome":"4"') WHERE seq = 3`,
    );
    expect(verifyChain(db)).toMatchObject({ ok: false, seq: 3, problem: 'record 3 was altered' });
  });

  it('detects a deleted record in the middle', () => {
    const { db } = trailWith(5);
    asIntruder(db, 'DELETE FROM audit_events WHERE seq = 2');
    expect(verifyChain(db)).toMatchObject({ ok: false, seq: 3 });
  });

  it('detects records cut off the end', () => {
    const { db } = trailWith(5);
    asIntruder(db, 'DELETE FROM audit_events WHERE seq >= 4');
    expect(verifyChain(db)).toMatchObject({ ok: false });
  });

  it('writes queued records before the next turn of the event loop, in order', async () => {
    const db = openDatabase();
    const trail = new AuditTrail(db);
    trail.append(facts(1));
    trail.append(facts(2));
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    const n = (db.prepare('SELECT count(*) AS n FROM audit_events').get() as { n: number }).n;
    expect(n).toBe(2);
    const bodies = db.prepare('SELECT body FROM audit_events ORDER BY seq').all() as {
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
    () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drim-audit-'));
      dirs.push(dir);
      const { db } = trailWith(3, dir);
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
      db.close();
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

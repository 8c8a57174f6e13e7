// What the access trace costs per request: records written per second to a WAL file with
// synchronous=FULL (and to PostgreSQL with --postgres), one at a time (a commit each) and
// as the gateway batches them (one commit per turn of the event loop), plus a full chain
// verification.
//   node --import tsx bench/audit-trail.ts [--postgres postgresql://user:pw@host:port/empty-db]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AccessFacts } from '../server/audit/auditEvent';
import { AuditTrail } from '../server/audit/auditTrail';
import { verifyChain } from '../server/audit/chain';
import type { GatewayDatabase } from '../server/storage/database';
import { openDatabase } from '../server/storage/openDatabase';

const facts = (i: number): AccessFacts => ({
  action: 'retrieve',
  at: Date.now(),
  actor: { role: 'professional', sub: 'medecin', rpps: '99900012345', finess: '549999991' },
  patients: [{ system: 'urn:oid:1.2.250.1.213.1.4.10', value: '258037512345653' }],
  sourceId: 'archive-regionale',
  studyUid: `1.2.3.${i % 50}`,
  seriesUid: `1.2.3.${i % 50}.1`,
  status: 200,
  clientAddress: '127.0.0.1',
});

/** Records per second one way and the other, and a full verification, on one engine. */
async function measure(db: GatewayDatabase): Promise<Record<string, number>> {
  const trail = new AuditTrail(db);
  const SINGLE = 500;
  let t = performance.now();
  for (let i = 0; i < SINGLE; i++) {
    trail.append(facts(i));
    await trail.flush();
  }
  const singleMs = (performance.now() - t) / SINGLE;

  const BATCHES = 50;
  const PER_BATCH = 100;
  t = performance.now();
  for (let b = 0; b < BATCHES; b++) {
    for (let i = 0; i < PER_BATCH; i++) trail.append(facts(i));
    await trail.flush();
  }
  const batchedMs = (performance.now() - t) / (BATCHES * PER_BATCH);

  t = performance.now();
  const check = await verifyChain(db);
  const verifyMs = performance.now() - t;
  await db.close();
  return {
    msPerRecordOwnCommit: Number(singleMs.toFixed(3)),
    msPerRecordBatchedBy100: Number(batchedMs.toFixed(3)),
    verifyRecords: check.records,
    verifyMs: Number(verifyMs.toFixed(1)),
  };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drim-bench-audit-'));
const result: Record<string, unknown> = {
  when: new Date().toISOString(),
  loadAverage: os.loadavg()[0],
  sqlite: await measure(await openDatabase(undefined, dir)),
};
fs.rmSync(dir, { recursive: true, force: true });
// An empty database of a PostgreSQL (the stack's, or a region's): `--postgres URL`.
const pgIndex = process.argv.indexOf('--postgres');
const pgUrl = pgIndex > 0 ? process.argv[pgIndex + 1] : undefined;
if (pgUrl)
  result.postgresql = await measure(await openDatabase({ kind: 'postgresql', url: pgUrl }));
console.log(result);
fs.mkdirSync('bench/results', { recursive: true });
fs.writeFileSync('bench/results/audit-trail.json', JSON.stringify(result, null, 2));

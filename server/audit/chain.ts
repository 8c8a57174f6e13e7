// The access trace as a hash chain: each record stores the previous record's hash and its
// own, computed over its position, that previous hash and its exact stored text. Altering
// a record breaks its own hash, deleting one breaks the next link, and cutting the end off
// no longer matches the head kept beside the records.
import crypto from 'node:crypto';
import type { GatewayDatabase } from '../storage/database';

export const GENESIS_HASH = '0'.repeat(64);

export function linkHash(seq: number, prevHash: string, body: string): string {
  return crypto.createHash('sha256').update(`${seq}\n${prevHash}\n${body}`).digest('hex');
}

export type ChainCheck =
  { ok: true; records: number } | { ok: false; records: number; seq: number; problem: string };

interface Row {
  seq: number;
  body: string;
  prev_hash: string;
  hash: string;
}

export function verifyChain(db: GatewayDatabase): ChainCheck {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let records = 0;
  const rows = db
    .prepare('SELECT seq, body, prev_hash, hash FROM audit_events ORDER BY seq')
    .iterate() as IterableIterator<Row>;
  for (const row of rows) {
    const fail = (problem: string): ChainCheck => ({ ok: false, records, seq: row.seq, problem });
    if (row.seq !== expectedSeq) {
      return fail(`record ${expectedSeq} is missing (next is ${row.seq})`);
    }
    if (row.prev_hash !== prevHash) return fail(`record ${row.seq} does not follow the one before`);
    if (linkHash(row.seq, row.prev_hash, row.body) !== row.hash) {
      return fail(`record ${row.seq} was altered`);
    }
    prevHash = row.hash;
    expectedSeq += 1;
    records += 1;
  }
  const head = db.prepare('SELECT seq, hash FROM audit_head WHERE id = 1').get() as
    { seq: number; hash: string } | undefined;
  const lastSeq = expectedSeq - 1;
  if (head === undefined ? lastSeq !== 0 : head.seq !== lastSeq || head.hash !== prevHash) {
    return {
      ok: false,
      records,
      seq: head?.seq ?? lastSeq,
      problem: `the chain ends at record ${lastSeq} but its head names record ${head?.seq ?? 0}`,
    };
  }
  return { ok: true, records };
}

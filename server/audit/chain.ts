// The access trace as a hash chain: each record stores the previous record's hash and its
// own, computed over its position, that previous hash and its exact stored text. Altering
// a record breaks its own hash, deleting one breaks the next link, and cutting the end off
// no longer matches the head kept beside the records.
import crypto from 'node:crypto';
import type { SqlRunner } from '../storage/database';

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

/** Read in pages: a region's trace holds millions of records. */
const PAGE = 2_000;

export async function verifyChain(db: SqlRunner): Promise<ChainCheck> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let records = 0;
  for (let after = 0; ;) {
    const rows = await db.all<Row>(
      'SELECT seq, body, prev_hash, hash FROM audit_events WHERE seq > ? ORDER BY seq LIMIT ?',
      [after, PAGE],
    );
    for (const row of rows) {
      const fail = (problem: string): ChainCheck => ({ ok: false, records, seq: row.seq, problem });
      if (row.seq !== expectedSeq) {
        return fail(`record ${expectedSeq} is missing (next is ${row.seq})`);
      }
      if (row.prev_hash !== prevHash) {
        return fail(`record ${row.seq} does not follow the one before`);
      }
      if (linkHash(row.seq, row.prev_hash, row.body) !== row.hash) {
        return fail(`record ${row.seq} was altered`);
      }
      prevHash = row.hash;
      expectedSeq += 1;
      records += 1;
    }
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1]!.seq;
  }
  const head = await db.get<{ seq: number; hash: string }>(
    'SELECT seq, hash FROM audit_head WHERE id = 1',
  );
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

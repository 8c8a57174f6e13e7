// The append-only access trace. Records of DICOMweb reads are queued and written together
// a few milliseconds later — one synced commit for the dozens of frame requests a viewer
// fires at once, off the requests' path — while consent changes
// are written in the same transaction as the change itself, so one never exists without
// the other. Every write takes the trace-head lock: gateways sharing one database append
// to one chain.
import type { PatientRef } from '../consent/patientRef';
import type { GatewayDatabase, SqlRunner, SqlValue, Transaction } from '../storage/database';
import { toAuditEvent, type AccessFacts } from './auditEvent';
import { GENESIS_HASH, linkHash } from './chain';

export interface StoredAuditEvent {
  seq: number;
  resource: Record<string, unknown>;
}

/**
 * How long a record waits for others to share its commit: one commit per turn of the event
 * loop, made by better-sqlite3 on the loop itself, cost a loaded gateway a third of its
 * time. A kill -9 loses at most this much of the reads' trace; consent changes are written
 * with their change, at once, and durably.
 */
export const BATCH_MS = 20;
/** After a failed write (database unreachable), how long before trying the queue again. */
const RETRY_MS = 1_000;
/**
 * Records kept while the database is unreachable. Beyond it the oldest are dropped and the
 * loss is reported: a gateway that swells until it dies would lose them all.
 */
const MAX_QUEUED = 200_000;

/** Well under both engines' limits on parameters per statement (SQLite 32 766). */
const ROWS_PER_INSERT = 500;

async function insertRows(tx: SqlRunner, into: string, rows: readonly SqlValue[][]): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const chunk = rows.slice(i, i + ROWS_PER_INSERT);
    const one = `(${chunk[0]!.map(() => '?').join(', ')})`;
    await tx.run(`INSERT INTO ${into} VALUES ${chunk.map(() => one).join(', ')}`, chunk.flat());
  }
}

export interface TraceWriteObserver {
  (seconds: number, records: number, ok: boolean): void;
}

export class AuditTrail {
  private queue: AccessFacts[] = [];
  private scheduled = false;
  /** The flush under way, if any: flushes follow one another, never overlap. */
  private flushing: Promise<void> = Promise.resolve();
  private retryTimer: NodeJS.Timeout | undefined;
  private dropped = 0;

  constructor(
    private readonly db: GatewayDatabase,
    private readonly onWrite: TraceWriteObserver = () => undefined,
    private readonly onError: (message: string) => void = () => undefined,
  ) {}

  /** Queues a record; it is written within BATCH_MS, with the others queued meanwhile. */
  append(facts: AccessFacts): void {
    if (this.queue.length >= MAX_QUEUED) {
      this.queue.shift();
      this.dropped += 1;
    }
    this.queue.push(facts);
    if (this.scheduled) return;
    this.scheduled = true;
    setTimeout(() => void this.flush().catch(() => undefined), BATCH_MS);
  }

  /** Writes every queued record now (before reading the trace, or at shutdown). */
  flush(): Promise<void> {
    this.scheduled = false;
    const next = this.flushing.then(() => this.writeQueued());
    this.flushing = next.catch(() => undefined);
    return next;
  }

  /** Stops retrying; what is still queued is written by a last flush by the caller. */
  close(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  /**
   * Writes one record inside the caller's transaction (queued ones first, to keep order).
   * Must be called with the transaction of the change it records.
   */
  async appendInTransaction(tx: Transaction, facts: AccessFacts): Promise<number> {
    await tx.lock('trace-head');
    const batch = this.queue;
    this.queue = [];
    try {
      const seq = await this.writeBatch(tx, [...batch, facts]);
      return seq;
    } catch (err) {
      // The caller's change rolls back with its record; the queued reads stay queued.
      this.queue = [...batch, ...this.queue];
      throw err;
    }
  }

  private async writeQueued(): Promise<void> {
    if (this.queue.length === 0) return;
    const batch = this.queue;
    this.queue = [];
    const started = performance.now();
    try {
      // Nobody was told these reads are recorded: their commit need not wait for the disk
      // (a killed gateway loses none; a power cut, at most the last fraction of a second).
      await this.db.transaction(
        async (tx) => {
          await tx.lock('trace-head');
          await this.writeBatch(tx, batch);
        },
        { durable: false },
      );
      this.onWrite((performance.now() - started) / 1000, batch.length, true);
      if (this.dropped > 0) {
        this.onError(
          `${this.dropped} access trace records were dropped while the database was unreachable`,
        );
        this.dropped = 0;
      }
    } catch (err) {
      this.onWrite((performance.now() - started) / 1000, batch.length, false);
      this.queue = [...batch, ...this.queue];
      this.onError(
        `access trace write failed, ${this.queue.length} records kept for a retry: ${
          err instanceof Error ? err.message : String(err)
        }`,
      );
      this.retryTimer ??= setTimeout(() => {
        this.retryTimer = undefined;
        void this.flush().catch(() => undefined);
      }, RETRY_MS);
      this.retryTimer.unref();
      throw err;
    }
  }

  /** The seq of the last record written. The head lock must be held. */
  private async writeBatch(tx: SqlRunner, batch: readonly AccessFacts[]): Promise<number> {
    const head = await tx.get<{ seq: number; hash: string }>(
      'SELECT seq, hash FROM audit_head WHERE id = 1',
    );
    let seq = head?.seq ?? 0;
    let prevHash = head?.hash ?? GENESIS_HASH;
    const events: SqlValue[][] = [];
    const patients: SqlValue[][] = [];
    const studies: SqlValue[][] = [];
    for (const facts of batch) {
      seq += 1;
      const body = JSON.stringify({ ...toAuditEvent(facts), id: String(seq) });
      const hash = linkHash(seq, prevHash, body);
      events.push([seq, facts.at, body, prevHash, hash]);
      for (const p of facts.patients) patients.push([seq, p.system, p.value]);
      if (facts.studyUid !== undefined) studies.push([seq, facts.studyUid]);
      prevHash = hash;
    }
    // Multi-row statements: one round trip per table, not per record, to PostgreSQL.
    await insertRows(tx, 'audit_events (seq, recorded_at, body, prev_hash, hash)', events);
    await insertRows(tx, 'audit_patients (seq, patient_system, patient_value)', patients);
    await insertRows(tx, 'audit_studies (seq, study_uid)', studies);
    await tx.run(
      'INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash',
      [seq, prevHash],
    );
    return seq;
  }

  /**
   * Newest first: records naming the patient, or one of the studies known to be theirs;
   * with `beforeSeq`, only those older than that record (the next page).
   */
  async forPatient(
    patient: PatientRef,
    studyUids: readonly string[],
    limit: number,
    beforeSeq?: number,
  ): Promise<StoredAuditEvent[]> {
    await this.flush().catch(() => undefined);
    const params: (string | number)[] = [patient.system, patient.value];
    let sql = 'SELECT seq FROM audit_patients WHERE patient_system = ? AND patient_value = ?';
    if (studyUids.length > 0) {
      sql += ` UNION SELECT seq FROM audit_studies WHERE study_uid IN (${studyUids.map(() => '?').join(',')})`;
      params.push(...studyUids);
    }
    const rows = await this.db.all<{ seq: number; body: string }>(
      `SELECT e.seq, e.body FROM audit_events e WHERE e.seq IN (${sql}) AND e.seq < ? ORDER BY e.seq DESC LIMIT ?`,
      [...params, beforeSeq ?? Number.MAX_SAFE_INTEGER, limit],
    );
    return rows.map((r) => ({
      seq: r.seq,
      resource: JSON.parse(r.body) as Record<string, unknown>,
    }));
  }

  async count(): Promise<number> {
    await this.flush();
    const row = await this.db.get<{ n: number }>('SELECT count(*) AS n FROM audit_events');
    return Number(row?.n ?? 0);
  }
}

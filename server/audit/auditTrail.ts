// The append-only access trace. Records of DICOMweb reads are queued and written together
// at the end of the current turn of the event loop — one synced commit for the dozens of
// frame requests a viewer fires at once — while consent changes are written in the same
// transaction as the change itself, so one never exists without the other.
import type { PatientRef } from '../consent/patientRef';
import type { GatewayDatabase } from '../storage/database';
import { toAuditEvent, type AccessFacts } from './auditEvent';
import { GENESIS_HASH, linkHash } from './chain';

export interface StoredAuditEvent {
  seq: number;
  resource: Record<string, unknown>;
}

export class AuditTrail {
  private queue: AccessFacts[] = [];
  private scheduled = false;
  private readonly insertEvent;
  private readonly insertPatient;
  private readonly insertStudy;
  private readonly writeHead;
  private readonly readHead;

  constructor(private readonly db: GatewayDatabase) {
    this.insertEvent = db.prepare(
      'INSERT INTO audit_events (seq, recorded_at, body, prev_hash, hash) VALUES (?, ?, ?, ?, ?)',
    );
    this.insertPatient = db.prepare(
      'INSERT INTO audit_patients (seq, patient_system, patient_value) VALUES (?, ?, ?)',
    );
    this.insertStudy = db.prepare('INSERT INTO audit_studies (seq, study_uid) VALUES (?, ?)');
    this.writeHead = db.prepare(
      'INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash',
    );
    this.readHead = db.prepare('SELECT seq, hash FROM audit_head WHERE id = 1');
  }

  /** Queues a record; it is on disk before the next I/O callback runs. */
  append(facts: AccessFacts): void {
    this.queue.push(facts);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  /** Writes every queued record now (before reading the trace, or at shutdown). */
  flush(): void {
    this.scheduled = false;
    if (this.queue.length === 0) return;
    const batch = this.queue;
    this.queue = [];
    this.db.transaction(() => {
      for (const facts of batch) this.writeOne(facts);
    })();
  }

  /**
   * Writes one record inside the caller's transaction (queued ones first, to keep order).
   * Must be called from within `db.transaction`.
   */
  appendInTransaction(facts: AccessFacts): number {
    const batch = this.queue;
    this.queue = [];
    for (const queued of batch) this.writeOne(queued);
    return this.writeOne(facts);
  }

  private writeOne(facts: AccessFacts): number {
    const head = this.readHead.get() as { seq: number; hash: string } | undefined;
    const seq = (head?.seq ?? 0) + 1;
    const prevHash = head?.hash ?? GENESIS_HASH;
    const body = JSON.stringify({ ...toAuditEvent(facts), id: String(seq) });
    const hash = linkHash(seq, prevHash, body);
    this.insertEvent.run(seq, facts.at, body, prevHash, hash);
    for (const p of facts.patients) this.insertPatient.run(seq, p.system, p.value);
    if (facts.studyUid !== undefined) this.insertStudy.run(seq, facts.studyUid);
    this.writeHead.run(seq, hash);
    return seq;
  }

  /**
   * Newest first: records naming the patient, or one of the studies known to be theirs;
   * with `beforeSeq`, only those older than that record (the next page).
   */
  forPatient(
    patient: PatientRef,
    studyUids: readonly string[],
    limit: number,
    beforeSeq?: number,
  ): StoredAuditEvent[] {
    this.flush();
    const params: (string | number)[] = [patient.system, patient.value];
    let sql = 'SELECT seq FROM audit_patients WHERE patient_system = ? AND patient_value = ?';
    if (studyUids.length > 0) {
      sql += ` UNION SELECT seq FROM audit_studies WHERE study_uid IN (${studyUids.map(() => '?').join(',')})`;
      params.push(...studyUids);
    }
    const rows = this.db
      .prepare(
        `SELECT e.seq, e.body FROM audit_events e WHERE e.seq IN (${sql}) AND e.seq < ? ORDER BY e.seq DESC LIMIT ?`,
      )
      .all(...params, beforeSeq ?? Number.MAX_SAFE_INTEGER, limit) as {
      seq: number;
      body: string;
    }[];
    return rows.map((r) => ({
      seq: r.seq,
      resource: JSON.parse(r.body) as Record<string, unknown>,
    }));
  }

  count(): number {
    this.flush();
    return (this.db.prepare('SELECT count(*) AS n FROM audit_events').get() as { n: number }).n;
  }
}

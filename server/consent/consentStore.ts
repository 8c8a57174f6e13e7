// Consents and break-the-glass openings, durably: every change is committed (with its trace
// record, in the same transaction) before the API answers. Decides whether a professional
// may reach a patient's data at a consent-gated source at a given instant.
import crypto from 'node:crypto';
import type { Principal } from '../auth/principal';
import type { AccessFacts } from '../audit/auditEvent';
import type { AuditTrail } from '../audit/auditTrail';
import type { GatewayDatabase, SqlRunner } from '../storage/database';
import type { ConsentDuration } from '../../src/domain/consent/consentExtensions';
import { EXTENDED_SEARCH, type ConsentRecord, type ConsentRequest } from './consentResource';
import type { PatientRef } from './patientRef';
import type { ConsentSettings } from './settings';

type Professional = Extract<Principal, { kind: 'professional' }>;

export type Grant =
  | {
      allowed: true;
      breakGlass: boolean;
      breakGlassIds: string[];
      /** The reason given for each opening, in `breakGlassIds`' order. */
      breakGlassReasons: string[];
      consentIds: string[];
    }
  | { allowed: false; code: 'consent_required' | 'consent_expired' | 'consent_revoked' };

export interface BreakGlassRecord {
  id: string;
  patient: PatientRef;
  startedAt: number;
  endsAt: number;
}

interface ConsentRow {
  id: string;
  patient_system: string;
  patient_value: string;
  performer_sub: string;
  performer_rpps: string;
  performer_finess: string | null;
  recorded_at: number;
  method: 'oral' | 'written';
  information_version: string;
  scope: string;
  duration: string;
  period_start: number;
  period_end: number;
  status: 'active' | 'inactive';
  revoked_at: number | null;
  revoked_by_role: string | null;
  revoked_by: string | null;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function fromRow(r: ConsentRow): ConsentRecord {
  const duration: ConsentDuration =
    r.duration === 'visit' ? { kind: 'visit' } : { kind: 'days', days: Number(r.duration) };
  return {
    id: r.id,
    patient: { system: r.patient_system, value: r.patient_value },
    performer: {
      sub: r.performer_sub,
      rpps: r.performer_rpps,
      ...(r.performer_finess ? { finess: r.performer_finess } : {}),
    },
    recordedAt: r.recorded_at,
    method: r.method,
    informationVersion: r.information_version,
    scope: r.scope,
    duration,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    status: r.status,
    ...(r.revoked_at !== null
      ? { revoked: { at: r.revoked_at, role: r.revoked_by_role ?? '', by: r.revoked_by ?? '' } }
      : {}),
  };
}

export class ConsentStore {
  constructor(
    private readonly db: GatewayDatabase,
    private readonly trail: AuditTrail,
    readonly settings: ConsentSettings,
  ) {}

  /** Whether a consent recorded by someone covers this professional (per region: person or structure). */
  covers(c: Pick<ConsentRecord, 'performer'>, pro: Professional): boolean {
    if (c.performer.rpps === pro.rpps) return true;
    return (
      this.settings.scopeBy === 'structure' &&
      pro.finess !== undefined &&
      c.performer.finess === pro.finess
    );
  }

  periodEnd(start: number, duration: ConsentDuration): number {
    return duration.kind === 'visit'
      ? start + this.settings.visitHours * HOUR
      : start + duration.days * DAY;
  }

  async create(
    req: ConsentRequest,
    pro: Professional,
    now: number,
    trace: Omit<AccessFacts, 'consentId' | 'action' | 'at' | 'patients' | 'status'>,
  ): Promise<ConsentRecord> {
    const record: ConsentRecord = {
      id: crypto.randomUUID(),
      patient: req.patient,
      performer: { sub: pro.sub, rpps: pro.rpps, ...(pro.finess ? { finess: pro.finess } : {}) },
      recordedAt: now,
      method: req.method,
      informationVersion: req.informationVersion,
      scope: EXTENDED_SEARCH,
      duration: req.duration,
      periodStart: now,
      periodEnd: this.periodEnd(now, req.duration),
      status: 'active',
    };
    await this.db.transaction(async (tx) => {
      // The order of recording breaks ties between consents of the same millisecond.
      await tx.run(
        `INSERT INTO consents (id, patient_system, patient_value, performer_sub, performer_rpps,
           performer_finess, recorded_at, method, information_version, scope, duration,
           period_start, period_end, status, recorded_order)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active',
           (SELECT COALESCE(MAX(recorded_order), 0) + 1 FROM consents))`,
        [
          record.id,
          record.patient.system,
          record.patient.value,
          pro.sub,
          pro.rpps,
          pro.finess ?? null,
          now,
          record.method,
          record.informationVersion,
          record.scope,
          record.duration.kind === 'visit' ? 'visit' : String(record.duration.days),
          record.periodStart,
          record.periodEnd,
        ],
      );
      await this.trail.appendInTransaction(tx, {
        ...trace,
        action: 'consent-created',
        at: now,
        patients: [record.patient],
        status: 201,
        consentId: record.id,
      });
    });
    return record;
  }

  async get(id: string, q: SqlRunner = this.db): Promise<ConsentRecord | undefined> {
    const row = await q.get<ConsentRow>('SELECT * FROM consents WHERE id = ?', [id]);
    return row ? fromRow(row) : undefined;
  }

  async forPatient(patient: PatientRef): Promise<ConsentRecord[]> {
    const rows = await this.db.all<ConsentRow>(
      `SELECT * FROM consents WHERE patient_system = ? AND patient_value = ?
         ORDER BY recorded_at DESC, recorded_order DESC`,
      [patient.system, patient.value],
    );
    return rows.map(fromRow);
  }

  /** `null` when it was already inactive: a revocation is recorded once. */
  async revoke(
    id: string,
    by: { role: string; id: string },
    now: number,
    trace: Omit<AccessFacts, 'consentId' | 'action' | 'at' | 'patients' | 'status'>,
  ): Promise<ConsentRecord | null> {
    return this.db.transaction(async (tx) => {
      const changed = await tx.run(
        `UPDATE consents SET status = 'inactive', revoked_at = ?, revoked_by_role = ?, revoked_by = ?
         WHERE id = ? AND status = 'active'`,
        [now, by.role, by.id, id],
      );
      if (changed === 0) return null;
      const result = await this.get(id, tx);
      if (!result) return null;
      await this.trail.appendInTransaction(tx, {
        ...trace,
        action: 'consent-revoked',
        at: now,
        patients: [result.patient],
        status: 200,
        consentId: id,
      });
      return result;
    });
  }

  async startBreakGlass(
    patient: PatientRef,
    pro: Professional,
    reason: string,
    now: number,
    trace: Omit<AccessFacts, 'action' | 'at' | 'patients' | 'status'>,
  ): Promise<BreakGlassRecord> {
    const rec: BreakGlassRecord = {
      id: crypto.randomUUID(),
      patient,
      startedAt: now,
      endsAt: now + this.settings.breakGlassMinutes * 60_000,
    };
    await this.db.transaction(async (tx) => {
      await tx.run(
        `INSERT INTO break_glass (id, patient_system, patient_value, sub, rpps, finess, reason, started_at, ends_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          rec.id,
          patient.system,
          patient.value,
          pro.sub,
          pro.rpps,
          pro.finess ?? null,
          reason,
          now,
          rec.endsAt,
        ],
      );
      await this.trail.appendInTransaction(tx, {
        ...trace,
        action: 'break-glass',
        at: now,
        patients: [patient],
        status: 201,
        breakGlass: true,
        breakGlassId: rec.id,
        reason,
      });
    });
    return rec;
  }

  /** Cheap first question: without any live grant there is nothing to resolve upstream. */
  async hasAnyGrant(pro: Professional, now: number): Promise<boolean> {
    const structure = this.settings.scopeBy === 'structure' && pro.finess !== undefined;
    const consent = await this.db.get(
      `SELECT 1 AS one FROM consents WHERE status = 'active' AND period_start <= ? AND period_end > ?
         AND (performer_rpps = ? ${structure ? 'OR performer_finess = ?' : ''}) LIMIT 1`,
      [now, now, pro.rpps, ...(structure ? [pro.finess ?? null] : [])],
    );
    if (consent) return true;
    return !!(await this.db.get(
      'SELECT 1 AS one FROM break_glass WHERE rpps = ? AND started_at <= ? AND ends_at > ? LIMIT 1',
      [pro.rpps, now, now],
    ));
  }

  /**
   * May `pro` reach these patients now? Each patient is a set of identifiers of one person;
   * a grant on any of them covers that person, and every person touched must be covered.
   */
  async grantFor(
    pro: Professional,
    patients: readonly (readonly PatientRef[])[],
    now: number,
  ): Promise<Grant> {
    const consentIds: string[] = [];
    const breakGlassIds: string[] = [];
    const breakGlassReasons: string[] = [];
    for (const identifiers of patients) {
      const consents = (await Promise.all(identifiers.map((p) => this.forPatient(p))))
        .flat()
        .filter((c) => this.covers(c, pro) && c.scope === EXTENDED_SEARCH)
        .sort((a, b) => b.recordedAt - a.recordedAt);
      const live = consents.find(
        (c) => c.status === 'active' && c.periodStart <= now && now < c.periodEnd,
      );
      if (live) {
        consentIds.push(live.id);
        continue;
      }
      const opening = await this.liveBreakGlass(pro, identifiers, now);
      if (opening !== undefined) {
        breakGlassIds.push(opening.id);
        breakGlassReasons.push(opening.reason);
        continue;
      }
      const latest = consents[0];
      if (!latest) return { allowed: false, code: 'consent_required' };
      return {
        allowed: false,
        code: latest.status === 'inactive' ? 'consent_revoked' : 'consent_expired',
      };
    }
    return {
      allowed: true,
      breakGlass: breakGlassIds.length > 0,
      breakGlassIds,
      breakGlassReasons,
      consentIds,
    };
  }

  /** The latest live break-the-glass opening covering this person, if any, with its reason. */
  private async liveBreakGlass(
    pro: Professional,
    identifiers: readonly PatientRef[],
    now: number,
  ): Promise<{ id: string; reason: string } | undefined> {
    for (const p of identifiers) {
      const row = await this.db.get<{ id: string; reason: string }>(
        `SELECT id, reason FROM break_glass WHERE patient_system = ? AND patient_value = ? AND rpps = ?
           AND started_at <= ? AND ends_at > ? ORDER BY started_at DESC LIMIT 1`,
        [p.system, p.value, pro.rpps, now, now],
      );
      if (row) return row;
    }
    return undefined;
  }
}

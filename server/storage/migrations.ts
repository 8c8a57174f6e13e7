// The gateway's schema, as numbered steps applied once each and recorded in
// `schema_migrations`: a database written by an older gateway is brought forward at start,
// never rebuilt. Append new steps; never edit one that has shipped.
import type { Database } from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'consents and break-the-glass',
    sql: `
      CREATE TABLE consents (
        id TEXT PRIMARY KEY,
        patient_system TEXT NOT NULL,
        patient_value TEXT NOT NULL,
        performer_sub TEXT NOT NULL,
        performer_rpps TEXT NOT NULL,
        performer_finess TEXT,
        recorded_at INTEGER NOT NULL,
        method TEXT NOT NULL CHECK (method IN ('oral', 'written')),
        information_version TEXT NOT NULL,
        scope TEXT NOT NULL,
        duration TEXT NOT NULL,
        period_start INTEGER NOT NULL,
        period_end INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('active', 'inactive')),
        revoked_at INTEGER,
        revoked_by_role TEXT,
        revoked_by TEXT
      );
      CREATE INDEX consents_by_patient ON consents (patient_system, patient_value);
      -- Proof of consent must outlive its withdrawal (GDPR art. 7): revoking is an update.
      CREATE TRIGGER consents_never_deleted BEFORE DELETE ON consents
        BEGIN SELECT RAISE(ABORT, 'consents are never deleted'); END;

      CREATE TABLE break_glass (
        id TEXT PRIMARY KEY,
        patient_system TEXT NOT NULL,
        patient_value TEXT NOT NULL,
        sub TEXT NOT NULL,
        rpps TEXT NOT NULL,
        finess TEXT,
        reason TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        ends_at INTEGER NOT NULL
      );
      CREATE INDEX break_glass_by_patient ON break_glass (patient_system, patient_value);
      CREATE TRIGGER break_glass_append_only_u BEFORE UPDATE ON break_glass
        BEGIN SELECT RAISE(ABORT, 'break-the-glass records are append-only'); END;
      CREATE TRIGGER break_glass_append_only_d BEFORE DELETE ON break_glass
        BEGIN SELECT RAISE(ABORT, 'break-the-glass records are append-only'); END;
    `,
  },
  {
    version: 2,
    name: 'hash-chained access trace',
    sql: `
      CREATE TABLE audit_events (
        seq INTEGER PRIMARY KEY,
        recorded_at INTEGER NOT NULL,
        body TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      );
      -- Derived from each body, for lookups; the chain covers the body itself.
      CREATE TABLE audit_patients (
        seq INTEGER NOT NULL REFERENCES audit_events (seq),
        patient_system TEXT NOT NULL,
        patient_value TEXT NOT NULL
      );
      CREATE INDEX audit_patients_by_patient ON audit_patients (patient_system, patient_value, seq);
      CREATE TABLE audit_studies (
        seq INTEGER NOT NULL REFERENCES audit_events (seq),
        study_uid TEXT NOT NULL
      );
      CREATE INDEX audit_studies_by_study ON audit_studies (study_uid, seq);
      -- The last link, so that cutting records off the end is detected too.
      CREATE TABLE audit_head (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        seq INTEGER NOT NULL,
        hash TEXT NOT NULL
      );
      CREATE TRIGGER audit_events_append_only_u BEFORE UPDATE ON audit_events
        BEGIN SELECT RAISE(ABORT, 'the access trace is append-only'); END;
      CREATE TRIGGER audit_events_append_only_d BEFORE DELETE ON audit_events
        BEGIN SELECT RAISE(ABORT, 'the access trace is append-only'); END;
    `,
  },
];

export function applyMigrations(
  db: Database,
  migrations: readonly Migration[] = MIGRATIONS,
): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const done = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map(
      (r) => r.version,
    ),
  );
  const applied: number[] = [];
  const record = db.prepare(
    'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
  );
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (done.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, new Date().toISOString());
    })();
    applied.push(m.version);
  }
  return applied;
}

// The SQLite dialect of the gateway's schema (see migrations.ts).
import type { Migration } from './migrations';

export const SQLITE_MIGRATIONS: readonly Migration[] = [
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
  {
    version: 3,
    name: 'launch records, used download tickets, and the order consents were recorded in',
    sql: `
      -- Several consents can share a millisecond; the newest must still come first.
      ALTER TABLE consents ADD COLUMN recorded_order INTEGER;
      UPDATE consents SET recorded_order = rowid;
      -- A launch waits here between the DPI's request and the user's claim, so that any
      -- gateway of the region can take it. The id is a hash of the link's key and the
      -- record is sealed with a key derived from it: the database alone opens nothing.
      CREATE TABLE launches (
        id TEXT PRIMARY KEY,
        sealed TEXT NOT NULL,
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX launches_by_expiry ON launches (expires_at);
      -- A download ticket is single-use across every gateway: a hash of each one used.
      CREATE TABLE used_tickets (
        id TEXT PRIMARY KEY,
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX used_tickets_by_expiry ON used_tickets (expires_at);
    `,
  },
];

// The PostgreSQL dialect of the gateway's schema (see migrations.ts): the same versions,
// tables and columns as sqliteMigrations.ts. Times are milliseconds since 1970 (BIGINT,
// read back as numbers by postgresDatabase.ts). Triggers refuse what SQLite's refuse, and
// TRUNCATE too, which row triggers would not see.
import type { Migration } from './migrations';

export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'consents and break-the-glass',
    sql: `
      CREATE FUNCTION drim_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION '%', TG_ARGV[0]; END $$;

      CREATE TABLE consents (
        id TEXT PRIMARY KEY,
        patient_system TEXT NOT NULL,
        patient_value TEXT NOT NULL,
        performer_sub TEXT NOT NULL,
        performer_rpps TEXT NOT NULL,
        performer_finess TEXT,
        recorded_at BIGINT NOT NULL,
        method TEXT NOT NULL CHECK (method IN ('oral', 'written')),
        information_version TEXT NOT NULL,
        scope TEXT NOT NULL,
        duration TEXT NOT NULL,
        period_start BIGINT NOT NULL,
        period_end BIGINT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('active', 'inactive')),
        revoked_at BIGINT,
        revoked_by_role TEXT,
        revoked_by TEXT
      );
      CREATE INDEX consents_by_patient ON consents (patient_system, patient_value);
      -- Proof of consent must outlive its withdrawal (GDPR art. 7): revoking is an update.
      CREATE TRIGGER consents_never_deleted BEFORE DELETE ON consents
        FOR EACH ROW EXECUTE FUNCTION drim_refuse('consents are never deleted');
      CREATE TRIGGER consents_never_truncated BEFORE TRUNCATE ON consents
        FOR EACH STATEMENT EXECUTE FUNCTION drim_refuse('consents are never deleted');

      CREATE TABLE break_glass (
        id TEXT PRIMARY KEY,
        patient_system TEXT NOT NULL,
        patient_value TEXT NOT NULL,
        sub TEXT NOT NULL,
        rpps TEXT NOT NULL,
        finess TEXT,
        reason TEXT NOT NULL,
        started_at BIGINT NOT NULL,
        ends_at BIGINT NOT NULL
      );
      CREATE INDEX break_glass_by_patient ON break_glass (patient_system, patient_value);
      CREATE TRIGGER break_glass_append_only BEFORE UPDATE OR DELETE ON break_glass
        FOR EACH ROW EXECUTE FUNCTION drim_refuse('break-the-glass records are append-only');
      CREATE TRIGGER break_glass_never_truncated BEFORE TRUNCATE ON break_glass
        FOR EACH STATEMENT EXECUTE FUNCTION drim_refuse('break-the-glass records are append-only');
    `,
  },
  {
    version: 2,
    name: 'hash-chained access trace',
    sql: `
      CREATE TABLE audit_events (
        seq BIGINT PRIMARY KEY,
        recorded_at BIGINT NOT NULL,
        body TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      );
      -- Derived from each body, for lookups; the chain covers the body itself.
      CREATE TABLE audit_patients (
        seq BIGINT NOT NULL REFERENCES audit_events (seq),
        patient_system TEXT NOT NULL,
        patient_value TEXT NOT NULL
      );
      CREATE INDEX audit_patients_by_patient ON audit_patients (patient_system, patient_value, seq);
      CREATE TABLE audit_studies (
        seq BIGINT NOT NULL REFERENCES audit_events (seq),
        study_uid TEXT NOT NULL
      );
      CREATE INDEX audit_studies_by_study ON audit_studies (study_uid, seq);
      -- The last link, so that cutting records off the end is detected too.
      CREATE TABLE audit_head (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        seq BIGINT NOT NULL,
        hash TEXT NOT NULL
      );
      CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
        FOR EACH ROW EXECUTE FUNCTION drim_refuse('the access trace is append-only');
      CREATE TRIGGER audit_events_never_truncated BEFORE TRUNCATE ON audit_events
        FOR EACH STATEMENT EXECUTE FUNCTION drim_refuse('the access trace is append-only');
    `,
  },
  {
    version: 3,
    name: 'launch records, used download tickets, and the order consents were recorded in',
    sql: `
      ALTER TABLE consents ADD COLUMN recorded_order BIGINT;
      CREATE TABLE launches (
        id TEXT PRIMARY KEY,
        sealed TEXT NOT NULL,
        expires_at BIGINT NOT NULL
      );
      CREATE INDEX launches_by_expiry ON launches (expires_at);
      CREATE TABLE used_tickets (
        id TEXT PRIMARY KEY,
        expires_at BIGINT NOT NULL
      );
      CREATE INDEX used_tickets_by_expiry ON used_tickets (expires_at);
    `,
  },
];

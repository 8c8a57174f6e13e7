import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE, openDatabase } from './database';
import { applyMigrations, MIGRATIONS } from './migrations';

const dirs: string[] = [];
const tempDir = (): string => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'drim-db-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('gateway database', () => {
  it('is a WAL file with synchronous FULL, and records each migration once', () => {
    const dir = tempDir();
    const db = openDatabase(dir);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    // 2 = FULL: a commit returns only once the WAL is synced.
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    const versions = db.prepare('SELECT version FROM schema_migrations ORDER BY version').all();
    expect(versions).toEqual(MIGRATIONS.map((m) => ({ version: m.version })));
    db.close();
    expect(fs.existsSync(path.join(dir, DATABASE_FILE))).toBe(true);

    // A second start applies nothing again and keeps the data.
    const again = openDatabase(dir);
    expect(applyMigrations(again)).toEqual([]);
    again.close();
  });

  it('brings an older database forward with only the missing steps', () => {
    const db = new Database(':memory:');
    expect(applyMigrations(db, MIGRATIONS.slice(0, 1))).toEqual([1]);
    expect(applyMigrations(db)).toEqual(MIGRATIONS.slice(1).map((m) => m.version));
  });

  it('refuses to delete a consent or to rewrite the access trace', () => {
    const db = openDatabase();
    db.prepare(
      `INSERT INTO consents VALUES ('c1','urn:oid:1.2','1','sub','rpps',NULL,0,'oral','v1','s','visit',0,1,'active',NULL,NULL,NULL)`,
    ).run();
    expect(() => db.prepare("DELETE FROM consents WHERE id = 'c1'").run()).toThrow(/never deleted/);
    db.prepare(
      "INSERT INTO audit_events (seq, recorded_at, body, prev_hash, hash) VALUES (1, 0, '{}', 'a', 'b')",
    ).run();
    expect(() => db.prepare('UPDATE audit_events SET body = \'{"x":1}\'').run()).toThrow(
      /append-only/,
    );
    expect(() => db.prepare('DELETE FROM audit_events').run()).toThrow(/append-only/);
  });
});

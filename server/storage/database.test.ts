import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from './database';
import { openDatabase } from './openDatabase';
import { applyMigrations } from './migrations';
import { numberPlaceholders } from './postgresDatabase';
import { openSqliteFile, SqliteDatabase } from './sqliteDatabase';
import { SQLITE_MIGRATIONS } from './sqliteMigrations';

const dirs: string[] = [];
const tempDir = (): string => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'drim-db-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('gateway database (SQLite)', () => {
  it('is a WAL file with synchronous FULL, and records each migration once', async () => {
    const dir = tempDir();
    const db = (await openDatabase(undefined, dir)) as SqliteDatabase;
    expect(db.raw.pragma('journal_mode', { simple: true })).toBe('wal');
    // 2 = FULL: a commit returns only once the WAL is synced.
    expect(db.raw.pragma('synchronous', { simple: true })).toBe(2);
    const versions = await db.all('SELECT version FROM schema_migrations ORDER BY version');
    expect(versions).toEqual(SQLITE_MIGRATIONS.map((m) => ({ version: m.version })));
    await db.close();
    expect(fs.existsSync(path.join(dir, DATABASE_FILE))).toBe(true);

    // A second start applies nothing again and keeps the data.
    const again = await openDatabase(undefined, dir);
    expect(await applyMigrations(again, SQLITE_MIGRATIONS)).toEqual([]);
    await again.close();
  });

  it('brings an older database forward with only the missing steps, keeping its consents in order', async () => {
    const db = new SqliteDatabase(openSqliteFile());
    expect(await applyMigrations(db, SQLITE_MIGRATIONS.slice(0, 2))).toEqual([1, 2]);
    for (const id of ['first', 'second']) {
      await db.run(
        `INSERT INTO consents VALUES (?,'urn:oid:1.2','1','sub','rpps',NULL,5,'oral','v1','s','visit',0,1,'active',NULL,NULL,NULL)`,
        [id],
      );
    }
    expect(await applyMigrations(db, SQLITE_MIGRATIONS)).toEqual(
      SQLITE_MIGRATIONS.slice(2).map((m) => m.version),
    );
    const rows = await db.all<{ id: string }>(
      'SELECT id FROM consents ORDER BY recorded_at DESC, recorded_order DESC',
    );
    expect(rows.map((r) => r.id)).toEqual(['second', 'first']);
  });

  it('refuses to delete a consent or to rewrite the access trace', async () => {
    const db = await openDatabase(undefined);
    await db.run(
      `INSERT INTO consents (id, patient_system, patient_value, performer_sub, performer_rpps,
         recorded_at, method, information_version, scope, duration, period_start, period_end, status)
       VALUES ('c1','urn:oid:1.2','1','sub','rpps',0,'oral','v1','s','visit',0,1,'active')`,
    );
    await expect(db.run("DELETE FROM consents WHERE id = 'c1'")).rejects.toThrow(/never deleted/);
    await db.run(
      "INSERT INTO audit_events (seq, recorded_at, body, prev_hash, hash) VALUES (1, 0, '{}', 'a', 'b')",
    );
    await expect(db.run('UPDATE audit_events SET body = \'{"x":1}\'')).rejects.toThrow(
      /append-only/,
    );
    await expect(db.run('DELETE FROM audit_events')).rejects.toThrow(/append-only/);
  });

  it('keeps a statement issued during a transaction out of it', async () => {
    const db = await openDatabase(undefined);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const failing = db.transaction(async (tx) => {
      await tx.run("INSERT INTO launches (id, sealed, expires_at) VALUES ('inside', 'x', 1)");
      await held;
      throw new Error('rolled back');
    });
    const outside = db.run(
      "INSERT INTO launches (id, sealed, expires_at) VALUES ('outside', 'y', 1)",
    );
    release();
    await expect(failing).rejects.toThrow('rolled back');
    await outside;
    expect(await db.all('SELECT id FROM launches')).toEqual([{ id: 'outside' }]);
  });
});

describe('PostgreSQL placeholders', () => {
  it('numbers each ? in order', () => {
    expect(numberPlaceholders('SELECT ? , ? FROM t WHERE a IN (?, ?)')).toBe(
      'SELECT $1 , $2 FROM t WHERE a IN ($3, $4)',
    );
  });
});

describe('commits that need not wait for the disk', () => {
  it('run without the sync, then the connection is back to synced commits', async () => {
    const db = (await openDatabase(undefined, tempDir())) as SqliteDatabase;
    const seen: number[] = [];
    await db.transaction(
      async (tx) => {
        seen.push(Number(db.raw.pragma('synchronous', { simple: true })));
        await tx.run("INSERT INTO launches (id, sealed, expires_at) VALUES ('a', 'x', 1)");
      },
      { durable: false },
    );
    await db.transaction(async () => {
      seen.push(Number(db.raw.pragma('synchronous', { simple: true })));
    });
    // 1 = NORMAL (WAL without the commit's fsync), 2 = FULL.
    expect(seen).toEqual([1, 2]);
    expect(db.raw.pragma('synchronous', { simple: true })).toBe(2);
    expect(await db.all('SELECT id FROM launches')).toEqual([{ id: 'a' }]);
    await db.close();
  });
});

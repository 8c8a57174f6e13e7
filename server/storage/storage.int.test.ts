// The storage contract on both engines, the way a region uses it: two gateways (two
// connections of their own) writing to one database at the same time. SQLite is one file
// opened twice; PostgreSQL is the stack's real server, with a fresh database for this suite.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStackInfo } from '../../dev/stack/stackInfo';
import type { AccessFacts } from '../audit/auditEvent';
import { AuditTrail } from '../audit/auditTrail';
import { verifyChain } from '../audit/chain';
import { LaunchStore } from '../launch/launchStore';
import { freshPostgresDatabase, type FreshPostgres } from '../testing/freshPostgres';
import type { Dialect, GatewayDatabase } from './database';
import { openDatabase } from './openDatabase';

const facts = (gateway: number, i: number): AccessFacts => ({
  action: 'retrieve',
  at: 1_700_000_000_000 + gateway * 1_000_000 + i,
  actor: { role: 'professional', sub: `gateway-${gateway}`, rpps: '99900012345' },
  patients: [{ system: 'urn:oid:1.2.250.1.213.1.4.10', value: '258037512345653' }],
  sourceId: 'archive-regionale',
  studyUid: `1.2.3.${i}`,
  status: 200,
  clientAddress: '127.0.0.1',
});

interface Engine {
  dialect: Dialect;
  /** A new connection (a gateway of its own) to the suite's database, migrated. */
  open(): Promise<GatewayDatabase>;
  cleanup(): Promise<void>;
}

/**
 * SQLite is the one-gateway engine: "two gateways" share its one connection, as concurrent
 * requests of one gateway do. (Two connections in one thread would wait on each other's
 * lock synchronously, forever.)
 */
async function sqliteEngine(): Promise<Engine> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drim-storage-int-'));
  let shared: Promise<GatewayDatabase> | undefined;
  const open = async (): Promise<GatewayDatabase> => {
    shared ??= openDatabase({ kind: 'sqlite' }, dir);
    const db = await shared;
    // Each gateway closes its own handle: the shared one closes once.
    return {
      ...db,
      dialect: db.dialect,
      all: db.all.bind(db),
      get: db.get.bind(db),
      run: db.run.bind(db),
      exec: db.exec.bind(db),
      transaction: db.transaction.bind(db),
      close: async () => undefined,
    };
  };
  return {
    dialect: 'sqlite',
    open,
    cleanup: async () => {
      if (shared) await (await shared).close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function postgresEngine(): Promise<Engine> {
  const fresh: FreshPostgres = await freshPostgresDatabase(readStackInfo().postgres);
  return {
    dialect: 'postgresql',
    open: () => openDatabase(fresh.storage),
    cleanup: () => fresh.drop(),
  };
}

describe.each([
  ['sqlite', sqliteEngine],
  ['postgresql', postgresEngine],
] as const)('gateway storage on %s', (_name, makeEngine) => {
  let engine: Engine;
  let one: GatewayDatabase;
  let two: GatewayDatabase;

  beforeAll(async () => {
    engine = await makeEngine();
    // Two gateways starting together both migrate: the migration lock makes them take turns.
    [one, two] = await Promise.all([engine.open(), engine.open()]);
  }, 30_000);

  afterAll(async () => {
    await Promise.all([one?.close(), two?.close()]);
    await engine?.cleanup();
  });

  it('keeps one verifiable chain when two gateways write the trace at once', async () => {
    const trails = [new AuditTrail(one), new AuditTrail(two)];
    const writes: Promise<void>[] = [];
    for (let round = 0; round < 20; round++) {
      trails.forEach((trail, g) => {
        for (let i = 0; i < 10; i++) trail.append(facts(g, round * 10 + i));
        writes.push(trail.flush());
      });
    }
    await Promise.all(writes);
    expect(await verifyChain(one)).toEqual({ ok: true, records: 400 });
    const fromTwo = await one.get<{ n: number }>(
      'SELECT count(*) AS n FROM audit_events WHERE recorded_at >= ?',
      [1_700_001_000_000],
    );
    expect(Number(fromTwo?.n)).toBe(200);
  });

  it('refuses to delete or rewrite the trace and consents, truncation included', async () => {
    await expect(one.run('DELETE FROM audit_events WHERE seq = 1')).rejects.toThrow(/append-only/);
    await expect(one.run("UPDATE audit_events SET body = '{}' WHERE seq = 2")).rejects.toThrow(
      /append-only/,
    );
    await one.run(
      `INSERT INTO consents (id, patient_system, patient_value, performer_sub, performer_rpps,
         recorded_at, method, information_version, scope, duration, period_start, period_end, status)
       VALUES ('c1', 'urn:oid:1.2', '1', 'sub', 'rpps', 0, 'oral', 'v1', 's', 'visit', 0, 1, 'active')`,
    );
    await expect(one.run("DELETE FROM consents WHERE id = 'c1'")).rejects.toThrow(/never deleted/);
    if (engine.dialect === 'postgresql') {
      await expect(one.exec('TRUNCATE audit_events CASCADE')).rejects.toThrow(/append-only/);
      await expect(one.exec('TRUNCATE consents')).rejects.toThrow(/never deleted/);
    }
    expect(await verifyChain(two)).toEqual({ ok: true, records: 400 });
  });

  it('commits the trace of reads without waiting for the disk, and nothing else', async () => {
    const level = (tx: { get<T>(sql: string): Promise<T | undefined> }) =>
      engine.dialect === 'postgresql'
        ? tx
            .get<{ synchronous_commit: string }>('SHOW synchronous_commit')
            .then((r) => (r?.synchronous_commit === 'off' ? 'async' : 'synced'))
        : tx
            .get<{ synchronous: number }>('PRAGMA synchronous')
            .then((r) => (r?.synchronous === 2 ? 'synced' : 'async'));
    expect(await one.transaction((tx) => level(tx), { durable: false })).toBe('async');
    expect(await one.transaction((tx) => level(tx))).toBe('synced');
    expect(await level(one)).toBe('synced');
  });

  it('hands a launch put through one gateway to exactly one of two claims through both', async () => {
    const key = await new LaunchStore<string>(one, 'launch').put('the launch');
    const claims = await Promise.all([
      new LaunchStore<string>(one, 'launch').take(key),
      new LaunchStore<string>(two, 'launch').take(key),
    ]);
    expect(claims.filter((c) => c !== undefined)).toEqual(['the launch']);
  });

  it('detects a deleted record once the triggers are out of the way', async () => {
    // What an intruder with the database's owner rights could do.
    if (engine.dialect === 'postgresql') {
      await one.exec('ALTER TABLE audit_events DISABLE TRIGGER USER');
    } else {
      await one.exec('DROP TRIGGER audit_events_append_only_d');
    }
    await one.run('DELETE FROM audit_patients WHERE seq = 7');
    await one.run('DELETE FROM audit_studies WHERE seq = 7');
    await one.run('DELETE FROM audit_events WHERE seq = 7');
    expect(await verifyChain(two)).toMatchObject({ ok: false, seq: 8 });
  });
});

describe('the two dialects', () => {
  let sqlite: Engine;
  let postgres: Engine;
  beforeAll(async () => {
    [sqlite, postgres] = await Promise.all([sqliteEngine(), postgresEngine()]);
  }, 30_000);
  afterAll(async () => {
    await Promise.all([sqlite?.cleanup(), postgres?.cleanup()]);
  });

  it('define the same tables and columns, with the same nullability and keys', async () => {
    const lite = await sqlite.open();
    const pgdb = await postgres.open();
    const liteTables = await lite.all<{ name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table'",
    );
    const liteColumns: string[] = [];
    // Sorted here, not in SQL: PostgreSQL's collation would order names its own way.
    for (const name of liteTables.map((t) => t.name).sort()) {
      const cols = await lite.all<{ name: string; notnull: number; pk: number }>(
        `SELECT name, "notnull", pk FROM pragma_table_info('${name}')`,
      );
      for (const c of cols) {
        // A PRIMARY KEY is NOT NULL in PostgreSQL whatever it says; SQLite lets INTEGER keys say less.
        liteColumns.push(
          `${name}.${c.name} ${c.notnull || c.pk ? 'not null' : 'null'}${c.pk ? ' pk' : ''}`,
        );
      }
    }
    const pgColumns = (
      await pgdb.all<{ table_name: string; column_name: string; is_nullable: string; pk: boolean }>(
        `SELECT c.table_name, c.column_name, c.is_nullable,
           EXISTS (SELECT 1 FROM information_schema.table_constraints t
             JOIN information_schema.key_column_usage k ON k.constraint_name = t.constraint_name
               AND k.table_name = t.table_name
             WHERE t.constraint_type = 'PRIMARY KEY' AND t.table_name = c.table_name
               AND k.column_name = c.column_name) AS pk
         FROM information_schema.columns c WHERE c.table_schema = 'public'
         ORDER BY c.ordinal_position`,
      )
    )
      .sort((a, b) => (a.table_name < b.table_name ? -1 : a.table_name > b.table_name ? 1 : 0))
      .map(
        (c) =>
          `${c.table_name}.${c.column_name} ${c.is_nullable === 'NO' ? 'not null' : 'null'}${c.pk ? ' pk' : ''}`,
      );
    expect(pgColumns).toEqual(liteColumns);
    expect(liteColumns.length).toBeGreaterThan(40);
    await Promise.all([lite.close(), pgdb.close()]);
  });

  it('are read back alike: times in milliseconds come back as numbers', async () => {
    const db = await postgres.open();
    await db.run('INSERT INTO launches (id, sealed, expires_at) VALUES (?, ?, ?)', [
      'x',
      'y',
      1_765_000_000_123,
    ]);
    expect(await db.get('SELECT expires_at FROM launches')).toEqual({
      expires_at: 1_765_000_000_123,
    });
    await db.close();
  });
});

// SQLite through better-sqlite3: WAL with synchronous=FULL, so a write the API has
// acknowledged is on disk and survives a kill -9 or a power cut; readers never block the
// writer. The driver is synchronous: an async transaction holds a queue so that no other
// statement of this process lands inside it while it awaits.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type {
  GatewayDatabase,
  SqlRunner,
  SqlValue,
  Transaction,
  TransactionOptions,
} from './database';
import { DATABASE_FILE } from './database';
import { applyMigrations } from './migrations';
import { SQLITE_MIGRATIONS } from './sqliteMigrations';

export function openSqliteFile(dataDir?: string): Database.Database {
  let db: Database.Database;
  if (dataDir) {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    db = new Database(path.join(dataDir, DATABASE_FILE));
    db.pragma('journal_mode = WAL');
  } else {
    db = new Database(':memory:');
  }
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}

function runnerOver(db: Database.Database): SqlRunner {
  const statements = new Map<string, Database.Statement>();
  const prepared = (sql: string): Database.Statement => {
    let s = statements.get(sql);
    if (!s) {
      s = db.prepare(sql);
      statements.set(sql, s);
    }
    return s;
  };
  // async: a refused statement (a trigger, a constraint) rejects instead of throwing.
  return {
    all: async <T>(sql: string, params: readonly SqlValue[] = []) =>
      prepared(sql).all(...params) as T[],
    get: async <T>(sql: string, params: readonly SqlValue[] = []) =>
      prepared(sql).get(...params) as T | undefined,
    run: async (sql: string, params: readonly SqlValue[] = []) =>
      prepared(sql).run(...params).changes,
    exec: async (sql: string) => {
      db.exec(sql);
    },
  };
}

export class SqliteDatabase implements GatewayDatabase {
  readonly dialect = 'sqlite' as const;
  readonly #runner: SqlRunner;
  /** The tail of the queue of transactions: one at a time on the one connection. */
  #queue: Promise<unknown> = Promise.resolve();
  #inTransaction = false;

  constructor(readonly raw: Database.Database) {
    this.#runner = runnerOver(raw);
  }

  all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
    return this.#outside(() => this.#runner.all<T>(sql, params));
  }

  get<T>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined> {
    return this.#outside(() => this.#runner.get<T>(sql, params));
  }

  run(sql: string, params?: readonly SqlValue[]): Promise<number> {
    return this.#outside(() => this.#runner.run(sql, params));
  }

  exec(sql: string): Promise<void> {
    return this.#outside(() => this.#runner.exec(sql));
  }

  transaction<T>(
    fn: (tx: Transaction) => Promise<T>,
    options: TransactionOptions = {},
  ): Promise<T> {
    const durable = options.durable ?? true;
    // BEGIN IMMEDIATE already holds the database's one write lock: nothing more to take.
    const tx: Transaction = { ...this.#runner, lock: () => Promise.resolve() };
    return this.#enqueue(async () => {
      // Per commit: the next durable commit syncs the WAL, and with it this one's frames.
      if (!durable) this.raw.pragma('synchronous = NORMAL');
      this.raw.exec('BEGIN IMMEDIATE');
      this.#inTransaction = true;
      try {
        const result = await fn(tx);
        this.raw.exec('COMMIT');
        return result;
      } catch (err) {
        if (this.raw.inTransaction) this.raw.exec('ROLLBACK');
        throw err;
      } finally {
        this.#inTransaction = false;
        if (!durable) this.raw.pragma('synchronous = FULL');
      }
    });
  }

  close(): Promise<void> {
    return this.#enqueue(() => {
      this.raw.close();
      return Promise.resolve();
    });
  }

  /** Statements outside a transaction run at once unless one is open, then after it. */
  #outside<T>(fn: () => Promise<T>): Promise<T> {
    return this.#inTransaction ? this.#enqueue(fn) : fn();
  }

  #enqueue<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(fn, fn);
    this.#queue = next.catch(() => undefined);
    return next;
  }
}

export async function openSqlite(dataDir?: string): Promise<SqliteDatabase> {
  const db = new SqliteDatabase(openSqliteFile(dataDir));
  await applyMigrations(db, SQLITE_MIGRATIONS);
  return db;
}

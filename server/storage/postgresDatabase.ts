// PostgreSQL through `pg`'s pool: the region's gateways share one database, so everything a
// second gateway must see (consents, break-the-glass, launch records, the trace) is there.
// Commits are synchronous (the server's default): acknowledged means on the primary's disk.
import fs from 'node:fs';
import pg from 'pg';
import type {
  GatewayDatabase,
  LockName,
  SqlRunner,
  SqlValue,
  StorageConfig,
  Transaction,
  TransactionOptions,
} from './database';
import { applyMigrations } from './migrations';
import { POSTGRES_MIGRATIONS } from './postgresMigrations';

type PostgresConfig = Extract<StorageConfig, { kind: 'postgresql' }>;

const INT8_OID = 20;
/** Times are milliseconds and sequences are counts: far below 2^53, so plain numbers. */
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === INT8_OID
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/** Arbitrary but fixed: every gateway must take the same advisory lock for the same thing. */
const LOCK_KEYS: Record<LockName, number> = { 'trace-head': 71_190_001, migrations: 71_190_002 };

/** `?` placeholders become `$1`, `$2`…: our SQL never holds a literal `?`. */
export function numberPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

function runnerOver(q: pg.Pool | pg.PoolClient): SqlRunner {
  const query = <T extends pg.QueryResultRow>(sql: string, params: readonly SqlValue[] = []) =>
    q.query<T>(numberPlaceholders(sql), params as SqlValue[]);
  return {
    all: async <T>(sql: string, params?: readonly SqlValue[]) =>
      (await query(sql, params)).rows as T[],
    get: async <T>(sql: string, params?: readonly SqlValue[]) =>
      (await query(sql, params)).rows[0] as T | undefined,
    run: async (sql: string, params?: readonly SqlValue[]) =>
      (await query(sql, params)).rowCount ?? 0,
    exec: async (sql: string) => {
      await q.query(sql);
    },
  };
}

export class PostgresDatabase implements GatewayDatabase {
  readonly dialect = 'postgresql' as const;
  readonly #runner: SqlRunner;

  constructor(private readonly pool: pg.Pool) {
    this.#runner = runnerOver(pool);
  }

  all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
    return this.#runner.all<T>(sql, params);
  }

  get<T>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined> {
    return this.#runner.get<T>(sql, params);
  }

  run(sql: string, params?: readonly SqlValue[]): Promise<number> {
    return this.#runner.run(sql, params);
  }

  exec(sql: string): Promise<void> {
    return this.#runner.exec(sql);
  }

  async transaction<T>(
    fn: (tx: Transaction) => Promise<T>,
    options: TransactionOptions = {},
  ): Promise<T> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      if (options.durable === false) await client.query('SET LOCAL synchronous_commit = off');
      const tx: Transaction = {
        ...runnerOver(client),
        lock: async (name) => {
          await client.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEYS[name]]);
        },
      };
      const result = await fn(tx);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      throw err;
    } finally {
      // A connection that could not roll back is not given to the next request.
      client.release(broken);
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

/**
 * Where to connect, from a postgresql:// URL and a password kept apart from it. Given as
 * fields: `pg` lets a connection string override an explicit password with none.
 */
export function connectionFields(url: string, password: string | undefined): pg.ClientConfig {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : 5432,
    database: decodeURIComponent(u.pathname.replace(/^\//, '')),
    user: decodeURIComponent(u.username),
    ...(password !== undefined
      ? { password }
      : u.password
        ? { password: decodeURIComponent(u.password) }
        : {}),
  };
}

/** A pool on the region's database, without touching its schema (audit:verify reads only). */
export function connectPostgres(config: PostgresConfig): PostgresDatabase {
  const password = config.passwordFile
    ? fs.readFileSync(config.passwordFile, 'utf8').trim()
    : undefined;
  const pool = new pg.Pool({
    ...connectionFields(process.env.DRIM_DATABASE_URL ?? config.url, password),
    max: config.poolSize ?? 10,
    types,
    // A database that does not answer must fail a request, not hang it.
    connectionTimeoutMillis: 5_000,
    query_timeout: 15_000,
    application_name: 'drim-gateway',
  });
  // An idle connection the server dropped (restart, failover) must not crash the gateway;
  // the pool replaces it and the next query reports any lasting problem.
  pool.on('error', () => undefined);
  return new PostgresDatabase(pool);
}

export async function openPostgres(config: PostgresConfig): Promise<PostgresDatabase> {
  const db = connectPostgres(config);
  try {
    await applyMigrations(db, POSTGRES_MIGRATIONS);
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
  return db;
}

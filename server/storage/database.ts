// The gateway's own durable state (consents, break-the-glass, launch records, the access
// trace) behind one small async interface, so that one gateway with an SQLite file (the
// embedded default) and a region's gateways sharing one PostgreSQL run the same code.
// SQL is written once with `?` placeholders, in the subset both engines read alike.
import type { RegionConfig } from '../config/schema';

export type SqlValue = string | number | null;

export interface SqlRunner {
  all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  get<T>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  /** The number of rows changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /** A script of several statements, without parameters (migrations, tests). */
  exec(sql: string): Promise<void>;
}

export type Dialect = 'sqlite' | 'postgresql';

export interface TransactionOptions {
  /**
   * false: the commit returns before the disk has it (SQLite WAL without its sync,
   * PostgreSQL's asynchronous commit). A killed process loses nothing; a power cut may lose
   * the last fraction of a second — and never corrupts. For what nobody has been told is
   * saved: the trace of reads. Default true.
   */
  durable?: boolean;
}

export interface GatewayDatabase extends SqlRunner {
  readonly dialect: Dialect;
  /** Everything `fn` does through `tx` commits together, or not at all. */
  transaction<T>(fn: (tx: Transaction) => Promise<T>, options?: TransactionOptions): Promise<T>;
  close(): Promise<void>;
}

/**
 * What a transaction serialises against every other writer of the database, other
 * gateways included: the trace's head (the chain stays one chain), and the schema.
 */
export type LockName = 'trace-head' | 'migrations';

export interface Transaction extends SqlRunner {
  /** Held until this transaction ends. */
  lock(name: LockName): Promise<void>;
}

export const DATABASE_FILE = 'drim-gateway.sqlite';

export type StorageConfig = NonNullable<RegionConfig['storage']>;

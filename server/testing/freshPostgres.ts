// A database of its own for one integration suite, on the stack's PostgreSQL (dev/stack/
// postgres.ts): created empty, dropped at the end, so suites never see each other's rows.
import crypto from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import type { StorageConfig } from '../storage/database';
import { connectionFields } from '../storage/postgresDatabase';

export interface FreshPostgres {
  storage: Extract<StorageConfig, { kind: 'postgresql' }>;
  drop(): Promise<void>;
}

/** `server`: the stack's PostgreSQL as stack.json describes it (no password in the URL). */
export async function freshPostgresDatabase(
  server: { url: string; passwordFile: string } | undefined,
): Promise<FreshPostgres> {
  if (!server) throw new Error('stack.json has no PostgreSQL: is the stack current?');
  const password = fs.readFileSync(server.passwordFile, 'utf8').trim();
  const name = `drim_t_${crypto.randomBytes(6).toString('hex')}`;
  const admin = async (sql: string): Promise<void> => {
    const client = new pg.Client(connectionFields(server.url, password));
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  return {
    storage: { kind: 'postgresql', url: url.toString(), passwordFile: server.passwordFile },
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

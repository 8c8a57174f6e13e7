// The gateway's schema, as numbered steps applied once each and recorded in
// `schema_migrations`: a database written by an older gateway is brought forward at start,
// never rebuilt. Each dialect has its own list (sqliteMigrations.ts, postgresMigrations.ts)
// with the same versions, tables and columns (schemaParity.int.test.ts compares them).
// Append new steps; never edit one that has shipped.
import type { GatewayDatabase } from './database';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The versions applied now; one transaction, so gateways starting together take turns. */
export async function applyMigrations(
  db: GatewayDatabase,
  migrations: readonly Migration[],
): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.lock('migrations');
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      applied_at TEXT NOT NULL
    )`);
    const rows = await tx.all<{ version: number }>('SELECT version FROM schema_migrations');
    const done = new Set(rows.map((r) => Number(r.version)));
    const applied: number[] = [];
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      await tx.exec(m.sql);
      await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
        m.version,
        m.name,
        new Date().toISOString(),
      ]);
      applied.push(m.version);
    }
    return applied;
  });
}

// The gateway's own durable state (consents, break-the-glass, access trace) in one SQLite
// file under --data-dir. WAL with synchronous=FULL: a write the API has acknowledged is on
// disk and survives a kill -9 or a power cut; readers never block the writer.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { applyMigrations } from './migrations';

export type GatewayDatabase = Database.Database;

export const DATABASE_FILE = 'drim-gateway.sqlite';

/** Without a folder the database lives in memory: for tests, and nothing survives. */
export function openDatabase(dataDir?: string): GatewayDatabase {
  let db: GatewayDatabase;
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
  applyMigrations(db);
  return db;
}

// The storage a gateway's config names, migrated and ready.
import type { GatewayDatabase, StorageConfig } from './database';
import { openPostgres } from './postgresDatabase';
import { openSqlite } from './sqliteDatabase';

/**
 * SQLite under `dataDir` (in memory without it: tests, nothing survives), or the region's
 * PostgreSQL. Migrations are applied before this resolves.
 */
export async function openDatabase(
  storage: StorageConfig | undefined,
  dataDir?: string,
): Promise<GatewayDatabase> {
  if (storage?.kind === 'postgresql') return openPostgres(storage);
  return openSqlite(dataDir);
}

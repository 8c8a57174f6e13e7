// Checks a gateway's access trace:
//   node --import tsx server/audit/verifyChain.ts --data-dir DIR        (SQLite)
//   node --import tsx server/audit/verifyChain.ts --config region.json  (its `storage`)
// Exit code 0: intact; 1: broken (the first bad record is named); 2: cannot check.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { loadRegionConfig } from '../config/loadConfig';
import { DATABASE_FILE, type GatewayDatabase } from '../storage/database';
import { connectPostgres } from '../storage/postgresDatabase';
import { SqliteDatabase } from '../storage/sqliteDatabase';
import { verifyChain } from './chain';

class CannotCheck extends Error {}

function openReadOnly(
  dataDir: string | undefined,
  configFile: string | undefined,
): GatewayDatabase {
  const storage = configFile ? loadRegionConfig(configFile).storage : undefined;
  if (storage?.kind === 'postgresql') return connectPostgres({ ...storage, poolSize: 1 });
  if (!dataDir) {
    throw new CannotCheck(
      'Option --data-dir manquante (le dossier de données de la passerelle), ou --config d’une région en PostgreSQL.',
    );
  }
  const file = path.join(dataDir, DATABASE_FILE);
  if (!fs.existsSync(file)) throw new CannotCheck(`Aucune base de la passerelle dans ${dataDir}.`);
  return new SqliteDatabase(new Database(file, { readonly: true, fileMustExist: true }));
}

async function main(): Promise<number> {
  let db: GatewayDatabase;
  try {
    const { values } = parseArgs({
      options: { 'data-dir': { type: 'string' }, config: { type: 'string' } },
      strict: true,
    });
    db = openReadOnly(values['data-dir'], values.config);
  } catch (err) {
    // What the operator can act on: a missing option, an unreadable config or file.
    console.error(err instanceof Error ? err.message : String(err));
    return 2;
  }
  try {
    const result = await verifyChain(db);
    if (result.ok) {
      console.log(`Journal des accès intact : ${result.records} enregistrements vérifiés.`);
      return 0;
    }
    console.error(
      `Journal des accès ROMPU à l’enregistrement ${result.seq} : ${result.problem} ` +
        `(${result.records} enregistrements valides avant lui).`,
    );
    return 1;
  } catch (err) {
    console.error(
      `Lecture du journal impossible : ${err instanceof Error ? err.message : String(err)}`,
    );
    return 2;
  } finally {
    await db.close().catch(() => undefined);
  }
}

process.exitCode = await main();

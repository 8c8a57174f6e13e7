// Checks a gateway's access trace:
//   node --import tsx server/audit/verifyChain.ts --data-dir DIR
// Exit code 0: intact; 1: broken (the first bad record is named); 2: cannot check.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { DATABASE_FILE } from '../storage/database';
import { verifyChain } from './chain';

function main(): number {
  let dataDir: string | undefined;
  try {
    dataDir = parseArgs({ options: { 'data-dir': { type: 'string' } }, strict: true }).values[
      'data-dir'
    ];
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    return 2;
  }
  if (!dataDir) {
    console.error('Option --data-dir manquante (le dossier de données de la passerelle).');
    return 2;
  }
  const file = path.join(dataDir, DATABASE_FILE);
  if (!fs.existsSync(file)) {
    console.error(`Aucune base de la passerelle dans ${dataDir}.`);
    return 2;
  }
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const result = verifyChain(db);
    if (result.ok) {
      console.log(`Journal des accès intact : ${result.records} enregistrements vérifiés.`);
      return 0;
    }
    console.error(
      `Journal des accès ROMPU à l’enregistrement ${result.seq} : ${result.problem} ` +
        `(${result.records} enregistrements valides avant lui).`,
    );
    return 1;
  } finally {
    db.close();
  }
}

process.exitCode = main();

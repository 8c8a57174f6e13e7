// PostgreSQL 15 of the local stack (Debian's binaries, no system service): one cluster per
// stack folder, listening on loopback only, its socket in the stack folder, fsync on
// (durability is what the region's tests check). The gateways log in over TCP as the role
// `drim` (scram-sha-256, password in a 0600 file); the superuser only ever uses the unix
// socket with peer authentication, to create that role and its database.
//
// initdb and postgres refuse to run as root: as root (containers, CI) the binaries run as the
// `postgres` system user that Debian's package creates, and the cluster's files are its own.
import { execFile, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { PostgresLayout } from '../stack-layout';

export const PG_BIN_DIR = '/usr/lib/postgresql/15/bin';
/** The system user owning the cluster when the stack runs as root. */
const SYSTEM_USER = 'postgres';
/** The kernel's limit on a unix socket path (sun_path), with its final NUL. */
const MAX_SOCKET_PATH = 107;

const execFileAsync = promisify(execFile);

export interface RunningPostgres {
  url: string;
  passwordFile: string;
  /** The postmaster's pid (for the pid file: a launcher killed with -9 leaves it running). */
  pid: number;
  stop(): Promise<void>;
}

export interface StartPostgresOptions {
  layout: PostgresLayout;
  /**
   * Tests begin from an empty database: every database the role owns (its own and those
   * tests created) is dropped and `database` created again. Cheaper than a new cluster
   * (initdb: 0.6 s idle, 2–3 s on a loaded machine), and as clean: the role cannot create
   * roles nor write outside its own databases.
   */
  empty: boolean;
  log: (m: string) => void;
}

const isRoot = (): boolean => process.getuid?.() === 0;

/** `command args` as the cluster's owner: ourselves, or `postgres` when we are root. */
export function asClusterOwner(
  command: string,
  args: readonly string[],
  root: boolean,
): [string, string[]] {
  return root ? ['runuser', ['-u', SYSTEM_USER, '--', command, ...args]] : [command, [...args]];
}

async function run(command: string, args: readonly string[], input?: string): Promise<string> {
  const [cmd, argv] = asClusterOwner(command, args, isRoot());
  if (input === undefined) {
    try {
      const { stdout } = await execFileAsync(cmd, argv, { encoding: 'utf8', cwd: '/' });
      return stdout;
    } catch (err) {
      const e = err as { stderr?: string; stdout?: string; message: string };
      throw new Error(`${path.basename(command)} failed: ${e.stderr || e.stdout || e.message}`);
    }
  }
  // Secrets go through stdin, never argv (which `ps` shows to every user).
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, { stdio: ['pipe', 'pipe', 'pipe'], cwd: '/' });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve(out)
        : reject(new Error(`${path.basename(command)} failed (${code}): ${out}`)),
    );
    child.stdin.end(input);
  });
}

const bin = (name: string): string => path.join(PG_BIN_DIR, name);

/** Gives the cluster's owner a file or folder we created (root only). */
function chownToOwner(p: string): void {
  if (!isRoot()) return;
  const { uid, gid } = systemUserIds();
  fs.chownSync(p, uid, gid);
}

let ids: { uid: number; gid: number } | undefined;
function systemUserIds(): { uid: number; gid: number } {
  if (ids) return ids;
  const line = fs
    .readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${SYSTEM_USER}:`));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (!uid || !gid) {
    throw new Error(
      `no "${SYSTEM_USER}" system user: install Debian's postgresql-15 (bash scripts/ensure-deps.sh)`,
    );
  }
  ids = { uid: Number(uid), gid: Number(gid) };
  return ids;
}

/** The settings the launcher owns, rewritten at each start (postgresql.conf includes it). */
export function stackSettings(l: PostgresLayout): string {
  const quote = (s: string): string => `'${s.replace(/'/g, "''")}'`;
  return [
    '# Written by dev/stack/postgres.ts at each start; edits are lost.',
    `port = ${l.port}`,
    "listen_addresses = '127.0.0.1'",
    `unix_socket_directories = ${quote(l.socketDir)}`,
    // Durability is the point of the database: a commit the gateway acknowledged survives
    // a crash (the region's fault test kills processes with -9).
    'fsync = on',
    'synchronous_commit = on',
    'full_page_writes = on',
    // N gateways × their pool (10 each) + the tests' own connections.
    'max_connections = 200',
    "password_encryption = 'scram-sha-256'",
    // Patient data never in logs: no statement text, no DETAIL lines (a unique violation's
    // DETAIL quotes the key's value), no bind parameters.
    "log_statement = 'none'",
    'log_min_error_statement = panic',
    'log_error_verbosity = terse',
    'log_parameter_max_length_on_error = 0',
    "log_line_prefix = '%m [%p] '",
    '',
  ].join('\n');
}

/** Creates the role and its database if missing and sets the role's password to the file's. */
export function provisioningSql(l: PostgresLayout, password: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(password)) throw new Error('unexpected password characters');
  return [
    '\\set ON_ERROR_STOP on',
    `SELECT 'CREATE ROLE ${l.role} LOGIN CREATEDB' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${l.role}')\\gexec`,
    `ALTER ROLE ${l.role} LOGIN CREATEDB PASSWORD '${password}';`,
    `SELECT 'CREATE DATABASE ${l.database} OWNER ${l.role}' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '${l.database}')\\gexec`,
    '',
  ].join('\n');
}

/** Drops every database of the role (WITH FORCE: a leftover connection does not stop it). */
export function dropOwnedDatabasesSql(l: PostgresLayout): string {
  return [
    '\\set ON_ERROR_STOP on',
    `SELECT format('DROP DATABASE %I WITH (FORCE)', datname) FROM pg_database WHERE datdba = (SELECT oid FROM pg_roles WHERE rolname = '${l.role}')\\gexec`,
    '',
  ].join('\n');
}

function socketDirFor(l: PostgresLayout): string {
  // A deep checkout would pass the kernel's limit: fall back to a short folder of our own.
  if (path.join(l.socketDir, `.s.PGSQL.${l.port}`).length < MAX_SOCKET_PATH) return l.socketDir;
  const hash = crypto.createHash('sha256').update(l.dataDir).digest('hex').slice(0, 12);
  return path.join(os.tmpdir(), `drim-pg-${hash}`);
}

function postmasterPid(dataDir: string): number {
  try {
    const first = fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0];
    return Number(first);
  } catch {
    return -1;
  }
}

/** Stops a cluster a previous launcher left running (pg_ctl knows it from postmaster.pid). */
async function stopIfRunning(dataDir: string, log: (m: string) => void): Promise<void> {
  if (!fs.existsSync(path.join(dataDir, 'postmaster.pid'))) return;
  const running = await run(bin('pg_ctl'), ['status', '-D', dataDir]).then(
    () => true,
    () => false,
  );
  if (!running) return;
  log(`stopping PostgreSQL left running in ${dataDir}`);
  await run(bin('pg_ctl'), ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '30']);
}

export async function startPostgres(opts: StartPostgresOptions): Promise<RunningPostgres> {
  const l = { ...opts.layout, socketDir: socketDirFor(opts.layout) };
  if (!fs.existsSync(bin('initdb'))) {
    throw new Error(
      `PostgreSQL 15 is not installed (${PG_BIN_DIR}): run bash scripts/ensure-deps.sh`,
    );
  }
  await stopIfRunning(l.dataDir, opts.log);

  if (!fs.existsSync(l.passwordFile)) {
    fs.mkdirSync(path.dirname(l.passwordFile), { recursive: true });
    fs.rmSync(l.passwordFile, { force: true });
    fs.writeFileSync(l.passwordFile, crypto.randomBytes(24).toString('base64url'), {
      mode: 0o600,
    });
  }
  const password = fs.readFileSync(l.passwordFile, 'utf8').trim();

  if (!fs.existsSync(path.join(l.dataDir, 'PG_VERSION'))) {
    fs.rmSync(l.dataDir, { recursive: true, force: true });
    // The folders above keep the usual mode: the cluster's owner must get through them.
    fs.mkdirSync(path.dirname(l.dataDir), { recursive: true });
    fs.mkdirSync(l.dataDir, { recursive: true, mode: 0o700 });
    chownToOwner(l.dataDir);
    await run(bin('initdb'), [
      '-D',
      l.dataDir,
      '--auth-local=peer',
      '--auth-host=scram-sha-256',
      '--encoding=UTF8',
      '--locale=C',
      '--no-instructions',
    ]);
    fs.appendFileSync(
      path.join(l.dataDir, 'postgresql.conf'),
      "\ninclude_if_exists = 'drim-stack.conf'\n",
    );
  }
  const settings = path.join(l.dataDir, 'drim-stack.conf');
  fs.writeFileSync(settings, stackSettings(l));
  chownToOwner(settings);
  fs.mkdirSync(path.dirname(l.socketDir), { recursive: true });
  fs.mkdirSync(l.socketDir, { recursive: true, mode: 0o700 });
  chownToOwner(l.socketDir);
  const logFile = l.logFile;
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  fs.closeSync(fs.openSync(logFile, 'a'));
  chownToOwner(logFile);

  await run(bin('pg_ctl'), ['start', '-D', l.dataDir, '-l', logFile, '-w', '-t', '60']).catch(
    (err: unknown) => {
      const tail = fs.readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-10).join('\n');
      throw new Error(`${err instanceof Error ? err.message : String(err)}\n${tail}`);
    },
  );
  const pid = postmasterPid(l.dataDir);
  const stopCluster = (): Promise<string> =>
    run(bin('pg_ctl'), ['stop', '-D', l.dataDir, '-m', 'fast', '-w', '-t', '30']);
  try {
    await run(
      bin('psql'),
      ['-X', '-q', '-h', l.socketDir, '-p', String(l.port), '-d', 'postgres'],
      (opts.empty ? dropOwnedDatabasesSql(l) : '') + provisioningSql(l, password),
    );
  } catch (err) {
    // Not yet in the launcher's pid file: nobody else would stop it.
    await stopCluster().catch(() => undefined);
    throw err;
  }

  let stopping: Promise<void> | undefined;
  return {
    url: l.url,
    passwordFile: l.passwordFile,
    pid,
    stop: () =>
      (stopping ??= stopCluster()
        .then(() => undefined)
        .catch((err: unknown) => {
          opts.log(`PostgreSQL did not stop cleanly: ${String(err)}`);
          if (pid > 0) {
            try {
              process.kill(pid, 'SIGKILL');
            } catch {
              // Already gone.
            }
          }
        })),
  };
}

// Children of the launcher: started with one PID each (no npx/tsx wrapper, see
// STACK-NOTES "Processes"), logged to files, remembered in a pid file so that a launcher
// killed with -9 leaves nothing the next start cannot clean up.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface ManagedProcess {
  name: string;
  child: ChildProcess;
  logPath: string;
  exited: Promise<number | null>;
}

export interface SpawnSpec {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  logDir: string;
  env?: NodeJS.ProcessEnv;
}

export function startProcess(spec: SpawnSpec): ManagedProcess {
  fs.mkdirSync(spec.logDir, { recursive: true });
  const logPath = path.join(spec.logDir, `${spec.name}.log`);
  const fd = fs.openSync(logPath, 'a');
  const child = spawn(spec.command, spec.args, {
    cwd: spec.cwd,
    env: spec.env ?? process.env,
    stdio: ['ignore', fd, fd],
  });
  fs.closeSync(fd);
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? (signal ? -1 : null)));
    child.once('error', () => resolve(-1));
  });
  return { name: spec.name, child, logPath, exited };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM, then SIGKILL after `graceMs`: Orthanc takes 3–5 s to stop cleanly. */
export async function stopProcess(p: ManagedProcess, graceMs = 10_000): Promise<void> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return;
  p.child.kill('SIGTERM');
  const timer = setTimeout(() => p.child.kill('SIGKILL'), graceMs);
  await p.exited;
  clearTimeout(timer);
}

export function lastLogLines(p: ManagedProcess, n = 15): string {
  try {
    return fs.readFileSync(p.logPath, 'utf8').trimEnd().split('\n').slice(-n).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Waits until `probe` succeeds, failing fast if the process dies meanwhile. */
export async function waitUntilReady(
  p: ManagedProcess,
  probe: () => Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let dead = false;
  void p.exited.then(() => {
    dead = true;
  });
  for (;;) {
    if (dead) {
      throw new Error(
        `${p.name} exited during start-up. Last lines of ${p.logPath}:\n${lastLogLines(p)}`,
      );
    }
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline) {
      throw new Error(
        `${p.name} not ready after ${timeoutMs} ms. Last lines of ${p.logPath}:\n${lastLogLines(p)}`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function httpOk(url: string, init?: RequestInit): Promise<boolean> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(2000) });
  await res.body?.cancel();
  return res.ok;
}

// --- pid file: what a previous launcher left behind ---------------------------------

interface PidRecord {
  name: string;
  pid: number;
  /** A fragment of /proc/<pid>/cmdline, so a recycled PID is never killed by mistake. */
  marker: string;
  /** How to ask it to stop; SIGTERM by default (PostgreSQL's SIGTERM waits for its clients). */
  signal?: 'SIGTERM' | 'SIGINT' | 'SIGQUIT';
}

export class PidFile {
  constructor(private readonly file: string) {}

  write(records: PidRecord[]): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    fs.writeFileSync(this.file, JSON.stringify(records, null, 2));
  }

  read(): PidRecord[] {
    try {
      return JSON.parse(fs.readFileSync(this.file, 'utf8')) as PidRecord[];
    } catch {
      return [];
    }
  }

  remove(): void {
    fs.rmSync(this.file, { force: true });
  }

  /** Kills leftovers of a launcher that died without stopping its children. */
  async killLeftovers(log: (m: string) => void): Promise<void> {
    const left = this.read().filter((r) => isAlive(r.pid) && cmdlineOf(r.pid).includes(r.marker));
    for (const r of left) {
      log(`stopping leftover ${r.name} (pid ${r.pid}) from a previous run`);
      process.kill(r.pid, r.signal ?? 'SIGTERM');
    }
    const deadline = Date.now() + 10_000;
    while (left.some((r) => isAlive(r.pid)) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    for (const r of left) if (isAlive(r.pid)) process.kill(r.pid, 'SIGKILL');
    this.remove();
  }
}

function cmdlineOf(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

// A gateway process of a test's or a benchmark's own (server/main.ts with its own config,
// port and data), beside the stack's: started, awaited until it answers, stopped.
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { REPO_ROOT } from '../stack-layout';

/** A loopback port free right now (the OS's pick). */
export async function freePort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

export interface GatewayProcessOptions {
  port: number;
  /** main.ts's other arguments: --config, --data-dir, --metrics-port… */
  args: readonly string[];
  /** Node's own flags before the script (e.g. --cpu-prof). */
  nodeArgs?: readonly string[];
  /** The gateway's stderr: kept for the caller (`pipe`), shown, or dropped. */
  stderr?: 'pipe' | 'inherit' | 'ignore';
  timeoutMs?: number;
}

/** Resolves once the gateway answers /healthz; rejects if it exits or takes too long. */
export async function startGatewayProcess(opts: GatewayProcessOptions): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      ...(opts.nodeArgs ?? []),
      '--import',
      'tsx',
      'server/main.ts',
      '--port',
      String(opts.port),
      ...opts.args,
    ],
    { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', opts.stderr ?? 'pipe'] },
  );
  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`gateway exited with ${child.exitCode}`);
    const ok = await fetch(`http://127.0.0.1:${opts.port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return child;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('gateway did not start');
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Sends `signal` and waits for the exit (nothing to do if it already ended). */
export async function stopGatewayProcess(
  child: ChildProcess | undefined,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  await exited;
}

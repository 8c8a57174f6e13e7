// The running local stack, as described by the launcher's stack.json (docs/CONTRACTS.md).
// Integration, e2e tests and benchmarks run only through `dev/stack.ts run`: a missing
// stack is an error, never a reason to skip.
import fs from 'node:fs';
import { loginWithPassword } from '../idp/login-client';
import type { Manifest } from '../sample-data/manifest';
import type { StackInfo } from './launch';

export function readStackInfo(): StackInfo {
  const file = process.env.DRIM_STACK_FILE;
  if (!file || !fs.existsSync(file)) {
    throw new Error(
      'DRIM_STACK_FILE is not set or missing: run these tests through `npm test`, or ' +
        '`node --import tsx dev/stack.ts run --profile test -- <command>`.',
    );
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as StackInfo;
}

export function readManifest(info: StackInfo = readStackInfo()): Manifest {
  return JSON.parse(fs.readFileSync(info.manifestPath, 'utf8')) as Manifest;
}

/** Takes one source down (or back up) through the launcher, which keeps owning it. */
export async function setSourceRunning(id: string, running: boolean): Promise<void> {
  const info = readStackInfo();
  const res = await fetch(`${info.controlUrl}/sources/${id}/${running ? 'start' : 'stop'}`, {
    method: 'POST',
  });
  if (res.status !== 204) throw new Error(`control API: ${res.status} ${await res.text()}`);
}

/** Makes one source misbehave (dev/stack/sourceFaults.ts), or behave again with `none`. */
export async function setSourceFault(id: string, fault: string): Promise<void> {
  const info = readStackInfo();
  const res = await fetch(`${info.controlUrl}/sources/${id}/fault/${fault}`, { method: 'POST' });
  if (res.status !== 204) throw new Error(`control API: ${res.status} ${await res.text()}`);
}

/** An access token of a demo user (password `demo`), logged in at the stack's IdP. */
export async function demoAccessToken(username: string, info = readStackInfo()): Promise<string> {
  const tokens = await loginWithPassword({
    idpUrl: info.idpUrl,
    username,
    password: 'demo',
    redirectUri: `${info.gatewayUrl}/auth/callback`,
  });
  return tokens.accessToken;
}

/**
 * The launch key a gateway's 303 for a context launch names: in `/launch/{key}`, or — when
 * the launch goes through the IdP on its way in (server/launch/launchSignIn.ts) — as the
 * authorization request's `state`.
 */
export function launchKeyOf(location: string | null): string | undefined {
  if (!location) return undefined;
  const direct = /^\/launch\/([\w-]{43})$/.exec(location)?.[1];
  if (direct) return direct;
  try {
    const state = new URL(location).searchParams.get('state') ?? '';
    return /^[\w-]{43}$/.test(state) ? state : undefined;
  } catch {
    return undefined;
  }
}

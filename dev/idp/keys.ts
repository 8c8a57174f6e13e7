// Signing keys and cookie secrets, made once per data folder so that tokens and sessions
// stay valid across restarts of the IdP (oidc-provider's development keys change each start).
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';

export interface IdpSecrets {
  /** Private JWKS (RS256) for oidc-provider's `jwks`. */
  jwks: { keys: JWK[] };
  /** Secrets signing oidc-provider's cookies. */
  cookieKeys: string[];
}

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as unknown;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

async function writeSecret(file: string, value: unknown): Promise<void> {
  // Private key material: readable by the owner only; 'wx' never overwrites a file another
  // process wrote meanwhile.
  await writeFile(file, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
}

async function newSigningKey(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true, modulusLength: 2048 });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: 'RS256', use: 'sig' };
}

async function loadOrCreate<T>(
  file: string,
  isValid: (v: unknown) => v is T,
  create: () => Promise<T>,
): Promise<T> {
  const existing = await readJson(file);
  if (existing !== undefined) {
    if (!isValid(existing)) throw new Error(`${file} is not a valid IdP secret file`);
    return existing;
  }
  const created = await create();
  try {
    await writeSecret(file, created);
    return created;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    // Lost a race with another start on the same folder: use the winner's secrets.
    return loadOrCreate(file, isValid, create);
  }
}

function isJwks(v: unknown): v is IdpSecrets['jwks'] {
  const keys = (v as { keys?: unknown } | null)?.keys;
  return Array.isArray(keys) && keys.length > 0 && keys.every((k) => typeof k === 'object');
}

function isStringList(v: unknown): v is string[] {
  return Array.isArray(v) && v.length > 0 && v.every((k) => typeof k === 'string');
}

export async function loadOrCreateSecrets(dataDir: string): Promise<IdpSecrets> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const jwks = await loadOrCreate(path.join(dataDir, 'jwks.json'), isJwks, async () => ({
    keys: [await newSigningKey()],
  }));
  const cookieKeys = await loadOrCreate(
    path.join(dataDir, 'cookie-keys.json'),
    isStringList,
    async () => [randomBytes(32).toString('base64url')],
  );
  return { jwks, cookieKeys };
}

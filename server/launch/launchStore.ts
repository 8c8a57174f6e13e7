// Launches wait here between the DPI's request (no user yet) and the first login that
// claims them — in the gateways' shared database, so that the claim may reach any gateway
// of the region and a gateway may die in between. A launch holds an INS and a name: the
// database keeps it sealed (AES-256-GCM) under a key derived from the link's own random key,
// and finds it by a hash of that key. The link alone opens it; a copy of the database
// alone opens nothing. Claiming deletes the record in the same statement that reads it, so
// a launch is used once even when two gateways are asked at the same instant.
import crypto from 'node:crypto';
import type { GatewayDatabase } from '../storage/database';

export const LAUNCH_TTL_MS = 10 * 60 * 1000;
/** Bounds what anonymous callers can make the database hold, all gateways together. */
export const MAX_PENDING_LAUNCHES = 5000;

const KEY = /^[A-Za-z0-9_-]{43}$/;

export function isLaunchKey(value: string): boolean {
  return KEY.test(value);
}

/** A launch and the page explaining a bad link are kept apart: one key never opens the other. */
export type LaunchPurpose = 'launch' | 'error-page';

const IV_BYTES = 12;
const TAG_BYTES = 16;

function derive(key: string, purpose: LaunchPurpose, use: 'id' | 'seal'): Buffer {
  return Buffer.from(
    crypto.hkdfSync('sha256', Buffer.from(key, 'base64url'), '', `drim-${purpose}-${use}`, 32),
  );
}

function seal(key: string, purpose: LaunchPurpose, value: unknown): string {
  const iv = crypto.randomBytes(IV_BYTES);
  const cipher = crypto.createCipheriv('aes-256-gcm', derive(key, purpose, 'seal'), iv);
  const text = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, text, cipher.getAuthTag()]).toString('base64');
}

function unseal<T>(key: string, purpose: LaunchPurpose, sealed: string): T | undefined {
  try {
    const bytes = Buffer.from(sealed, 'base64');
    const decipher = crypto.createDecipheriv(
      'aes-256-gcm',
      derive(key, purpose, 'seal'),
      bytes.subarray(0, IV_BYTES),
    );
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    const text = Buffer.concat([
      decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)),
      decipher.final(),
    ]);
    return JSON.parse(text.toString('utf8')) as T;
  } catch {
    // A record altered in the database is no launch at all.
    return undefined;
  }
}

export class LaunchStore<T> {
  constructor(
    private readonly db: GatewayDatabase,
    private readonly purpose: LaunchPurpose,
    private readonly ttlMs = LAUNCH_TTL_MS,
    private readonly now: () => number = Date.now,
    private readonly capacity = MAX_PENDING_LAUNCHES,
  ) {}

  async put(value: T): Promise<string> {
    const key = crypto.randomBytes(32).toString('base64url');
    const id = this.#id(key);
    const now = this.now();
    await this.db.transaction(async (tx) => {
      await tx.run('DELETE FROM launches WHERE expires_at <= ?', [now]);
      const held = await tx.get<{ n: number }>('SELECT count(*) AS n FROM launches');
      const over = Number(held?.n ?? 0) - this.capacity + 1;
      if (over > 0) {
        // The oldest launches go first: they are the likeliest to be abandoned.
        await tx.run(
          'DELETE FROM launches WHERE id IN (SELECT id FROM launches ORDER BY expires_at LIMIT ?)',
          [over],
        );
      }
      await tx.run('INSERT INTO launches (id, sealed, expires_at) VALUES (?, ?, ?)', [
        id,
        seal(key, this.purpose, value),
        now + this.ttlMs,
      ]);
    });
    return key;
  }

  /** The launch, still pending, without using it up (an unauthorised claimant must not). */
  async peek(key: string): Promise<T | undefined> {
    const row = await this.db.get<{ sealed: string }>(
      'SELECT sealed FROM launches WHERE id = ? AND expires_at > ?',
      [this.#id(key), this.now()],
    );
    return row ? unseal<T>(key, this.purpose, row.sealed) : undefined;
  }

  /** The launch, removed: whoever takes it is the only one who ever gets it. */
  async take(key: string): Promise<T | undefined> {
    const row = await this.db.get<{ sealed: string; expires_at: number }>(
      'DELETE FROM launches WHERE id = ? RETURNING sealed, expires_at',
      [this.#id(key)],
    );
    if (!row || row.expires_at <= this.now()) return undefined;
    return unseal<T>(key, this.purpose, row.sealed);
  }

  async size(): Promise<number> {
    const row = await this.db.get<{ n: number }>(
      'SELECT count(*) AS n FROM launches WHERE expires_at > ?',
      [this.now()],
    );
    return Number(row?.n ?? 0);
  }

  #id(key: string): string {
    return derive(key, this.purpose, 'id').toString('hex');
  }
}

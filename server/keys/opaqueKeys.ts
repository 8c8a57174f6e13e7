// Opaque keys put a patient or a study in a URL without putting an identifier there
// (bookmarks, history, server logs): the value is sealed with AES-256-GCM under the
// gateway's secret and bound to the user who made it (their `sub` is the additional
// authenticated data), so a key leaks nothing and opens for nobody else. Stateless, so
// keys survive a gateway restart as long as the secret does.
import crypto from 'node:crypto';

export type KeyKind = 'patient' | 'study';
const KINDS: readonly KeyKind[] = ['patient', 'study'];

/** A bookmark lives this long; after that the user searches again. */
export const KEY_LIFETIME_MS = 30 * 24 * 3600 * 1000;
const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

interface Sealed {
  k: KeyKind;
  v: unknown;
  /** Creation time (ms): keys expire. */
  t: number;
}

export class OpaqueKeys {
  private readonly key: Buffer;

  constructor(
    secret: Buffer,
    private readonly now: () => number = Date.now,
  ) {
    if (secret.length < 32) throw new Error('the opaque-key secret needs at least 32 bytes');
    this.key = Buffer.from(
      crypto.hkdfSync('sha256', secret, Buffer.alloc(0), 'drim-viewer opaque keys v1', 32),
    );
  }

  seal(subject: string, kind: KeyKind, value: unknown): string {
    const iv = crypto.randomBytes(IV_BYTES);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(`${VERSION}:${subject}`));
    const body: Sealed = { k: kind, v: value, t: this.now() };
    const data = Buffer.concat([cipher.update(JSON.stringify(body), 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), data]).toString(
      'base64url',
    );
  }

  /** The sealed value, or null for a key that is malformed, foreign, tampered or expired. */
  open(subject: string, key: string): { kind: KeyKind; value: unknown } | null {
    if (!/^[A-Za-z0-9_-]{40,8192}$/.test(key)) return null;
    const raw = Buffer.from(key, 'base64url');
    if (raw.length < 1 + IV_BYTES + TAG_BYTES + 2 || raw[0] !== VERSION) return null;
    const iv = raw.subarray(1, 1 + IV_BYTES);
    const tag = raw.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
    const data = raw.subarray(1 + IV_BYTES + TAG_BYTES);
    try {
      const decipher = crypto.createDecipheriv('aes-256-gcm', this.key, iv);
      decipher.setAAD(Buffer.from(`${VERSION}:${subject}`));
      decipher.setAuthTag(tag);
      const text = Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
      const body = JSON.parse(text) as Partial<Sealed>;
      if (!body.k || !KINDS.includes(body.k) || typeof body.t !== 'number') return null;
      const age = this.now() - body.t;
      if (age < 0 || age > KEY_LIFETIME_MS) return null;
      return { kind: body.k, value: body.v };
    } catch {
      return null;
    }
  }
}

export function isKeyKind(x: unknown): x is KeyKind {
  return typeof x === 'string' && (KINDS as readonly string[]).includes(x);
}

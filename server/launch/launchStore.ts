// Launches wait here between the DPI's request (no user yet) and the first login that
// claims them. In memory on purpose: a launch lives minutes, holds an INS and a name, and
// must not survive a restart or reach a disk. Keys are random and say nothing.
import crypto from 'node:crypto';

export const LAUNCH_TTL_MS = 10 * 60 * 1000;
/** Bounds what an anonymous caller can make the gateway hold. */
export const MAX_PENDING_LAUNCHES = 5000;

const KEY = /^[A-Za-z0-9_-]{43}$/;

export function isLaunchKey(value: string): boolean {
  return KEY.test(value);
}

interface Entry<T> {
  value: T;
  expiresAt: number;
}

export class LaunchStore<T> {
  readonly #entries = new Map<string, Entry<T>>();

  constructor(
    private readonly ttlMs = LAUNCH_TTL_MS,
    private readonly now: () => number = Date.now,
    private readonly capacity = MAX_PENDING_LAUNCHES,
  ) {}

  put(value: T): string {
    this.#sweep();
    if (this.#entries.size >= this.capacity) {
      // Maps keep insertion order: the oldest launch is the first key.
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    const key = crypto.randomBytes(32).toString('base64url');
    this.#entries.set(key, { value, expiresAt: this.now() + this.ttlMs });
    return key;
  }

  /** The launch, still pending, without using it up (an unauthorised claimant must not). */
  peek(key: string): T | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** The launch, removed: whoever takes it is the only one who ever gets it. */
  take(key: string): T | undefined {
    const value = this.peek(key);
    this.#entries.delete(key);
    return value;
  }

  get size(): number {
    return this.#entries.size;
  }

  #sweep(): void {
    const now = this.now();
    for (const [key, entry] of this.#entries) {
      if (entry.expiresAt <= now) this.#entries.delete(key);
    }
  }
}

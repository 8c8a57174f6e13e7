// A viewer sends the same access token with each of the hundreds of requests that open a
// study; checking its RSA signature every time was a fifth of the gateway's CPU under load.
// A token whose signature and claims were checked is remembered, by its exact text, for a
// short while: each reuse checks its lifetime again against the clock (exp, and the
// region's maximum age from iat), and nothing is remembered longer than `ttlMs`, so a key
// withdrawn from the IdP's JWKS stops opening the gateway within that time. Only tokens that
// passed the full check are ever stored: a refusal is always decided afresh.
import type { JWTPayload } from 'jose';

export interface VerifiedTokensOptions {
  /** How long a checked token is trusted without checking its signature again. */
  ttlMs: number;
  /** Bound on memory: the oldest entries go first. */
  maxEntries: number;
  /** The same tolerance the full check allows between our clock and the IdP's. */
  clockToleranceSeconds: number;
  /** The region's maximum token age (from `iat`). */
  maxTokenAgeSeconds: number;
}

interface Entry {
  payload: JWTPayload;
  /** Milliseconds: past this, the full check runs again. */
  until: number;
}

export class VerifiedTokens {
  readonly #entries = new Map<string, Entry>();

  constructor(private readonly opts: VerifiedTokensOptions) {}

  get size(): number {
    return this.#entries.size;
  }

  /** The claims of `token` when it was checked recently and is still alive at `nowMs`. */
  get(token: string, nowMs: number): JWTPayload | undefined {
    const entry = this.#entries.get(token);
    if (entry === undefined) return undefined;
    if (nowMs >= entry.until) {
      this.#entries.delete(token);
      return undefined;
    }
    return entry.payload;
  }

  /** Remembers a token the full check has just accepted at `nowMs`. */
  remember(token: string, payload: JWTPayload, nowMs: number): void {
    const { exp, iat } = payload;
    // Without both, the full check would not have passed; never trusted from memory.
    if (typeof exp !== 'number' || typeof iat !== 'number') return;
    const tolerance = this.opts.clockToleranceSeconds;
    // The first instant at which the full check would refuse it: expired, or too old.
    const deadSeconds = Math.min(exp + tolerance, iat + this.opts.maxTokenAgeSeconds + tolerance);
    const until = Math.min(deadSeconds * 1000, nowMs + this.opts.ttlMs);
    if (until <= nowMs) return;
    this.#entries.delete(token);
    while (this.#entries.size >= this.opts.maxEntries) {
      const oldest = this.#entries.keys().next();
      if (oldest.done === true) break;
      this.#entries.delete(oldest.value);
    }
    this.#entries.set(token, { payload: Object.freeze(payload), until });
  }
}

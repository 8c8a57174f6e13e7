// A launch's first image, asked by the gateway at claim time (launch/claimLookup.ts) and
// held for the browser's own request a moment later: the source renders it while the claim's
// answer travels and the page's modules start, instead of after. Measured on the bench stack:
// the preview's request left 20–140 ms after the claim's answer and Orthanc took 100–250 ms
// to render it.
//
// An answer held here is only ever handed to the same user asking the very same request
// (path, query and Accept), once, within a short time — and only after that request has
// passed the gateway's checks again (dicomweb/proxy.ts), so a consent withdrawn meanwhile
// still refuses it and the access is traced as any other.

/** What was answered: only a complete 200 is held. */
export interface HeldAnswer {
  contentType: string;
  body: Buffer;
}

/** Marks the gateway's own request that fills the store, so that it does not wait on itself. */
export const ASK_AHEAD_HEADER = 'x-drim-ask-ahead';

interface Entry {
  answer: Promise<HeldAnswer | null>;
  expiresAt: number;
}

export class AnswersAhead {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly limits: {
      /** How long an answer waits for its request. */
      ttlMs: number;
      /** How many are held at once; the oldest gives way. */
      maxEntries: number;
      /** An answer larger than this is not held (the browser asks it itself). */
      maxBytes: number;
    } = { ttlMs: 30_000, maxEntries: 16, maxBytes: 4 * 1024 * 1024 },
    private readonly clock: () => number = Date.now,
  ) {}

  /** Holds what `ask` will answer for this user's request; `ask` runs now. */
  hold(
    user: string,
    url: string,
    accept: string,
    ask: () => Promise<{ status: number; contentType: string | undefined; body: Buffer }>,
  ): void {
    this.dropExpired();
    while (this.entries.size >= this.limits.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    const answer = ask().then(
      ({ status, contentType, body }) =>
        status === 200 && contentType && body.length <= this.limits.maxBytes
          ? { contentType, body }
          : null,
      () => null,
    );
    this.entries.set(keyOf(user, url, accept), {
      answer,
      expiresAt: this.clock() + this.limits.ttlMs,
    });
  }

  /** The answer held for this user's request, once; null when none is (or it failed). */
  take(user: string, url: string, accept: string): Promise<HeldAnswer | null> | null {
    const key = keyOf(user, url, accept);
    const entry = this.entries.get(key);
    if (!entry) return null;
    this.entries.delete(key);
    return entry.expiresAt > this.clock() ? entry.answer : null;
  }

  get size(): number {
    return this.entries.size;
  }

  private dropExpired(): void {
    const now = this.clock();
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt <= now) this.entries.delete(key);
    }
  }
}

function keyOf(user: string, url: string, accept: string): string {
  return `${user}\n${url}\n${accept.trim().toLowerCase()}`;
}

// Storage for oidc-provider's models (sessions, interactions, codes, grants…). Our own class
// rather than the built-in development adapter: process memory with expiry is all a demo IdP
// needs (a restart logs everyone out, which the demo accepts), and it has no size cap that
// could evict a live session under a benchmark's load.
import type { Adapter, AdapterPayload } from 'oidc-provider';

interface Entry {
  payload: AdapterPayload;
  /** Epoch ms; Infinity when the model has no lifetime. */
  expiresAt: number;
}

/** One store shared by every model's adapter of one IdP instance. */
export class MemoryStore {
  readonly entries = new Map<string, Entry>();
  /** Secondary indexes: session uid → id, user code → id, grant id → keys of its tokens. */
  readonly sessionByUid = new Map<string, string>();
  readonly byUserCode = new Map<string, string>();
  readonly byGrant = new Map<string, Set<string>>();
  private sweeper: NodeJS.Timeout;

  constructor(sweepEveryMs = 60_000) {
    this.sweeper = setInterval(() => this.sweep(), sweepEveryMs);
    // Expired entries are also ignored on read; the sweep only bounds memory.
    this.sweeper.unref();
  }

  get(key: string): AdapterPayload | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.payload;
  }

  sweep(): void {
    const now = Date.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
    for (const [grantId, keys] of this.byGrant) {
      for (const key of keys) if (!this.entries.has(key)) keys.delete(key);
      if (keys.size === 0) this.byGrant.delete(grantId);
    }
    for (const index of [this.sessionByUid, this.byUserCode]) {
      for (const [k, id] of index) if (!this.entries.has(id)) index.delete(k);
    }
  }

  close(): void {
    clearInterval(this.sweeper);
    this.entries.clear();
  }
}

export class MemoryAdapter implements Adapter {
  constructor(
    private readonly model: string,
    private readonly store: MemoryStore,
  ) {}

  private key(id: string): string {
    return `${this.model}:${id}`;
  }

  async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
    const key = this.key(id);
    const expiresAt = expiresIn ? Date.now() + expiresIn * 1000 : Infinity;
    this.store.entries.set(key, { payload, expiresAt });
    if (this.model === 'Session' && payload.uid) this.store.sessionByUid.set(payload.uid, key);
    if (payload.userCode) this.store.byUserCode.set(payload.userCode, key);
    if (payload.grantId) {
      const keys = this.store.byGrant.get(payload.grantId) ?? new Set<string>();
      keys.add(key);
      this.store.byGrant.set(payload.grantId, keys);
    }
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    return this.store.get(this.key(id));
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    const key = this.store.sessionByUid.get(uid);
    return key ? this.store.get(key) : undefined;
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    const key = this.store.byUserCode.get(userCode);
    return key ? this.store.get(key) : undefined;
  }

  async consume(id: string): Promise<void> {
    const payload = this.store.get(this.key(id));
    if (payload) payload.consumed = Math.floor(Date.now() / 1000);
  }

  async destroy(id: string): Promise<void> {
    this.store.entries.delete(this.key(id));
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    for (const key of this.store.byGrant.get(grantId) ?? []) this.store.entries.delete(key);
    this.store.byGrant.delete(grantId);
  }
}

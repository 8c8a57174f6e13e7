// Every JSON answer the gateway reads from a source is held whole in memory until it has
// been checked and sent on, and a broken or hostile source can send many large ones at once
// (twelve 60 MB answers took a gateway from 200 MiB to 2.4 GiB). All such answers in flight
// share one allowance: a read that would pass it stops and its request is answered 503,
// so the gateway keeps serving everyone else instead of growing without bound.
import { GatewayError } from '../errors';

/**
 * Memory a byte of JSON costs until its answer is sent (jsonBody.ts reads it dataset by
 * dataset): the chunk being scanned, the text of each dataset kept, the kept datasets
 * joined, and the answer with its URLs rewritten — measured at 3.0 for a 37 MB series
 * metadata answer kept whole on Node 20, and less for an answer mostly set aside.
 */
export const MEMORY_PER_JSON_BYTE = 4;

export const gatewayBusy = (): GatewayError =>
  new GatewayError(
    503,
    'gateway_busy',
    'La passerelle reçoit en ce moment trop de réponses volumineuses des sources : réessayez dans quelques secondes.',
    { 'retry-after': '5' },
  );

export class JsonBudget {
  #inUse = 0;

  /** `maxBytes` of memory, all JSON answers in flight together. */
  constructor(readonly maxBytes: number) {}

  /** Memory now held by answers in flight. */
  get inUse(): number {
    return this.#inUse;
  }

  /** A holder for one request's reads; give it back once the answer is sent. */
  allowance(): JsonAllowance {
    return new JsonAllowance(this);
  }

  /** @internal */ tryTake(bytes: number): boolean {
    if (this.#inUse + bytes > this.maxBytes) return false;
    this.#inUse += bytes;
    return true;
  }

  /** @internal */ giveBack(bytes: number): void {
    this.#inUse = Math.max(0, this.#inUse - bytes);
  }
}

export class JsonAllowance {
  #held = 0;

  constructor(private readonly budget: JsonBudget) {}

  /** Takes the memory `rawBytes` more of JSON will cost; throws 503 when there is none. */
  take(rawBytes: number): void {
    const bytes = rawBytes * MEMORY_PER_JSON_BYTE;
    if (!this.budget.tryTake(bytes)) throw gatewayBusy();
    this.#held += bytes;
  }

  release(): void {
    this.budget.giveBack(this.#held);
    this.#held = 0;
  }
}

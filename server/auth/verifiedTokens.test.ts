// The memory of checked tokens never outlives what the full check would accept: not past
// `exp`, not past the region's maximum age, not past its own short lifetime, and only for
// the exact text that was checked.
import { describe, expect, it } from 'vitest';
import { VerifiedTokens } from './verifiedTokens';

const T0 = 1_800_000_000_000;
const S0 = T0 / 1000;

const memory = (over: Partial<ConstructorParameters<typeof VerifiedTokens>[0]> = {}) =>
  new VerifiedTokens({
    ttlMs: 60_000,
    maxEntries: 100,
    clockToleranceSeconds: 30,
    maxTokenAgeSeconds: 43_200,
    ...over,
  });

const claims = (iat: number, exp: number) => ({ sub: 'medecin', iat, exp });

describe('VerifiedTokens', () => {
  it('gives back the claims of a token checked a moment ago', () => {
    const m = memory();
    const c = claims(S0, S0 + 600);
    m.remember('tok', c, T0);
    expect(m.get('tok', T0 + 1000)).toBe(c);
  });

  it('knows nothing of a token differing by one character', () => {
    const m = memory();
    m.remember('header.payload.signature', claims(S0, S0 + 600), T0);
    expect(m.get('header.payload.signaturf', T0)).toBeUndefined();
    expect(m.get('header.payload.signatur', T0)).toBeUndefined();
  });

  it('forgets a token once it has expired (with the same clock tolerance)', () => {
    const m = memory({ ttlMs: 3_600_000 });
    m.remember('tok', claims(S0, S0 + 10), T0);
    expect(m.get('tok', T0 + 39_999)).toBeDefined();
    expect(m.get('tok', T0 + 40_000)).toBeUndefined();
    // Forgotten for good: asking again at an earlier time does not bring it back.
    expect(m.get('tok', T0)).toBeUndefined();
  });

  it('forgets a token once it is older than the region allows', () => {
    const m = memory({ ttlMs: 3_600_000, maxTokenAgeSeconds: 600 });
    m.remember('tok', claims(S0 - 590, S0 + 3000), T0);
    expect(m.get('tok', T0 + 39_000)).toBeDefined();
    expect(m.get('tok', T0 + 40_000)).toBeUndefined();
  });

  it('checks the signature again after its own lifetime, whatever the token claims', () => {
    const m = memory({ ttlMs: 60_000 });
    m.remember('tok', claims(S0, S0 + 3000), T0);
    expect(m.get('tok', T0 + 59_999)).toBeDefined();
    expect(m.get('tok', T0 + 60_000)).toBeUndefined();
  });

  it('remembers nothing without exp and iat, or already dead', () => {
    const m = memory();
    m.remember('no-exp', { sub: 'x', iat: S0 }, T0);
    m.remember('no-iat', { sub: 'x', exp: S0 + 600 }, T0);
    m.remember('dead', claims(S0 - 100, S0 - 40), T0);
    expect(m.size).toBe(0);
  });

  it('stays within its bound, the oldest going first', () => {
    const m = memory({ maxEntries: 3 });
    for (const t of ['a', 'b', 'c', 'd']) m.remember(t, claims(S0, S0 + 600), T0);
    expect(m.size).toBe(3);
    expect(m.get('a', T0)).toBeUndefined();
    expect(m.get('d', T0)).toBeDefined();
  });

  it('hands out claims nobody can change for the next request', () => {
    const m = memory();
    m.remember('tok', claims(S0, S0 + 600), T0);
    const c = m.get('tok', T0) as Record<string, unknown>;
    expect(() => {
      c.sub = 'someone-else';
    }).toThrow(TypeError);
  });
});

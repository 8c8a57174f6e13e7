import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeIdp, type FakeIdp } from '../testing/fakeIdp';
import { discoverIdp, IdpDiscoveryCache, type IdpDiscovery } from './idpDiscovery';

let idp: FakeIdp;
beforeAll(async () => {
  idp = await startFakeIdp();
});
afterAll(() => idp.close());

describe('IdP discovery', () => {
  it('reads the keys and the browser endpoints, and refuses another issuer’s document', async () => {
    const doc = await discoverIdp(idp.issuer);
    expect(doc.jwksUri.href).toBe(`${idp.issuer}/jwks`);
    expect(doc.browser).toEqual({
      authorization: `${idp.issuer}/auth`,
      token: `${idp.issuer}/token`,
    });
    // The same server named with another spelling of its address is another issuer.
    await expect(discoverIdp(idp.issuer.replace('127.0.0.1', 'localhost'))).rejects.toThrow(
      'issuer mismatch',
    );
  });
});

describe('IdP discovery, read once for the token checks and the SPA', () => {
  const endpoints = { authorization: 'https://idp/auth', token: 'https://idp/token' };

  function cacheWith(answers: (() => Promise<IdpDiscovery>)[]) {
    let now = 0;
    let calls = 0;
    const cache = new IdpDiscoveryCache(
      'https://idp',
      () => answers[Math.min(calls++, answers.length - 1)]!(),
      () => now,
    );
    return {
      cache,
      calls: () => calls,
      advance: (ms: number) => (now += ms),
    };
  }
  const up = () => Promise.resolve({ jwksUri: new URL('https://idp/jwks'), browser: endpoints });
  const down = () => Promise.reject(new Error('ECONNREFUSED'));

  it('says nothing while the IdP is down, and asks again only after a while', async () => {
    const t = cacheWith([down, up]);
    await t.cache.refresh();
    expect(t.cache.browserEndpoints()).toBeUndefined();
    expect(t.calls()).toBe(1);
    t.advance(10_000);
    expect(t.cache.browserEndpoints()).toBeUndefined();
    expect(t.calls()).toBe(1);
    t.advance(25_000);
    t.cache.browserEndpoints();
    expect(t.calls()).toBe(2);
    await t.cache.refresh();
    expect(t.cache.browserEndpoints()).toEqual(endpoints);
    expect((await t.cache.jwksUri()).href).toBe('https://idp/jwks');
  });

  it('asks again at once for the keys a token needs, and says so when the IdP is down', async () => {
    const t = cacheWith([down, down, up]);
    await t.cache.refresh();
    await expect(t.cache.jwksUri()).rejects.toThrow('IdP discovery failed');
    expect(t.calls()).toBe(2);
    expect((await t.cache.jwksUri()).href).toBe('https://idp/jwks');
    expect(t.calls()).toBe(3);
    // Known: no request at all.
    await t.cache.jwksUri();
    expect(t.calls()).toBe(3);
  });

  it('keeps what it knows through a failed hourly re-read', async () => {
    const t = cacheWith([up, down]);
    await t.cache.refresh();
    t.advance(30 * 60 * 1000);
    expect(t.cache.browserEndpoints()).toEqual(endpoints);
    expect(t.calls()).toBe(1);
    t.advance(31 * 60 * 1000);
    expect(t.cache.browserEndpoints()).toEqual(endpoints);
    await t.cache.refresh();
    expect(t.calls()).toBeGreaterThanOrEqual(2);
    expect(t.cache.browserEndpoints()).toEqual(endpoints);
  });
});

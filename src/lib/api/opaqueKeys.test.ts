import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setAccessToken } from './accessToken';
import { GatewayError } from './gatewayError';
import { sealKey, unsealKey } from './opaqueKeys';

const json = (status: number, body: unknown): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

beforeEach(() => {
  setAccessToken('tok');
});

afterEach(() => {
  vi.unstubAllGlobals();
  setAccessToken(null);
});

describe('opaque keys', () => {
  it('seals a value with the signed-in user’s token and returns the key', async () => {
    let seen: RequestInit | undefined;
    vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
      seen = init;
      return json(200, { key: 'k'.repeat(50) });
    });
    expect(await sealKey('patient', { a: 1 })).toBe('k'.repeat(50));
    expect(new Headers(seen?.headers).get('authorization')).toBe('Bearer tok');
    expect(JSON.parse(String(seen?.body))).toEqual({ kind: 'patient', value: { a: 1 } });
  });

  it('says the answer is invalid when it holds no key', async () => {
    vi.stubGlobal('fetch', async () => json(200, { nope: true }));
    await expect(sealKey('study', {})).rejects.toMatchObject({ reason: 'invalidResponse' });
  });

  it('unseals a key into its value', async () => {
    vi.stubGlobal('fetch', async () => json(200, { kind: 'patient', value: { identifiers: [] } }));
    expect(await unsealKey('abc', 'patient')).toEqual({ identifiers: [] });
  });

  it('passes the gateway’s refusal on, with its French sentence', async () => {
    vi.stubGlobal('fetch', async () =>
      json(404, { error: { code: 'unknown_key', message: 'Ce lien n’est plus valable' } }),
    );
    await expect(unsealKey('abc', 'patient')).rejects.toMatchObject({
      reason: 'notFound',
      detail: 'Ce lien n’est plus valable',
    });
  });

  it('does not open a key of another kind', async () => {
    vi.stubGlobal('fetch', async () => json(200, { kind: 'study', value: {} }));
    const error = await unsealKey('abc', 'patient').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ reason: 'notFound', status: 404 });
  });
});

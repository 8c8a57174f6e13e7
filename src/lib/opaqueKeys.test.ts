import { describe, expect, it } from 'vitest';
import { createOpaqueKey, OpaqueKeyError, resolveOpaqueKey } from './opaqueKeys';

const json = (status: number, body: unknown): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('opaque keys client', () => {
  it('posts the value with the token and returns the key', async () => {
    let seen: RequestInit | undefined;
    const key = await createOpaqueKey('patient', { a: 1 }, 'tok', async (_url, init) => {
      seen = init;
      return json(200, { key: 'k'.repeat(50) });
    });
    expect(key).toBe('k'.repeat(50));
    expect(new Headers(seen?.headers).get('authorization')).toBe('Bearer tok');
    expect(JSON.parse(String(seen?.body))).toEqual({ kind: 'patient', value: { a: 1 } });
  });

  it('surfaces the gateway French message on a refused key', async () => {
    const failing = async () =>
      json(404, { error: { code: 'unknown_key', message: 'Ce lien n’est plus valable' } });
    await expect(resolveOpaqueKey('abc', 'patient', 'tok', failing)).rejects.toThrow(
      'Ce lien n’est plus valable',
    );
  });

  it('refuses a key of another kind', async () => {
    const study = async () => json(200, { kind: 'study', value: {} });
    await expect(resolveOpaqueKey('abc', 'patient', 'tok', study)).rejects.toBeInstanceOf(
      OpaqueKeyError,
    );
  });
});

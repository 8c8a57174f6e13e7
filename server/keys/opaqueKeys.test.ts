import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildGateway } from '../app';
import { startFakeIdp, type FakeIdp } from '../testing/fakeIdp';
import { testConfig, testSource } from '../testing/testConfig';
import { KEY_LIFETIME_MS, OpaqueKeys } from './opaqueKeys';

const secret = crypto.randomBytes(32);
const patient = { identifiers: [{ issuer: '1.2.250.1.213.1.4.10', id: '258037512345653' }] };

describe('OpaqueKeys', () => {
  it('opens what it sealed, for the same user only', () => {
    const keys = new OpaqueKeys(secret);
    const key = keys.seal('medecin', 'patient', patient);
    expect(keys.open('medecin', key)).toEqual({ kind: 'patient', value: patient });
    expect(keys.open('radiologue', key)).toBeNull();
  });

  it('leaks no identifier into the key', () => {
    const key = new OpaqueKeys(secret).seal('medecin', 'patient', patient);
    expect(key).not.toContain('258037512345653');
    expect(Buffer.from(key, 'base64url').toString('latin1')).not.toContain('2580375');
    expect(key).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('refuses tampered, foreign-secret, malformed and expired keys', () => {
    let now = 1_000_000;
    const keys = new OpaqueKeys(secret, () => now);
    const key = keys.seal('medecin', 'study', { studyInstanceUID: '1.2.3' });
    const raw = Buffer.from(key, 'base64url');
    raw[raw.length - 1] = (raw[raw.length - 1] ?? 0) ^ 1;
    expect(keys.open('medecin', raw.toString('base64url'))).toBeNull();
    expect(new OpaqueKeys(crypto.randomBytes(32)).open('medecin', key)).toBeNull();
    for (const bad of ['', 'x', '../../etc/passwd', 'A'.repeat(10_000), '<script>']) {
      expect(keys.open('medecin', bad)).toBeNull();
    }
    now += KEY_LIFETIME_MS - 1;
    expect(keys.open('medecin', key)).not.toBeNull();
    now += 2;
    expect(keys.open('medecin', key)).toBeNull();
  });

  it('needs a secret of at least 32 bytes', () => {
    expect(() => new OpaqueKeys(Buffer.alloc(16))).toThrow(/32 bytes/);
  });
});

describe('/api/keys', () => {
  let idp: FakeIdp;
  let app: FastifyInstance;
  beforeAll(async () => {
    idp = await startFakeIdp();
    app = await buildGateway({
      config: testConfig(idp.issuer, [testSource('a', 'http://127.0.0.1:1/dicom-web')]),
      keySecret: secret,
    });
  });
  afterAll(async () => {
    await app.close();
    await idp.close();
  });
  const as = async (sub: string) => ({
    authorization: `Bearer ${await idp.sign({ sub, role: 'professional', rpps: '99900012345' })}`,
  });

  it('seals for the caller and opens for the caller only', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/keys',
      headers: await as('medecin'),
      payload: { kind: 'patient', value: patient },
    });
    expect(created.statusCode).toBe(200);
    const { key } = created.json<{ key: string }>();
    const mine = await app.inject({ url: `/api/keys/${key}`, headers: await as('medecin') });
    expect(mine.json()).toEqual({ kind: 'patient', value: patient });
    const theirs = await app.inject({ url: `/api/keys/${key}`, headers: await as('radiologue') });
    expect(theirs.statusCode).toBe(404);
    expect(theirs.json<{ error: { code: string } }>().error.code).toBe('unknown_key');
  });

  it('needs a token, a known kind and a small value', async () => {
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/keys',
          payload: { kind: 'patient', value: 1 },
        })
      ).statusCode,
    ).toBe(401);
    const headers = await as('medecin');
    const bad = await app.inject({
      method: 'POST',
      url: '/api/keys',
      headers,
      payload: { kind: 'admin', value: 1 },
    });
    expect(bad.statusCode).toBe(400);
    const huge = await app.inject({
      method: 'POST',
      url: '/api/keys',
      headers,
      payload: { kind: 'study', value: 'x'.repeat(5000) },
    });
    expect(huge.statusCode).toBe(400);
  });
});

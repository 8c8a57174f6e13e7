// Token lifetimes, against a stand-in IdP's real keys: a valid signature is not enough for a
// token issued in the future, issued long ago, or minted to live for a century.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { GatewayError } from '../errors';
import { startFakeIdp, type FakeIdp } from '../testing/fakeIdp';
import { testConfig } from '../testing/testConfig';
import {
  createTokenVerifier,
  DEFAULT_MAX_TOKEN_AGE_SECONDS,
  type TokenVerifier,
} from './verifyToken';

const CLAIMS = { sub: 'medecin', role: 'professional', rpps: '99900012345' };
const HOUR = 3600;
const YEAR = 365 * 24 * HOUR;

let idp: FakeIdp;
let verify: TokenVerifier;
const nowS = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  idp = await startFakeIdp();
  verify = createTokenVerifier(testConfig(idp.issuer, []).idp);
});

afterAll(async () => {
  await idp.close();
});

/** The refusal `verify` throws, or null when it accepts the token. */
async function refusal(token: string, by = verify): Promise<GatewayError | null> {
  try {
    await by(token);
    return null;
  } catch (err) {
    if (err instanceof GatewayError) return err;
    throw err;
  }
}

describe('token age and lifetime', () => {
  it('defaults to twelve hours', () => {
    expect(DEFAULT_MAX_TOKEN_AGE_SECONDS).toBe(12 * HOUR);
  });

  it.each([
    ['a token of the demo IdP (10 minutes)', () => ({ issuedAt: nowS(), expiresIn: nowS() + 600 })],
    [
      'one issued 20 s ahead of our clock (within tolerance)',
      () => ({ issuedAt: nowS() + 20, expiresIn: nowS() + 620 }),
    ],
    [
      'one issued 11 h ago, living 12 h',
      () => ({ issuedAt: nowS() - 11 * HOUR, expiresIn: nowS() + HOUR }),
    ],
    ['one living exactly the maximum', () => ({ issuedAt: nowS(), expiresIn: nowS() + 12 * HOUR })],
  ])('accepts %s', async (_label, times) => {
    const token = await idp.sign(CLAIMS, times());
    expect(await refusal(token)).toBeNull();
  });

  it.each([
    ['without iat', () => ({ issuedAt: null, expiresIn: nowS() + 600 })],
    ['issued 5 minutes in the future', () => ({ issuedAt: nowS() + 300, expiresIn: nowS() + 900 })],
    [
      'issued a year in the future',
      () => ({ issuedAt: nowS() + YEAR, expiresIn: nowS() + YEAR + 600 }),
    ],
    ['expiring a century ahead', () => ({ issuedAt: nowS(), expiresIn: nowS() + 100 * YEAR })],
    ['living 12 h and 1 s', () => ({ issuedAt: nowS(), expiresIn: nowS() + 12 * HOUR + 1 })],
    [
      'issued 13 h ago and still unexpired',
      () => ({ issuedAt: nowS() - 13 * HOUR, expiresIn: nowS() + 600 }),
    ],
  ])('refuses a token %s as unrecognised', async (_label, times) => {
    const token = await idp.sign(CLAIMS, times());
    const err = await refusal(token);
    expect(err).toMatchObject({ status: 401, code: 'unauthorized', message: 'Jeton non reconnu.' });
    expect(err?.headers['www-authenticate']).toBe(
      'Bearer realm="drim-viewer", error="invalid_token"',
    );
  });

  it('still calls an expired session expired', async () => {
    const token = await idp.sign(CLAIMS, { issuedAt: nowS() - 700, expiresIn: nowS() - 100 });
    expect(await refusal(token)).toMatchObject({
      status: 401,
      message: 'Session expirée, reconnectez-vous.',
    });
  });

  it('follows the region’s idp.maxTokenAgeSeconds', async () => {
    const strict = createTokenVerifier({
      ...testConfig(idp.issuer, []).idp,
      maxTokenAgeSeconds: 600,
    });
    const tenMinutes = await idp.sign(CLAIMS, { expiresIn: nowS() + 600 });
    const twentyMinutes = await idp.sign(CLAIMS, { expiresIn: nowS() + 1200 });
    const oldButAlive = await idp.sign(CLAIMS, {
      issuedAt: nowS() - 900,
      expiresIn: nowS() + 60,
    });
    expect(await refusal(tenMinutes, strict)).toBeNull();
    expect(await refusal(twentyMinutes, strict)).toMatchObject({ message: 'Jeton non reconnu.' });
    expect(await refusal(oldButAlive, strict)).toMatchObject({ message: 'Jeton non reconnu.' });
    expect(await refusal(twentyMinutes)).toBeNull();
  });
});

describe('a token checked once', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('is accepted again, and refused as expired once its time has passed', async () => {
    // Its own verifier: the memory of checked tokens is per verifier.
    const once = createTokenVerifier(testConfig(idp.issuer, []).idp);
    const token = await idp.sign(CLAIMS, { issuedAt: nowS(), expiresIn: nowS() + 10 });
    const first = await once(token);
    expect(await once(token)).toEqual(first);
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 41_000 });
    expect(await refusal(token, once)).toMatchObject({
      status: 401,
      message: 'Session expirée, reconnectez-vous.',
    });
  });

  it('does not open the gateway to a token altered after it was accepted', async () => {
    const once = createTokenVerifier(testConfig(idp.issuer, []).idp);
    const token = await idp.sign(CLAIMS, { issuedAt: nowS(), expiresIn: nowS() + 600 });
    await once(token);
    const [header, payload] = token.split('.');
    const forged = `${header}.${payload}.${'A'.repeat(342)}`;
    expect(await refusal(forged, once)).toMatchObject({
      status: 401,
      message: 'Jeton non reconnu.',
    });
    const other = Buffer.from(
      JSON.stringify({ ...CLAIMS, sub: 'autre', iat: nowS(), exp: nowS() + 600 }),
    ).toString('base64url');
    const swapped = `${header}.${other}.${token.split('.')[2]}`;
    expect(await refusal(swapped, once)).toMatchObject({
      status: 401,
      message: 'Jeton non reconnu.',
    });
  });
});

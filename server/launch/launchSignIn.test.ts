import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { RegionConfig } from '../config/schema';
import {
  authorizeUrl,
  bindingCookie,
  bindingMatches,
  cookieValue,
  exchangeLaunchCode,
  LaunchSignInFailure,
  startLaunchSignIn,
} from './launchSignIn';

const idp: RegionConfig['idp'] = {
  issuer: 'https://idp.example',
  clientId: 'drim-viewer',
  scope: 'openid profile drim',
  audience: 'urn:drim-viewer:gateway',
  acrValues: 'eidas2',
};
const endpoints = { authorization: 'https://idp.example/auth', token: 'https://idp.example/token' };
const ORIGIN = 'https://imagerie.example';
const KEY = 'k'.repeat(43);

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (claims: Record<string, unknown>) =>
  `${b64({ alg: 'RS256' })}.${b64(claims)}.c2lnbmF0dXJl`;

function tokenAnswer(nonce: string, overrides: Record<string, unknown> = {}) {
  return {
    access_token: 'at',
    id_token: jwt({ iss: idp.issuer, aud: idp.clientId, sub: 'u1', nonce }),
    token_type: 'Bearer',
    expires_in: 600,
    scope: 'openid profile drim',
    ...overrides,
  };
}

/** A token endpoint that answers `body` (a string as is), and what it was asked. */
function fakeTokenEndpoint(status: number, body: unknown) {
  const asked: { url: string; form: URLSearchParams }[] = [];
  const fetchImpl = (async (url: string, init: RequestInit) => {
    asked.push({ url, form: new URLSearchParams(String(init.body)) });
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  }) as unknown as typeof fetch;
  return { asked, fetchImpl };
}

const exchange = (fetchImpl: typeof fetch, secrets = startLaunchSignIn().secrets) =>
  exchangeLaunchCode({ idp, endpoints, origin: ORIGIN, code: 'the-code', secrets, fetchImpl });

describe('the authorization request of a launch', () => {
  it('asks for a code without any IdP page, PKCE S256 over a verifier only the gateway keeps', () => {
    const { secrets } = startLaunchSignIn();
    const url = new URL(authorizeUrl({ idp, endpoints, origin: ORIGIN, launchKey: KEY, secrets }));
    const q = url.searchParams;
    expect(`${url.origin}${url.pathname}`).toBe(endpoints.authorization);
    expect(q.get('prompt')).toBe('none');
    expect(q.get('response_type')).toBe('code');
    expect(q.get('redirect_uri')).toBe(`${ORIGIN}/auth/launch`);
    expect(q.get('state')).toBe(KEY);
    expect(q.get('nonce')).toBe(secrets.nonce);
    expect(q.get('acr_values')).toBe('eidas2');
    expect(q.get('code_challenge')).toBe(
      crypto.createHash('sha256').update(secrets.verifier).digest('base64url'),
    );
    expect(url.toString()).not.toContain(secrets.verifier);
  });

  it('keeps only a hash of the binding, and two launches never share secrets', () => {
    const a = startLaunchSignIn();
    const b = startLaunchSignIn();
    expect(a.secrets.binding).not.toContain(a.bindingValue);
    expect(a.secrets.binding).toBe(
      crypto.createHash('sha256').update(a.bindingValue).digest('hex'),
    );
    expect(a.secrets.verifier).not.toBe(b.secrets.verifier);
    expect(a.bindingValue).not.toBe(b.bindingValue);
  });
});

describe('the binding cookie', () => {
  it('is HttpOnly, SameSite=Lax, scoped to this launch’s sign-in, Secure over HTTPS', () => {
    const line = bindingCookie({ launchKey: KEY, value: 'v', secure: true, maxAgeSeconds: 600 });
    expect(line.split('; ')).toEqual([
      'drim-launch-binding=v',
      `Path=/api/launch/${KEY}/sign-in`,
      'Max-Age=600',
      'HttpOnly',
      'SameSite=Lax',
      'Secure',
    ]);
    expect(
      bindingCookie({ launchKey: KEY, value: 'v', secure: false, maxAgeSeconds: 1 }),
    ).not.toMatch(/Secure/);
  });

  it.each([
    ['drim-launch-binding=abc', 'abc'],
    ['other=1; drim-launch-binding=abc; last=2', 'abc'],
    ['  drim-launch-binding = abc ', 'abc'],
    ['xdrim-launch-binding=abc', undefined],
    ['drim-launch-binding', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('reads %j as %j', (header, expected) => {
    expect(cookieValue(header, 'drim-launch-binding')).toBe(expected);
  });

  it('matches the browser’s own value only', () => {
    const { secrets, bindingValue } = startLaunchSignIn();
    expect(bindingMatches(bindingValue, secrets)).toBe(true);
    expect(bindingMatches(`${bindingValue}x`, secrets)).toBe(false);
    expect(bindingMatches(startLaunchSignIn().bindingValue, secrets)).toBe(false);
    expect(bindingMatches(undefined, secrets)).toBe(false);
    expect(bindingMatches('', secrets)).toBe(false);
  });
});

describe('exchanging the code', () => {
  it('sends the verifier and the launch’s redirect URI, and gives the IdP’s tokens', async () => {
    const start = startLaunchSignIn();
    const { asked, fetchImpl } = fakeTokenEndpoint(200, tokenAnswer(start.secrets.nonce));
    const tokens = await exchange(fetchImpl, start.secrets);
    expect(tokens).toMatchObject({ access_token: 'at', token_type: 'Bearer', expires_in: 600 });
    expect(asked).toHaveLength(1);
    expect(asked[0]!.url).toBe(endpoints.token);
    expect(Object.fromEntries(asked[0]!.form)).toEqual({
      grant_type: 'authorization_code',
      code: 'the-code',
      redirect_uri: `${ORIGIN}/auth/launch`,
      client_id: 'drim-viewer',
      code_verifier: start.secrets.verifier,
    });
  });

  const failures: [string, number, (nonce: string) => unknown, LaunchSignInFailure['reason']][] = [
    ['a refusal', 400, () => ({ error: 'invalid_grant' }), 'idp-refused'],
    ['an HTML page', 200, () => '<html>maintenance</html>', 'bad-answer'],
    ['a huge answer', 200, (n) => ({ ...tokenAnswer(n), pad: 'x'.repeat(70_000) }), 'bad-answer'],
    ['no access token', 200, (n) => tokenAnswer(n, { access_token: undefined }), 'bad-answer'],
    ['a DPoP token', 200, (n) => tokenAnswer(n, { token_type: 'DPoP' }), 'bad-answer'],
    ['an expired life', 200, (n) => tokenAnswer(n, { expires_in: 0 }), 'bad-answer'],
    ['an ID token of another sign-in', 200, () => tokenAnswer('another-nonce'), 'bad-id-token'],
    [
      'an ID token for another client',
      200,
      (n) =>
        tokenAnswer(n, { id_token: jwt({ iss: idp.issuer, aud: 'other', sub: 'u', nonce: n }) }),
      'bad-id-token',
    ],
    [
      'an ID token of another issuer',
      200,
      (n) =>
        tokenAnswer(n, {
          id_token: jwt({ iss: 'https://evil.example', aud: idp.clientId, sub: 'u', nonce: n }),
        }),
      'bad-id-token',
    ],
    [
      'an ID token that is no JWT',
      200,
      (n) => tokenAnswer(n, { id_token: 'nope' }),
      'bad-id-token',
    ],
  ];

  it.each(failures)('refuses %s', async (_what, status, body, reason) => {
    const start = startLaunchSignIn();
    const { fetchImpl } = fakeTokenEndpoint(status, body(start.secrets.nonce));
    await expect(exchange(fetchImpl, start.secrets)).rejects.toMatchObject({ reason });
  });

  it('says the IdP is unreachable when it does not answer', async () => {
    const fetchImpl = (async () => {
      throw new TypeError('fetch failed');
    }) as unknown as typeof fetch;
    await expect(exchange(fetchImpl)).rejects.toBeInstanceOf(LaunchSignInFailure);
    await expect(exchange(fetchImpl)).rejects.toMatchObject({ reason: 'idp-unreachable' });
  });
});

import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INS_TEST_OID, PATIENTS } from '../demo-identities';
import { CookieJar, LoginRejectedError, loginWithPassword } from './login-client';
import { startIdp, type RunningIdp } from './server';

const AUDIENCE = 'urn:drim-viewer:gateway';
// RFC 7636 appendix B: the challenge below is this verifier's S256.
const PKCE_VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

let dataDir: string;
let idpPort: number;
let idp: RunningIdp;
let gatewayUrl: string;
let discovery: Record<string, string>;

function start(): Promise<RunningIdp> {
  return startIdp({ port: idpPort, issuer: `http://localhost:${idpPort}`, gatewayUrl, dataDir });
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'drim-idp-'));
  idpPort = await freePort();
  gatewayUrl = `http://localhost:${await freePort()}`;
  idp = await start();
  discovery = (await (await fetch(`${idp.url}/.well-known/openid-configuration`)).json()) as Record<
    string,
    string
  >;
});

afterAll(async () => {
  await idp?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** Follows redirects by hand, stopping at a page or at the gateway. */
async function browse(
  jar: CookieJar,
  url: string,
  init: RequestInit = {},
): Promise<{ status: number; url: string; body: string; location?: string }> {
  let current = url;
  let res = await fetch(current, {
    ...init,
    redirect: 'manual',
    headers: { ...(init.headers as Record<string, string>), cookie: jar.header() },
  });
  for (let i = 0; i < 10; i++) {
    jar.store(res);
    const location = res.headers.get('location');
    if (!location || res.status < 300 || res.status >= 400) break;
    const next = new URL(location, current).toString();
    if (next.startsWith(gatewayUrl))
      return { status: res.status, url: current, body: '', location: next };
    current = next;
    res = await fetch(current, { redirect: 'manual', headers: { cookie: jar.header() } });
  }
  return { status: res.status, url: current, body: await res.text() };
}

function authorizeUrl(extra: Record<string, string> = {}): string {
  const u = new URL(discovery.authorization_endpoint ?? '');
  u.search = new URLSearchParams({
    client_id: 'drim-viewer',
    redirect_uri: `${gatewayUrl}/auth/callback`,
    response_type: 'code',
    scope: 'openid profile drim',
    code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    code_challenge_method: 'S256',
    state: 'st',
    ...extra,
  }).toString();
  return u.toString();
}

async function submitLogin(username: string, password: string) {
  const jar = new CookieJar();
  const page = await browse(jar, authorizeUrl());
  expect(page.status).toBe(200);
  const action = /<form\b[^>]*\baction="([^"]*)"/.exec(page.body)?.[1] ?? '';
  const result = await browse(jar, new URL(action, page.url).toString(), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username, password }),
  });
  return { jar, loginPage: page, result };
}

describe('demo IdP', () => {
  it('logs a professional in with a gateway JWT and PSC-shaped ID token claims', async () => {
    const tokens = await loginWithPassword({
      idpUrl: idp.url,
      username: 'medecin',
      password: 'demo',
      redirectUri: `${gatewayUrl}/auth/callback`,
    });
    expect(tokens.expiresIn).toBe(600);
    const jwks = createRemoteJWKSet(new URL(discovery.jwks_uri ?? ''));
    const { payload, protectedHeader } = await jwtVerify(tokens.accessToken, jwks, {
      issuer: idp.url,
      audience: AUDIENCE,
    });
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload).toMatchObject({
      role: 'professional',
      rpps: '99900012345',
      finess: '549999991',
      client_id: 'drim-viewer',
      // Who they are, for the access trace the patient reads: name, profession, structure.
      given_name: 'Claire',
      family_name: 'LAMBERT',
      SubjectRefPro: {
        exercices: [
          {
            codeProfession: '10',
            codeSavoirFaire: 'SM54',
            activities: [{ raisonSocialeSite: 'Cabinet médical du Parc (fictif)' }],
          },
        ],
      },
    });
    const id = await jwtVerify(tokens.idToken, jwks, { issuer: idp.url, audience: 'drim-viewer' });
    expect(id.payload.SubjectNameID).toBe('899900012345');
    const refPro = id.payload.SubjectRefPro as {
      exercices: { codeProfession: string; activities: { numeroFinessSite: string }[] }[];
    };
    expect(refPro.exercices[0]?.codeProfession).toBe('10');
    expect(refPro.exercices[0]?.activities[0]?.numeroFinessSite).toBe('549999991');
    expect(id.payload.SubjectRole).toEqual(['10^1.2.250.1.213.1.1.5.5']);
    expect(id.payload).toMatchObject({ role: 'professional', family_name: 'LAMBERT' });
  });

  it('logs a patient in with their INS in the access token', async () => {
    const tokens = await loginWithPassword({
      idpUrl: idp.url,
      username: 'patient1',
      password: 'demo',
      redirectUri: `${gatewayUrl}/auth/silent`,
    });
    const jwks = createRemoteJWKSet(new URL(discovery.jwks_uri ?? ''));
    const { payload } = await jwtVerify(tokens.accessToken, jwks, {
      issuer: idp.url,
      audience: AUDIENCE,
    });
    const dubois = PATIENTS.find((p) => p.key === 'dubois');
    expect(payload).toMatchObject({ role: 'patient', ins: dubois?.ins, ins_oid: INS_TEST_OID });
    expect(payload.rpps).toBeUndefined();
    const id = await jwtVerify(tokens.idToken, jwks, { audience: 'drim-viewer' });
    expect(id.payload).toMatchObject({ ins: dubois?.ins, birthdate: '1958-03-14' });
  });

  it('refuses a wrong password with the French message and keeps the identifier', async () => {
    await expect(
      loginWithPassword({
        idpUrl: idp.url,
        username: 'medecin',
        password: 'wrong',
        redirectUri: `${gatewayUrl}/auth/callback`,
      }),
    ).rejects.toBeInstanceOf(LoginRejectedError);

    const { loginPage, result } = await submitLogin('medecin', 'not-the-password');
    expect(loginPage.body).toContain('<html lang="fr">');
    expect(loginPage.body).toContain(
      "<title>Connexion — Espace régional d'imagerie (démonstration)</title>",
    );
    expect(loginPage.body).toContain('name="username"');
    expect(loginPage.body).toContain('Se connecter');
    expect(result.status).toBe(200);
    expect(result.body).toContain('Identifiant ou mot de passe incorrect.');
    expect(result.body).toContain('value="medecin"');
    expect(result.body).not.toContain('not-the-password');
  });

  it('escapes HTML typed as the identifier', async () => {
    const { result } = await submitLogin('<script>alert("x")</script>', 'demo');
    expect(result.status).toBe(200);
    expect(result.body).not.toContain('<script>alert');
    expect(result.body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });

  it('renews silently within the session (prompt=none) and signs out back to the gateway', async () => {
    const { jar, result } = await submitLogin('radiologue', 'demo');
    expect(result.location).toMatch(new RegExp(`^${gatewayUrl}/auth/callback\\?code=`));

    const silent = await browse(
      jar,
      authorizeUrl({ prompt: 'none', redirect_uri: `${gatewayUrl}/auth/silent` }),
    );
    expect(silent.location).toMatch(new RegExp(`^${gatewayUrl}/auth/silent\\?code=`));

    const confirm = await browse(
      jar,
      `${discovery.end_session_endpoint}?${new URLSearchParams({
        client_id: 'drim-viewer',
        post_logout_redirect_uri: `${gatewayUrl}/`,
      })}`,
    );
    expect(confirm.status).toBe(200);
    expect(confirm.body).toContain('Se déconnecter');
    expect(confirm.body).not.toContain('<script>');

    // The SPA names its session with id_token_hint: the page then signs out without asking.
    const code = new URL(result.location ?? '').searchParams.get('code') ?? '';
    const tokenRes = await fetch(discovery.token_endpoint ?? '', {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        client_id: 'drim-viewer',
        redirect_uri: `${gatewayUrl}/auth/callback`,
        code_verifier: PKCE_VERIFIER,
      }),
    });
    const { id_token: idToken } = (await tokenRes.json()) as { id_token: string };
    const logout = await browse(
      jar,
      `${discovery.end_session_endpoint}?${new URLSearchParams({
        id_token_hint: idToken,
        post_logout_redirect_uri: `${gatewayUrl}/`,
      })}`,
    );
    expect(logout.body).toContain('lang="fr"');
    expect(logout.body).toContain('f.submit()');
    const action = /<form\b[^>]*\baction="([^"]*)"/.exec(logout.body)?.[1] ?? '';
    const xsrf = /name="xsrf" value="([^"]*)"/.exec(logout.body)?.[1] ?? '';
    const done = await browse(jar, new URL(action, logout.url).toString(), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf, logout: 'yes' }),
    });
    expect(done.location).toBe(`${gatewayUrl}/`);

    const after = await browse(
      jar,
      authorizeUrl({ prompt: 'none', redirect_uri: `${gatewayUrl}/auth/silent` }),
    );
    expect(after.location).toContain('error=login_required');
  });

  it('grants scopes added after login without a consent screen', async () => {
    const jar = new CookieJar();
    const page = await browse(jar, authorizeUrl({ scope: 'openid' }));
    const action = /<form\b[^>]*\baction="([^"]*)"/.exec(page.body)?.[1] ?? '';
    const first = await browse(jar, new URL(action, page.url).toString(), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: 'patient2', password: 'demo' }),
    });
    expect(first.location).toContain('code=');
    const wider = await browse(jar, authorizeUrl());
    expect(wider.location).toMatch(new RegExp(`^${gatewayUrl}/auth/callback\\?code=`));
  });

  it('shows errors in French', async () => {
    const res = await fetch(authorizeUrl({ client_id: 'unknown-client' }));
    const body = await res.text();
    expect(res.status).toBe(400);
    expect(body).toContain('lang="fr"');
    expect(body).toContain('Connexion impossible');
  });

  it('lets the SPA origin call discovery and the token endpoint (CORS)', async () => {
    const origin = new URL(gatewayUrl).origin;
    const disco = await fetch(`${idp.url}/.well-known/openid-configuration`, {
      headers: { origin },
    });
    expect(disco.headers.get('access-control-allow-origin')).toMatch(/^(\*|http:\/\/localhost)/);

    const preflight = await fetch(discovery.token_endpoint ?? '', {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);

    const tokenCall = (from: string) =>
      fetch(discovery.token_endpoint ?? '', {
        method: 'POST',
        headers: { origin: from, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code: 'nope',
          client_id: 'drim-viewer',
          redirect_uri: `${gatewayUrl}/auth/callback`,
          code_verifier: 'x'.repeat(43),
        }),
      });
    const allowed = await tokenCall(origin);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(origin);
    const foreign = await tokenCall('http://evil.example');
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('keeps its signing key across restarts, in a private file', async () => {
    const jwksUrl = discovery.jwks_uri ?? '';
    const before = (await (await fetch(jwksUrl)).json()) as { keys: { kid: string; d?: string }[] };
    expect(before.keys[0]?.d).toBeUndefined();
    const tokens = await loginWithPassword({
      idpUrl: idp.url,
      username: 'medecin',
      password: 'demo',
      redirectUri: `${gatewayUrl}/auth/callback`,
    });

    await idp.close();
    idp = await start();

    const after = (await (await fetch(jwksUrl)).json()) as { keys: { kid: string }[] };
    expect(after.keys.map((k) => k.kid)).toEqual(before.keys.map((k) => k.kid));
    expect(decodeProtectedHeader(tokens.accessToken).kid).toBe(before.keys[0]?.kid);
    const file = path.join(dataDir, 'jwks.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, 'utf8'))).toHaveProperty('keys.0.d');
  });
});

describe('demo IdP, as a test or demo stack starts it', () => {
  let local: RunningIdp;
  let localDir: string;
  const devServer = 'http://localhost:5173';

  beforeAll(async () => {
    localDir = await mkdtemp(path.join(os.tmpdir(), 'drim-idp-test-'));
    const port = await freePort();
    local = await startIdp({
      port,
      issuer: `http://localhost:${port}`,
      gatewayUrl,
      dataDir: localDir,
      shortTokenTtlSeconds: 7,
      devServerOrigin: devServer,
    });
  });

  afterAll(async () => {
    await local?.close();
    if (localDir) await rm(localDir, { recursive: true, force: true });
  });

  const login = (username: string, redirectUri: string) =>
    loginWithPassword({ idpUrl: local.url, username, password: 'demo', redirectUri });

  it('gives the short-token GP tokens of the asked life, and everyone else the usual one', async () => {
    const short = await login('medecin-jeton-court', `${gatewayUrl}/auth/callback`);
    expect(short.expiresIn).toBe(7);
    const jwks = createRemoteJWKSet(new URL(`${local.url}/jwks`));
    const { payload } = await jwtVerify(short.accessToken, jwks, { audience: AUDIENCE });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(7);
    // The same GP as `medecin` for the gateway, under their own login.
    expect(payload).toMatchObject({ sub: 'medecin-jeton-court', rpps: '99900012345' });
    expect((await login('medecin', `${gatewayUrl}/auth/callback`)).expiresIn).toBe(600);
  });

  it('has no short-token account unless asked for one', async () => {
    await expect(
      loginWithPassword({
        idpUrl: idp.url,
        username: 'medecin-jeton-court',
        password: 'demo',
        redirectUri: `${gatewayUrl}/auth/callback`,
      }),
    ).rejects.toBeInstanceOf(LoginRejectedError);
  });

  it('lets the Vite dev server log users in: both callbacks, and CORS from its origin', async () => {
    const tokens = await login('radiologue', `${devServer}/auth/callback`);
    expect(tokens.accessToken).not.toBe('');
    await expect(login('radiologue', `${devServer}/auth/silent`)).resolves.toBeDefined();
    const disco = (await (await fetch(`${local.url}/.well-known/openid-configuration`)).json()) as {
      token_endpoint: string;
    };
    const preflight = await fetch(disco.token_endpoint, {
      method: 'OPTIONS',
      headers: { origin: devServer, 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBe(devServer);
  });

  it('refuses the dev server’s callback when it was not asked for', async () => {
    const res = await fetch(authorizeUrl({ redirect_uri: `${devServer}/auth/callback` }));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Connexion impossible');
  });
});

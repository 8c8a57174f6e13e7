// A browserless login for integration tests and benchmarks: the real authorization-code +
// PKCE flow over HTTP, submitting the IdP's real login form, so what the gateway receives is
// exactly what a browser session would get.
import { createHash, randomBytes } from 'node:crypto';

export interface PasswordLogin {
  idpUrl: string;
  username: string;
  password: string;
  clientId?: string;
  redirectUri: string;
  scope?: string;
  /** Keeps the IdP's session cookies for the caller (a later prompt=none sign-in). */
  jar?: CookieJar;
}

export interface LoginTokens {
  accessToken: string;
  idToken: string;
  expiresIn: number;
}

/** Thrown when the IdP re-displays its form: unknown user or wrong password. */
export class LoginRejectedError extends Error {
  override name = 'LoginRejectedError';
}

const MAX_REDIRECTS = 10;

/** Name → value; the flow stays on one host, so paths and domains do not matter here. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq < 1) continue;
      const name = pair.slice(0, eq).trim();
      const expired = attrs.some((a) => {
        const [k = '', v = ''] = a.trim().split('=');
        const key = k.toLowerCase();
        return (
          (key === 'max-age' && Number(v) <= 0) ||
          (key === 'expires' && Date.parse(v) <= Date.now())
        );
      });
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(eq + 1).trim());
    }
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

function base64url(buf: Buffer): string {
  return buf.toString('base64url');
}

async function discover(
  idpUrl: string,
): Promise<{ authorization_endpoint: string; token_endpoint: string }> {
  const res = await fetch(`${idpUrl.replace(/\/+$/, '')}/.well-known/openid-configuration`);
  if (!res.ok) throw new Error(`IdP discovery failed: HTTP ${res.status} at ${idpUrl}`);
  return (await res.json()) as { authorization_endpoint: string; token_endpoint: string };
}

function formAction(html: string, pageUrl: string): string {
  const m = /<form\b[^>]*\baction="([^"]*)"/i.exec(html);
  if (!m?.[1]) throw new Error(`no login form on ${pageUrl}`);
  const action = m[1].replace(/&amp;/g, '&');
  return new URL(action, pageUrl).toString();
}

export async function loginWithPassword(opts: PasswordLogin): Promise<LoginTokens> {
  const clientId = opts.clientId ?? 'drim-viewer';
  const meta = await discover(opts.idpUrl);
  const jar = opts.jar ?? new CookieJar();
  const verifier = base64url(randomBytes(32));
  const state = base64url(randomBytes(16));

  const authorize = new URL(meta.authorization_endpoint);
  authorize.search = new URLSearchParams({
    client_id: clientId,
    redirect_uri: opts.redirectUri,
    response_type: 'code',
    scope: opts.scope ?? 'openid profile drim',
    code_challenge: base64url(createHash('sha256').update(verifier).digest()),
    code_challenge_method: 'S256',
    state,
    nonce: base64url(randomBytes(16)),
  }).toString();

  // Follows the IdP's redirects until it either shows a page or sends us back to the client.
  async function follow(
    first: Response,
    firstUrl: string,
  ): Promise<{ page?: string; pageUrl: string; callback?: URL }> {
    let res = first;
    let url = firstUrl;
    for (let i = 0; i <= MAX_REDIRECTS; i++) {
      jar.store(res);
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        await res.body?.cancel();
        const next = new URL(location, url);
        if (next.toString().startsWith(opts.redirectUri)) return { pageUrl: url, callback: next };
        url = next.toString();
        res = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
        continue;
      }
      const body = await res.text();
      if (!res.ok) throw new Error(`IdP answered HTTP ${res.status} at ${new URL(url).pathname}`);
      return { page: body, pageUrl: url };
    }
    throw new Error('too many redirects during login');
  }

  const start = await follow(await fetch(authorize, { redirect: 'manual' }), authorize.toString());
  let callback = start.callback;
  if (!callback) {
    if (start.page === undefined) throw new Error('IdP showed no login page');
    const action = formAction(start.page, start.pageUrl);
    const submitted = await fetch(action, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.header() },
      body: new URLSearchParams({ username: opts.username, password: opts.password }),
    });
    const after = await follow(submitted, action);
    if (!after.callback) {
      if (after.page?.includes('role="alert"'))
        throw new LoginRejectedError(
          `login refused for "${opts.username}": wrong username or password`,
        );
      throw new Error('IdP did not redirect back to the client after login');
    }
    callback = after.callback;
  }

  const params = callback.searchParams;
  if (params.get('error'))
    throw new Error(
      `authorization failed: ${params.get('error')} ${params.get('error_description') ?? ''}`.trim(),
    );
  if (params.get('state') !== state) throw new Error('authorization response state mismatch');
  const code = params.get('code');
  if (!code) throw new Error('authorization response has no code');

  const tokenRes = await fetch(meta.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: opts.redirectUri,
      client_id: clientId,
      code_verifier: verifier,
    }),
  });
  const tokens = (await tokenRes.json()) as {
    access_token?: string;
    id_token?: string;
    expires_in?: number;
    error?: string;
  };
  if (!tokenRes.ok || !tokens.access_token || !tokens.id_token)
    throw new Error(`token request failed: HTTP ${tokenRes.status} ${tokens.error ?? ''}`.trim());
  return {
    accessToken: tokens.access_token,
    idToken: tokens.id_token,
    expiresIn: tokens.expires_in ?? 0,
  };
}

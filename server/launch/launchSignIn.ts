// A context launch signed in on its way in. Sent from the DPI's 303 straight to the IdP
// (prompt=none, code + PKCE) and back to the SPA at /auth/launch, the browser brings a code
// the gateway exchanges, checks the token as every request's, and claims the launch in the
// same answer — inside the page itself (launchPage.ts), or for the page's first request
// (POST …/sign-in) when the page came without it. The page's silent sign-in (a hidden IdP
// page, then a token request, then the claim) was the largest part of a GP's wait between
// the click and the image.
//
// What keeps it as safe as the SPA's own code flow:
// - the PKCE verifier and the nonce never leave the gateway: they are sealed in the
//   pending launch (launchStore.ts), so a code read from an address bar or a log is useless;
// - the code only counts from the browser the launch was sent from: a random binding,
//   set as an HttpOnly cookie on the 303 and held (hashed) in the launch, must come back
//   with it — a code of the attacker's own sign-in pasted into a victim's browser (login
//   CSRF) is refused, and that page then signs in itself as before;
// - the ID token comes straight from the IdP's token endpoint over the gateway's own
//   connection (OIDC Core 3.1.3.7: its issuer is checked through TLS), its nonce must be
//   the launch's; the access token goes through the same check as any request's.
import crypto from 'node:crypto';
import { decodeJwt } from 'jose';
import { readSignInTokens, type SignInTokens } from '../../src/domain/launch/signInTokens';
import type { IdpEndpoints } from '../../src/domain/publicConfig';
import type { RegionConfig } from '../config/schema';
import { IDP_FETCH_TIMEOUT_MS } from '../auth/idpDiscovery';

/** Where the IdP sends the browser back: to register as a redirect URI of the SPA's client. */
export const LAUNCH_CALLBACK_PATH = '/auth/launch';
export const BINDING_COOKIE = 'drim-launch-binding';
/** A code longer than this is no IdP's: refused before anything is asked. */
export const MAX_CODE_LENGTH = 4096;

/** An IdP's token answer is a few kB; more is not one. */
const MAX_TOKEN_ANSWER_BYTES = 64 * 1024;

export interface LaunchSignInSecrets {
  verifier: string;
  nonce: string;
  /** SHA-256 of the browser's binding cookie, hex. */
  binding: string;
}

export interface LaunchSignInStart {
  secrets: LaunchSignInSecrets;
  /** The binding, for the cookie: never stored as is. */
  bindingValue: string;
}

const random = (): string => crypto.randomBytes(32).toString('base64url');
const sha256 = (value: string): Buffer => crypto.createHash('sha256').update(value).digest();

export function startLaunchSignIn(): LaunchSignInStart {
  const bindingValue = random();
  return {
    secrets: { verifier: random(), nonce: random(), binding: sha256(bindingValue).toString('hex') },
    bindingValue,
  };
}

export function authorizeUrl(opts: {
  idp: RegionConfig['idp'];
  endpoints: IdpEndpoints;
  origin: string;
  launchKey: string;
  secrets: LaunchSignInSecrets;
}): string {
  const url = new URL(opts.endpoints.authorization);
  const params: Record<string, string> = {
    client_id: opts.idp.clientId,
    redirect_uri: `${opts.origin}${LAUNCH_CALLBACK_PATH}`,
    response_type: 'code',
    scope: opts.idp.scope,
    // No page of the IdP on the way: without a session the SPA signs in as it always did.
    prompt: 'none',
    // The launch key is already the page's address (/launch/{key}); it tells the page
    // which launch the code is for.
    state: opts.launchKey,
    nonce: opts.secrets.nonce,
    code_challenge: sha256(opts.secrets.verifier).toString('base64url'),
    code_challenge_method: 'S256',
    ...(opts.idp.acrValues ? { acr_values: opts.idp.acrValues } : {}),
  };
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.toString();
}

interface BindingCookieOptions {
  launchKey: string;
  value: string;
  secure: boolean;
  maxAgeSeconds: number;
}

function cookieLine(name: string, path: string, opts: BindingCookieOptions): string {
  return [
    `${name}=${opts.value}`,
    `Path=${path}`,
    `Max-Age=${opts.maxAgeSeconds}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(opts.secure ? ['Secure'] : []),
  ].join('; ');
}

/** Scoped to this launch's sign-in request: two launches in two tabs keep their own. */
export function bindingCookie(opts: BindingCookieOptions): string {
  return cookieLine(BINDING_COOKIE, `/api/launch/${opts.launchKey}/sign-in`, opts);
}

/**
 * The same binding, for the page the IdP sends the browser back to (launchPage.ts), which
 * hands the code in itself: named for the launch, since every launch's page has this path.
 */
export function pageBindingCookieName(launchKey: string): string {
  return `${BINDING_COOKIE}-${launchKey}`;
}

export function pageBindingCookie(opts: BindingCookieOptions): string {
  return cookieLine(pageBindingCookieName(opts.launchKey), LAUNCH_CALLBACK_PATH, opts);
}

export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at !== -1 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

export function bindingMatches(cookie: string | undefined, secrets: LaunchSignInSecrets): boolean {
  if (!cookie) return false;
  const expected = Buffer.from(secrets.binding, 'hex');
  const got = sha256(cookie);
  return expected.length === got.length && crypto.timingSafeEqual(expected, got);
}

/** Why a code did not become tokens: a word for the log, never the IdP's text. */
export class LaunchSignInFailure extends Error {
  constructor(readonly reason: 'idp-refused' | 'idp-unreachable' | 'bad-answer' | 'bad-id-token') {
    super(`launch sign-in failed: ${reason}`);
    this.name = 'LaunchSignInFailure';
  }
}

export async function exchangeLaunchCode(opts: {
  idp: RegionConfig['idp'];
  endpoints: IdpEndpoints;
  origin: string;
  code: string;
  secrets: LaunchSignInSecrets;
  fetchImpl?: typeof fetch;
}): Promise<SignInTokens> {
  let res: Response;
  let text: string;
  try {
    res = await (opts.fetchImpl ?? fetch)(opts.endpoints.token, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: opts.code,
        redirect_uri: `${opts.origin}${LAUNCH_CALLBACK_PATH}`,
        client_id: opts.idp.clientId,
        code_verifier: opts.secrets.verifier,
      }).toString(),
      redirect: 'error',
      signal: AbortSignal.timeout(IDP_FETCH_TIMEOUT_MS),
    });
    if (Number(res.headers.get('content-length') ?? '0') > MAX_TOKEN_ANSWER_BYTES) {
      throw new LaunchSignInFailure('bad-answer');
    }
    text = await res.text();
  } catch (error) {
    if (error instanceof LaunchSignInFailure) throw error;
    throw new LaunchSignInFailure('idp-unreachable');
  }
  if (!res.ok) throw new LaunchSignInFailure('idp-refused');
  if (text.length > MAX_TOKEN_ANSWER_BYTES) throw new LaunchSignInFailure('bad-answer');
  let tokens: SignInTokens | null;
  try {
    tokens = readSignInTokens(JSON.parse(text));
  } catch {
    tokens = null;
  }
  if (!tokens) throw new LaunchSignInFailure('bad-answer');
  checkIdToken(tokens.id_token, opts.idp, opts.secrets.nonce);
  return tokens;
}

function checkIdToken(idToken: string, idp: RegionConfig['idp'], nonce: string): void {
  let claims;
  try {
    claims = decodeJwt(idToken);
  } catch {
    throw new LaunchSignInFailure('bad-id-token');
  }
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (
    claims.iss !== idp.issuer ||
    !audiences.includes(idp.clientId) ||
    claims.nonce !== nonce ||
    typeof claims.sub !== 'string'
  ) {
    throw new LaunchSignInFailure('bad-id-token');
  }
}

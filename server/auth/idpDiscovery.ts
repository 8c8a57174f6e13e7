// The regional IdP's discovery document, read by the gateway: its keys verify access
// tokens (verifyToken.ts), and its browser endpoints go to the SPA with the region's
// settings, so a page load signs in without first asking the IdP where to go — on a
// reload that request sat between the page's first script and its first image.

const IDP_FETCH_TIMEOUT_MS = 5000;
const HTTP_URL = /^https?:\/\/[^\s]+$/;

export interface IdpDiscovery {
  jwksUri: URL;
  /** Where the browser signs in and exchanges its code; absent if the IdP does not say. */
  browser?: IdpBrowserEndpoints;
}

export interface IdpBrowserEndpoints {
  authorization: string;
  token: string;
  endSession?: string;
}

const url = (v: unknown): string | undefined =>
  typeof v === 'string' && HTTP_URL.test(v) && v.length <= 2048 ? v : undefined;

export async function discoverIdp(issuer: string): Promise<IdpDiscovery> {
  const res = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, {
    signal: AbortSignal.timeout(IDP_FETCH_TIMEOUT_MS),
  });
  if (!res.ok) throw new Error(`discovery answered ${res.status}`);
  const doc = (await res.json()) as Record<string, unknown> | null;
  // A discovery document for another issuer means a misrouted or spoofed IdP.
  if (doc?.issuer !== issuer) throw new Error('discovery issuer mismatch');
  const jwks = url(doc.jwks_uri);
  if (!jwks) throw new Error('discovery without jwks_uri');
  const authorization = url(doc.authorization_endpoint);
  const token = url(doc.token_endpoint);
  const endSession = url(doc.end_session_endpoint);
  return {
    jwksUri: new URL(jwks),
    ...(authorization && token
      ? { browser: { authorization, token, ...(endSession ? { endSession } : {}) } }
      : {}),
  };
}

const RETRY_AFTER_MS = 30_000;
const REFRESH_AFTER_MS = 60 * 60 * 1000;

/**
 * The browser endpoints as last read, never waited for: until the IdP has answered (or
 * when it is down) the SPA simply discovers them itself, as it always could.
 */
export class IdpBrowserEndpointsCache {
  private known: IdpBrowserEndpoints | undefined;
  private lastTry = -Infinity;
  private lastSuccess = -Infinity;
  private pending: Promise<void> | null = null;

  constructor(
    private readonly issuer: string,
    private readonly discover: (issuer: string) => Promise<IdpDiscovery> = discoverIdp,
    private readonly clock: () => number = Date.now,
  ) {}

  /** The endpoints if known; starts a (re)read in the background when due. */
  current(): IdpBrowserEndpoints | undefined {
    const now = this.clock();
    const due = this.known
      ? now - this.lastSuccess > REFRESH_AFTER_MS
      : now - this.lastTry > RETRY_AFTER_MS;
    if (due && !this.pending) void this.refresh();
    return this.known;
  }

  refresh(): Promise<void> {
    this.lastTry = this.clock();
    this.pending ??= this.discover(this.issuer)
      .then(
        (doc) => {
          this.known = doc.browser;
          this.lastSuccess = this.clock();
        },
        () => undefined,
      )
      .finally(() => {
        this.pending = null;
      });
    return this.pending;
  }
}

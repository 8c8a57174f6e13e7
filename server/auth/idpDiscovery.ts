// The regional IdP's discovery document, read once by the gateway for two uses: its keys
// verify access tokens (verifyToken.ts), and its browser endpoints go to the SPA with the
// region's settings, so a page load signs in without first asking the IdP where to go —
// on a reload that request sat between the page's first script and its first image.
import type { IdpEndpoints } from '../../src/domain/publicConfig';
import { isHttpUrl } from '../../src/domain/httpUrl';

export const IDP_FETCH_TIMEOUT_MS = 5000;

export interface IdpDiscovery {
  jwksUri: URL;
  /** Where the browser signs in and exchanges its code; absent if the IdP does not say. */
  browser?: IdpEndpoints;
}

const url = (v: unknown): string | undefined => (isHttpUrl(v) ? v : undefined);

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
 * The discovery document as last read. Its browser endpoints are never waited for: until
 * the IdP has answered (or while it is down) the SPA discovers them itself, as it always
 * could. Its keys are: a token cannot be checked without them.
 */
export class IdpDiscoveryCache {
  private known: IdpDiscovery | undefined;
  private lastTry = -Infinity;
  private lastSuccess = -Infinity;
  private pending: Promise<void> | null = null;

  constructor(
    private readonly issuer: string,
    private readonly discover: (issuer: string) => Promise<IdpDiscovery> = discoverIdp,
    private readonly clock: () => number = Date.now,
  ) {}

  /** The browser endpoints if known; starts a (re)read in the background when due. */
  browserEndpoints(): IdpEndpoints | undefined {
    const now = this.clock();
    const due = this.known
      ? now - this.lastSuccess > REFRESH_AFTER_MS
      : now - this.lastTry > RETRY_AFTER_MS;
    if (due && !this.pending) void this.refresh();
    return this.known?.browser;
  }

  /** Where the IdP publishes its keys; asks the IdP now if it has not answered yet. */
  async jwksUri(): Promise<URL> {
    if (!this.known) await this.refresh();
    if (!this.known) throw new Error('IdP discovery failed');
    return this.known.jwksUri;
  }

  refresh(): Promise<void> {
    this.lastTry = this.clock();
    this.pending ??= this.discover(this.issuer)
      .then(
        (doc) => {
          this.known = doc;
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

// The demo OpenID provider of the local stack (docs/CONTRACTS.md, "OIDC"): oidc-provider
// with our own login pages, persisted keys and storage, issuing RS256 JWT access tokens
// for the gateway.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { errors } from 'oidc-provider';
import type { Configuration, KoaContextWithOIDC } from 'oidc-provider';
import { DEMO_USERS, type DemoUser } from '../demo-identities';
import {
  CLAIMS_BY_SCOPE,
  GATEWAY_AUDIENCE,
  SHORT_TOKEN_USERNAME,
  accessTokenClaims,
  accountClaims,
  findUser,
  shortTokenUser,
} from './accounts';
import { SUPPORTED_SCOPES, createInteractionHandler } from './interactions';
import { loadOrCreateSecrets } from './keys';
import { MemoryAdapter, MemoryStore } from './memory-adapter';
import { errorPage, loggedOutPage, logoutPage } from './pages';

export const CLIENT_ID = 'drim-viewer';

export interface IdpOptions {
  port: number;
  /** Public address, e.g. http://localhost:8090 (what browsers and tokens name). */
  issuer: string;
  /** The gateway (and SPA) origin: redirect URIs and CORS derive from it. */
  gatewayUrl: string;
  /** Keeps the signing keys and cookie secrets across restarts. */
  dataDir: string;
  accessTokenTtlSeconds?: number;
  /**
   * Adds the test account `medecin-jeton-court`, whose access tokens live this many seconds
   * (session-expiry tests); absent, the account does not exist.
   */
  shortTokenTtlSeconds?: number;
  /**
   * Another origin serving the SPA in development (the Vite dev server): its callbacks are
   * accepted as redirect URIs. The gateway's checks do not change — tokens are the same.
   */
  devServerOrigin?: string;
  log?: (m: string) => void;
}

function usersOf(opts: IdpOptions): readonly DemoUser[] {
  return opts.shortTokenTtlSeconds === undefined ? DEMO_USERS : [...DEMO_USERS, shortTokenUser()];
}

/** The origins the SPA is served from: the gateway's, then the dev server's if allowed. */
function appOriginsOf(opts: IdpOptions): string[] {
  const origins = [new URL(opts.gatewayUrl).origin];
  if (opts.devServerOrigin) origins.push(new URL(opts.devServerOrigin).origin);
  return origins;
}

export interface RunningIdp {
  url: string;
  close(): Promise<void>;
}

function providerConfig(
  opts: IdpOptions,
  secrets: Awaited<ReturnType<typeof loadOrCreateSecrets>>,
  store: MemoryStore,
): Configuration {
  const accessTokenTTL = opts.accessTokenTtlSeconds ?? 600;
  const users = usersOf(opts);
  const appOrigins = appOriginsOf(opts);
  const resourceServer = {
    scope: SUPPORTED_SCOPES.join(' '),
    audience: GATEWAY_AUDIENCE,
    accessTokenFormat: 'jwt' as const,
    accessTokenTTL,
    jwt: { sign: { alg: 'RS256' as const } },
  };
  return {
    adapter: (model: string) => new MemoryAdapter(model, store),
    jwks: secrets.jwks as Configuration['jwks'],
    cookies: { keys: secrets.cookieKeys },
    clients: [
      {
        client_id: CLIENT_ID,
        client_name: 'Visionneuse régionale d’imagerie',
        application_type: 'web',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code'],
        response_types: ['code'],
        redirect_uris: appOrigins.flatMap((o) => [
          `${o}/auth/callback`,
          `${o}/auth/silent`,
          // A context launch signed in on its way in (server/launch/launchSignIn.ts).
          `${o}/auth/launch`,
        ]),
        post_logout_redirect_uris: appOrigins.map((o) => `${o}/`),
      },
    ],
    responseTypes: ['code'],
    scopes: SUPPORTED_SCOPES,
    claims: CLAIMS_BY_SCOPE,
    // The SPA reads the profile from the ID token: its access token is for the gateway and
    // so cannot be used at userinfo.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    findAccount: (_ctx, sub) => {
      const user = findUser(sub, users);
      if (!user) return undefined;
      return { accountId: sub, claims: () => ({ ...accountClaims(user), sub }) };
    },
    extraTokenClaims: (_ctx, token) => {
      const user = 'accountId' in token ? findUser(token.accountId, users) : undefined;
      return user ? accessTokenClaims(user) : undefined;
    },
    clientBasedCORS: (_ctx, origin, client) =>
      client.redirectUris?.some((uri) => new URL(uri).origin === origin) ?? false,
    features: {
      devInteractions: { enabled: false },
      resourceIndicators: {
        enabled: true,
        // oidc-client-ts sends no `resource`: every token is for the gateway.
        defaultResource: () => GATEWAY_AUDIENCE,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, indicator) => {
          if (indicator !== GATEWAY_AUDIENCE) throw new errors.InvalidTarget();
          return resourceServer;
        },
      },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx: KoaContextWithOIDC, form: string) => {
          ctx.type = 'html';
          ctx.body = logoutPage({ form, autoSubmit: Boolean(ctx.oidc.params?.id_token_hint) });
        },
        postLogoutSuccessSource: (ctx: KoaContextWithOIDC) => {
          ctx.type = 'html';
          ctx.body = loggedOutPage();
        },
      },
    },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = errorPage({ code: out.error });
    },
    ttl: {
      AccessToken: (_ctx, token) =>
        'accountId' in token && token.accountId === SHORT_TOKEN_USERNAME
          ? (opts.shortTokenTtlSeconds ?? accessTokenTTL)
          : accessTokenTTL,
      Session: 8 * 3600,
      Grant: 8 * 3600,
      Interaction: 3600,
      AuthorizationCode: 60,
      IdToken: 3600,
    },
  };
}

/** Browsers may resolve `localhost` to either loopback address; a name binds to both. */
function bindHosts(issuer: string): string[] {
  const host = new URL(issuer).hostname;
  if (host === 'localhost') return ['127.0.0.1', '::1'];
  return [host.replace(/^\[|\]$/g, '')];
}

function listen(server: http.Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Keep-alive sockets from browsers and fetch would otherwise hold close() open.
    server.closeAllConnections();
  });
}

export async function startIdp(opts: IdpOptions): Promise<RunningIdp> {
  const log = opts.log ?? (() => {});
  const secrets = await loadOrCreateSecrets(opts.dataDir);
  const store = new MemoryStore();
  const provider = new Provider(opts.issuer, providerConfig(opts, secrets, store));
  // Event names and error classes only: never tokens, passwords or claims.
  provider.on('server_error', (_ctx: unknown, err: Error) => log(`server_error: ${err.name}`));

  const interactions = createInteractionHandler(provider, appOriginsOf(opts), log, usersOf(opts));
  const oidc = provider.callback();
  const handler: http.RequestListener = (req, res) => {
    const path = new URL(req.url ?? '/', 'http://idp').pathname;
    if (path.startsWith('/interaction/')) void interactions(req, res, path);
    else void oidc(req, res);
  };

  const servers: http.Server[] = [];
  let port = opts.port;
  for (const [i, host] of bindHosts(opts.issuer).entries()) {
    const server = http.createServer(handler);
    try {
      await listen(server, port, host);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // A machine without IPv6 loopback still serves localhost on 127.0.0.1.
      if (i > 0 && (code === 'EADDRNOTAVAIL' || code === 'EAFNOSUPPORT')) continue;
      await Promise.all(servers.map(closeServer));
      store.close();
      throw e;
    }
    port = (server.address() as AddressInfo).port;
    servers.push(server);
  }

  return {
    url: opts.issuer.replace(/\/+$/, ''),
    async close() {
      await Promise.all(servers.map(closeServer));
      store.close();
    },
  };
}

// The gateway as one Fastify instance: built from a validated RegionConfig so tests can
// start it in-process (fastify.inject) exactly as main.ts does.
import crypto from 'node:crypto';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { makeAuthenticate } from './auth/authenticate';
import { IdpDiscoveryCache } from './auth/idpDiscovery';
import { describePrincipal } from './auth/principal';
import { createTokenVerifier, type TokenVerifier } from './auth/verifyToken';
import { AuditTrail } from './audit/auditTrail';
import { toPublicConfig } from './config/publicConfig';
import type { RegionConfig } from './config/schema';
import { ConsentStore } from './consent/consentStore';
import { fhirRoutes } from './consent/routes';
import { consentSettings } from './consent/settings';
import { defaultAccessPolicy, type AccessPolicy } from './dicomweb/accessPolicy';
import { AnswersAhead } from './dicomweb/answersAhead';
import { Holdings } from './dicomweb/holdings';
import { JsonBudget } from './dicomweb/jsonBudget';
import { dicomwebProxy } from './dicomweb/proxy';
import { downloadRoutes } from './download/routes';
import { UsedTickets } from './download/usedTickets';
import { SeriesMetadataCache } from './dicomweb/seriesMetadataCache';
import { UpstreamClient } from './dicomweb/upstreamClient';
import { sendError, notAllowedPath } from './errors';
import { registerErrorHandler } from './http/errorReply';
import { answerClientError } from './http/clientError';
import { inlineScriptHashes } from './http/inlineScripts';
import { registerSecurityHeaders } from './http/securityHeaders';
import { indexWithConfig, readIndexHtml, registerSpa, sendIndexPage } from './http/spa';
import { registerLaunchPage } from './launch/launchPage';
import { launchShot } from './launch/launchShot';
import { sourceStatusRoutes } from './sources/statusRoute';
import { OpaqueKeys } from './keys/opaqueKeys';
import { opaqueKeyRoutes } from './keys/routes';
import { makeClaimLookup } from './launch/claimLookup';
import { launchRoutes, launchStoresIn } from './launch/routes';
import { accessLogEntry, loggerOptions } from './logging';
import { registerMetrics } from './metrics/registerMetrics';
import { openDatabase } from './storage/openDatabase';

/** Some seventy answers of a 320-slice CT: a morning's worth of reopened studies. */
const DEFAULT_METADATA_CACHE_MB = 64;
/** Room for two 64 MB answers at once (jsonBudget.ts counts four bytes per byte read). */
const DEFAULT_JSON_BUFFER_MB = 512;

const IDP_DISCOVERY_WAIT_MS = 1500;

declare module 'fastify' {
  interface FastifyInstance {
    /** Writes the access trace's queued records now (tests read it right after a request). */
    flushTrace(): Promise<void>;
  }
}

export interface GatewayOptions {
  config: RegionConfig;
  staticDir?: string;
  logger?: boolean;
  /** Tests swap these; production uses the IdP's JWKS and the default policy. */
  verifyToken?: TokenVerifier;
  accessPolicy?: AccessPolicy;
  /** Seals opaque URL keys; without it keys die with the process (fine for tests). */
  keySecret?: Buffer;
  /**
   * With SQLite storage (the default), the folder of its file; without it, in memory
   * (tests). PostgreSQL storage ignores it.
   */
  dataDir?: string;
  /** Tests move time to expire consents; production uses the system clock. */
  clock?: () => number;
}

export async function buildGateway(opts: GatewayOptions): Promise<FastifyInstance> {
  const { config } = opts;
  const app = Fastify({
    logger: loggerOptions(opts.logger ?? false),
    // Fastify's own request lines carry the URL (and so the query): ours are logged in onResponse.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: config.gateway?.trustProxy ?? false,
    // Instance-level paths carry three 64-character UIDs and more.
    routerOptions: { maxParamLength: 2048 },
    bodyLimit: 1024 * 1024,
    // What Node's parser refuses (a 100 000-character link) gets the French page, not JSON.
    clientErrorHandler: answerClientError,
  });
  app.decorateRequest('principal', null);

  app.addHook('onResponse', async (request, reply) => {
    request.log.info(accessLogEntry(request, reply), 'request');
  });

  registerErrorHandler(app);
  const metrics = await registerMetrics(app, config);

  const jsonBudget = new JsonBudget(
    (config.gateway?.jsonBufferMegabytes ?? DEFAULT_JSON_BUFFER_MB) * 1024 * 1024,
  );
  const upstreams = new Map(
    config.sources.map((s) => [s.id, new UpstreamClient(s, jsonBudget, metrics)]),
  );
  app.addHook('onClose', async () => {
    await Promise.all([...upstreams.values()].map((u) => u.close()));
  });

  const idpDiscovery = new IdpDiscoveryCache(config.idp.issuer);
  // Waited for briefly only: a gateway must start, and serve, while its IdP is down.
  await Promise.race([
    idpDiscovery.refresh(),
    new Promise((resolve) => setTimeout(resolve, IDP_DISCOVERY_WAIT_MS).unref()),
  ]);
  const authenticate = makeAuthenticate(
    opts.verifyToken ?? createTokenVerifier(config.idp, () => idpDiscovery.jwksUri()),
  );
  const db = await openDatabase(config.storage, opts.dataDir);
  const clock = opts.clock ?? Date.now;
  const trail = new AuditTrail(db, metrics.observeTraceWrite, (message) => app.log.error(message));
  const consents = new ConsentStore(db, trail, consentSettings(config));
  app.addHook('onClose', async () => {
    trail.close();
    await trail.flush().catch(() => undefined);
    await db.close();
  });
  app.decorate('flushTrace', () => trail.flush());
  const holdings = new Holdings();
  const policy =
    opts.accessPolicy ?? defaultAccessPolicy(holdings, { consents, trail, clock, metrics });

  // Read once: its inline script's hash goes into the CSP, the page itself to registerSpa.
  const indexHtml = readIndexHtml(opts.staticDir);
  await registerSecurityHeaders(app, config.idp.issuer, inlineScriptHashes(indexHtml ?? ''));

  const publicConfig = () => toPublicConfig(config, idpDiscovery.browserEndpoints());
  app.get('/config.json', async (_request, reply) => {
    return reply.header('cache-control', 'no-cache').send(publicConfig());
  });
  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/api/me', { onRequest: authenticate }, async (request) => {
    if (!request.principal) throw new Error('unauthenticated /api/me');
    return describePrincipal(request.principal);
  });
  const keys = new OpaqueKeys(opts.keySecret ?? crypto.randomBytes(32));
  // A launch's first image, asked by the claim and held for the browser's request.
  const answersAhead = new AnswersAhead();
  await opaqueKeyRoutes(app, { authenticate, keys });
  await app.register(launchRoutes, {
    authenticate,
    ...launchStoresIn(db),
    lookup: makeClaimLookup({
      app,
      sourceIds: config.sources.map((s) => s.id),
      keys,
      answersAhead,
    }),
    ...(config.idp.launchRedirect
      ? { signIn: { idp: config.idp, endpoints: () => idpDiscovery.browserEndpoints() } }
      : {}),
  });
  await app.register(fhirRoutes, { authenticate, consents, trail, clock, upstreams });
  await sourceStatusRoutes(app, { authenticate, upstreams });
  await downloadRoutes(app, {
    authenticate,
    keys,
    policy,
    holdings,
    upstreams,
    trail,
    clock,
    usedTickets: new UsedTickets(db, clock),
  });
  // Unknown API paths answer 401 to strangers and 404 to users: no probing without a token.
  app.all('/api/*', { onRequest: authenticate }, async (_request, reply) =>
    sendError(reply, notAllowedPath()),
  );

  const cacheMegabytes = config.gateway?.metadataCacheMegabytes ?? DEFAULT_METADATA_CACHE_MB;
  await dicomwebProxy(app, {
    authenticate,
    policy,
    upstreams,
    holdings,
    answersAhead,
    ...(cacheMegabytes > 0
      ? {
          metadataCache: new SeriesMetadataCache({
            maxBytes: cacheMegabytes * 1024 * 1024,
            metrics,
          }),
        }
      : {}),
  });
  if (indexHtml !== null && config.idp.launchRedirect) {
    const page = () => indexWithConfig(indexHtml, publicConfig());
    registerLaunchPage(app, {
      page,
      sendPlain: (reply) => sendIndexPage(reply, page()),
      shot: (request, answer) => launchShot(app, request, answer),
    });
  }
  await registerSpa(app, opts.staticDir, publicConfig, indexHtml);
  return app;
}

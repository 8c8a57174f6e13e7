// Starts the whole local region in dependency order — sample data, Orthancs, data load,
// IdP, gateway — and stops all of it, whatever happened in between.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { generateSample } from '../sample-data/generate';
import { isSourceLoaded, loadSample } from '../sample-data/load';
import { forgetOtherSample, markSampleLoaded, sampleFingerprint } from './sampleMarker';
import type { Manifest } from '../sample-data/manifest';
import {
  MANIFEST_PATH,
  REPO_ROOT,
  SAMPLE_DIR,
  stackLayout,
  type Profile,
  type SourceLayout,
  type StackLayout,
} from '../stack-layout';
import { startControlApi } from './control';
import { balancerConfig, cacheConfig, currentUserForNginx, startNginx } from './nginx';
import { startPostgres, type RunningPostgres } from './postgres';
import { startDelayProxy, type DelayProxy } from './delayProxy';
import { ORTHANC_BIN, orthancAlive, writeOrthancConfig } from './orthanc';
import {
  httpOk,
  PidFile,
  startProcess,
  stopProcess,
  waitUntilReady,
  type ManagedProcess,
} from './processes';
import { writeRegionConfig, type RegionConfigExtras } from './regionConfig';
import { VITE_DEV_ORIGIN } from '../../build/viteDevServer';
import { buildSpaIfStale } from './spaBuild';

export interface StackInfo {
  profile: Profile;
  gatewayUrl: string;
  idpUrl: string;
  controlUrl: string;
  manifestPath: string;
  regionConfigPath: string;
  sources: {
    id: string;
    kind: string;
    label: string;
    orthancUrl: string;
    dicomWebUrl: string;
    /**
     * Region profile: the source's own log, one `drim-source-request METHOD URI` line per
     * request it received (dev/stack/orthanc/logRequests.lua).
     */
    requestLog?: string;
  }[];
  pids: {
    /** The region profile: gateway 0 (the others are in `gateways`). */
    gateway: number;
    idp: number;
    orthanc: Record<string, number>;
    postgres?: number;
    balancer?: number;
    cache?: number;
  };
  /** Test and region profiles: log in as the role with the file's password (docs/CONTRACTS.md). */
  postgres?: { url: string; passwordFile: string };
  /** Region profile: the gateways behind the balancer (`gatewayUrl`), in upstream order. */
  gateways?: RegionGatewayInfo[];
  /** Region profile: the shared cache nginx toward the sources; null with --no-cache. */
  cache?: RegionCacheInfo | null;
  /** Region profile: the balancer's access log (which gateway served what). */
  balancer?: { accessLog: string };
}

export interface RegionGatewayInfo {
  /** The gateway itself, bypassing the balancer. */
  url: string;
  /** Its current process (changes after `POST /gateways/<i>/start`: read stack.json again). */
  pid: number;
  metricsUrl: string;
  configPath: string;
  logPath: string;
}

export interface RegionCacheInfo {
  /** The cache nginx's own port: `/healthz`, `/nginx_status` (stub_status). */
  url: string;
  /** Each source's DICOMweb base through the cache (what the gateways' upstream.url is). */
  sources: Record<string, string>;
  dir: string;
  maxBytes: number;
  /**
   * One line per request: ISO time, the source's cache port, HIT|MISS|EXPIRED|…|- (not
   * cacheable: a search), status, bytes, seconds, method, route family (never the path).
   */
  accessLog: string;
}

export interface RunningStack {
  layout: StackLayout;
  info: StackInfo;
  manifest: Manifest;
  stop(): Promise<void>;
}

export interface StartOptions {
  profile: Profile;
  basePort?: number;
  log?: (m: string) => void;
  /** Build the SPA when its sources changed (skip for gateway-only benchmarks). */
  buildSpa?: boolean;
  /** Region profile: how many gateways (default 2). */
  gateways?: number;
  /** Region profile: false runs without the cache nginx (gateways straight to the sources). */
  cache?: boolean;
  /** Region profile: the cache's bound on disk (default 1 GiB). */
  cacheMaxBytes?: number;
  /** Region profile: how long a QIDO answer is kept (default 0: never). */
  qidoCacheSeconds?: number;
}

export const DEFAULT_REGION_GATEWAYS = 2;
export const DEFAULT_CACHE_MAX_BYTES = 1024 * 1024 * 1024;

const NODE_TS = [process.execPath, '--import', 'tsx'] as const;
/** Delaying proxies listen at gateway port + 30 + source index (Orthancs are at + 20). */
const DELAY_PROXY_PORT_OFFSET = 30;

export async function startStack(opts: StartOptions): Promise<RunningStack> {
  const log = opts.log ?? ((m: string) => console.log(`[stack] ${m}`));
  const layout = stackLayout(opts.profile, opts.basePort);
  const isRegion = layout.profile === 'region';
  const gatewayCount = isRegion ? (opts.gateways ?? DEFAULT_REGION_GATEWAYS) : 1;
  if (!Number.isInteger(gatewayCount) || gatewayCount < 1) {
    throw new Error('--gateways: a whole number of gateways, at least 1');
  }
  if (gatewayCount > layout.region.maxGateways) {
    throw new Error(`--gateways: at most ${layout.region.maxGateways}`);
  }
  const withCache = isRegion && opts.cache !== false;
  const withPostgres = layout.profile === 'test' || isRegion;
  const logDir = path.join(layout.dir, 'logs');
  const pidFile = new PidFile(path.join(layout.dir, 'pids.json'));
  await pidFile.killLeftovers(log);
  fs.rmSync(layout.stackFilePath, { force: true });

  const orthancs = new Map<string, ManagedProcess>();
  let idp: ManagedProcess | undefined;
  /** Index i: the gateway on region.gatewayPort(i) (or the single gateway, index 0). */
  const gateways: (ManagedProcess | undefined)[] = [];
  let balancer: ManagedProcess | undefined;
  let cache: ManagedProcess | undefined;
  let postgres: RunningPostgres | undefined;
  let control: { close(): Promise<void> } | undefined;
  const delayProxies = new Map<string, DelayProxy>();
  const rememberPids = (): void =>
    pidFile.write(
      [
        ...[...orthancs.values()].map((p) => ({
          name: p.name,
          pid: p.child.pid ?? -1,
          marker: layout.dir,
        })),
        ...(idp ? [{ name: 'idp', pid: idp.child.pid ?? -1, marker: 'dev/idp/main.ts' }] : []),
        ...gateways.flatMap((g) =>
          g ? [{ name: g.name, pid: g.child.pid ?? -1, marker: 'server/main.ts' }] : [],
        ),
        // nginx's title keeps its arguments, among them the config file in our folder.
        ...[balancer, cache].flatMap((n) =>
          n ? [{ name: n.name, pid: n.child.pid ?? -1, marker: layout.dir }] : [],
        ),
        // SIGINT is PostgreSQL's fast shutdown (SIGTERM would wait for its clients).
        ...(postgres
          ? [
              {
                name: 'postgres',
                pid: postgres.pid,
                marker: layout.postgres.dataDir,
                signal: 'SIGINT' as const,
              },
            ]
          : []),
      ].filter((r) => r.pid > 0),
    );

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      await control?.close();
      if (balancer) await stopProcess(balancer);
      await Promise.all(gateways.map((g) => (g ? stopProcess(g) : undefined)));
      if (cache) await stopProcess(cache);
      await Promise.all([...delayProxies.values()].map((p) => p.close()));
      if (idp) await stopProcess(idp);
      await Promise.all([...[...orthancs.values()].map((p) => stopProcess(p)), postgres?.stop()]);
      pidFile.remove();
      fs.rmSync(layout.stackFilePath, { force: true });
    })();
    return stopping;
  };

  const startOrthanc = async (source: SourceLayout): Promise<ManagedProcess> => {
    // The region's tests read what reached each source from the source's own log.
    writeOrthancConfig(source, { logRequests: isRegion });
    const p = startProcess({
      name: `orthanc-${source.id}`,
      command: ORTHANC_BIN,
      args: [source.configPath],
      cwd: layout.dir,
      logDir,
    });
    orthancs.set(source.id, p);
    rememberPids();
    await waitUntilReady(p, () => orthancAlive(source), 30_000);
    return p;
  };

  const startPostgresTimed = async (): Promise<void> => {
    const t = Date.now();
    postgres = await startPostgres({
      layout: layout.postgres,
      // Tests start from an empty database (and drop those their own runs created).
      empty: layout.profile === 'test',
      log,
    });
    rememberPids();
    log(`PostgreSQL up at ${postgres.url} in ${since(t)}`);
  };

  try {
    const t0 = Date.now();
    const manifest = await generateSample({ out: SAMPLE_DIR });
    log(`sample data ready (${manifest.studies.length} studies) in ${since(t0)}`);
    const fingerprint = sampleFingerprint(MANIFEST_PATH);
    for (const s of layout.sources) {
      if (forgetOtherSample(s.storageDir, fingerprint)) {
        log(`${s.id}: storage held another sample, emptied`);
      }
    }

    const t1 = Date.now();
    // PostgreSQL starts beside the Orthancs: its second or so hides behind theirs.
    await Promise.all([
      ...layout.sources.map(startOrthanc),
      ...(withPostgres ? [startPostgresTimed()] : []),
    ]);
    log(`${layout.sources.length} Orthanc DICOMweb sources up in ${since(t1)}`);

    const t2 = Date.now();
    const toLoad: SourceLayout[] = [];
    for (const s of layout.sources) {
      const expected = manifest.totals.instancesPerSource[s.id] ?? 0;
      if (!(await isSourceLoaded(s.orthancUrl, expected))) toLoad.push(s);
    }
    if (toLoad.length > 0) {
      log(`loading sample data into ${toLoad.map((s) => s.id).join(', ')}…`);
      await loadSample({
        sampleDir: SAMPLE_DIR,
        manifest,
        sources: toLoad.map((s) => ({ id: s.id, orthancUrl: s.orthancUrl })),
        log: (m) => log(`  ${m}`),
      });
      log(`sample data loaded in ${since(t2)}`);
    } else {
      log('sample data already loaded');
    }
    for (const s of layout.sources) markSampleLoaded(s.storageDir, fingerprint);

    const idpDir = path.join(layout.dir, 'idp');
    idp = startProcess({
      name: 'idp',
      command: NODE_TS[0],
      args: [
        ...NODE_TS.slice(1),
        'dev/idp/main.ts',
        '--port',
        String(layout.idpPort),
        '--issuer',
        layout.idpUrl,
        '--gateway',
        layout.gatewayUrl,
        '--data',
        idpDir,
        // The session-expiry e2e logs in as medecin-jeton-court, whose tokens live 20 s.
        ...(layout.profile === 'test' ? ['--short-token-ttl', '20'] : []),
        ...(layout.profile === 'bench' ? [] : ['--dev-server-origin', VITE_DEV_ORIGIN]),
      ],
      cwd: REPO_ROOT,
      logDir,
    });
    rememberPids();
    await waitUntilReady(
      idp,
      () => httpOk(`${layout.idpUrl}/.well-known/openid-configuration`),
      30_000,
    );
    log(`identity provider up at ${layout.idpUrl}`);

    const distDir = path.join(layout.dir, 'dist');
    if (opts.buildSpa !== false) buildSpaIfStale(distDir, log);
    // A delaying proxy in front of each source (0 ms until a test asks): the gateway talks
    // to it, so one source can be made slow through the control API.
    for (const [i, s] of layout.sources.entries()) {
      const proxy = await startDelayProxy({
        listenPort: layout.gatewayPort + DELAY_PROXY_PORT_OFFSET + i,
        target: s.orthancUrl,
      });
      delayProxies.set(s.id, proxy);
    }
    const dicomWebPath = (s: SourceLayout): string => new URL(s.dicomWebUrl).pathname;
    const proxiedUrl = (s: SourceLayout): string =>
      `${delayProxies.get(s.id)?.url ?? s.orthancUrl}${dicomWebPath(s)}`;

    // The region's shared cache sits between the gateways and the delaying proxies, so a
    // slow or failing source still looks slow or failing through it.
    const cacheMaxBytes = opts.cacheMaxBytes ?? DEFAULT_CACHE_MAX_BYTES;
    const cacheAccessLog = path.join(logDir, 'nginx-cache-access.log');
    const cacheSourceUrl = (i: number, s: SourceLayout): string =>
      `http://127.0.0.1:${layout.region.cacheSourcePort(i)}${dicomWebPath(s)}`;
    /** The cache nginx, started on an empty folder (every start, and to clear it). */
    const startCache = async (): Promise<void> => {
      // Empty at every start: nginx counts only the files it has loaded, a minute after it
      // starts, so a kept cache could sit above a new, smaller bound meanwhile.
      fs.rmSync(layout.region.cacheDir, { recursive: true, force: true });
      const prefix = path.join(layout.region.nginxDir, 'cache');
      const started = startNginx(
        { name: 'nginx-cache', prefix, configPath: path.join(prefix, 'nginx.conf') },
        cacheConfig({
          prefix,
          errorLog: path.join(logDir, 'nginx-cache-error.log'),
          accessLog: cacheAccessLog,
          runAsUser: currentUserForNginx(),
          statusPort: layout.region.cachePort,
          cacheDir: layout.region.cacheDir,
          maxBytes: cacheMaxBytes,
          ...(opts.qidoCacheSeconds !== undefined ? { qidoTtlSeconds: opts.qidoCacheSeconds } : {}),
          sources: layout.sources.map((s, i) => ({
            id: s.id,
            listenPort: layout.region.cacheSourcePort(i),
            upstream: new URL(delayProxies.get(s.id)?.url ?? s.orthancUrl).host,
          })),
        }),
        logDir,
      );
      cache = started;
      rememberPids();
      await waitUntilReady(
        started,
        () => httpOk(`http://127.0.0.1:${layout.region.cachePort}/healthz`),
        15_000,
      );
    };
    if (withCache) {
      await startCache();
      log(`shared cache (nginx) up at 127.0.0.1:${layout.region.cachePort}…`);
    }
    const upstreamUrls = Object.fromEntries(
      layout.sources.map((s, i) => [s.id, withCache ? cacheSourceUrl(i, s) : proxiedUrl(s)]),
    );

    // The region's gateways share one PostgreSQL (its state outlives any of them).
    const storage: RegionConfigExtras['storage'] =
      isRegion && postgres
        ? { kind: 'postgresql', url: postgres.url, passwordFile: postgres.passwordFile }
        : undefined;
    // Behind the balancer the gateways see nginx's address; it tells them the client's.
    const regionExtras: RegionConfigExtras = isRegion
      ? { gateway: { trustProxy: true }, ...(storage ? { storage } : {}) }
      : {};
    writeRegionConfig(layout, upstreamUrls, regionExtras);

    // Tests leave consents and break-the-glass windows behind (30 min): each test stack
    // starts from none, so a suite run twice on one machine meets the same region.
    if (layout.profile === 'test') {
      fs.rmSync(path.join(layout.dir, 'gateway'), { recursive: true, force: true });
    }
    // One secret for every gateway of the region: a key sealed by one opens on another.
    const keySecretFile = path.join(layout.dir, 'gateway-key-secret');
    if (!fs.existsSync(keySecretFile)) {
      fs.writeFileSync(keySecretFile, crypto.randomBytes(32), { mode: 0o600 });
    }

    const gatewayPort = (i: number): number =>
      isRegion ? layout.region.gatewayPort(i) : layout.gatewayPort;
    const gatewayUrl = (i: number): string =>
      isRegion ? `http://127.0.0.1:${gatewayPort(i)}` : layout.gatewayUrl;
    const gatewayDir = (i: number): string =>
      isRegion ? path.join(layout.dir, 'gateways', String(i)) : layout.dir;
    const gatewayConfigPath = (i: number): string =>
      isRegion ? path.join(gatewayDir(i), 'region.json') : layout.regionConfigPath;
    const gatewayName = (i: number): string => (isRegion ? `gateway-${i}` : 'gateway');
    const startGateway = async (i: number): Promise<ManagedProcess> => {
      if (isRegion) {
        writeRegionConfig(
          layout,
          upstreamUrls,
          {
            ...regionExtras,
            gateway: { trustProxy: true, metricsPort: layout.region.metricsPort(i) },
          },
          gatewayConfigPath(i),
        );
      }
      const p = startProcess({
        name: gatewayName(i),
        command: NODE_TS[0],
        args: [
          ...NODE_TS.slice(1),
          'server/main.ts',
          '--config',
          gatewayConfigPath(i),
          '--port',
          String(gatewayPort(i)),
          '--static',
          distDir,
          '--key-secret-file',
          keySecretFile,
          // SQLite's folder; with PostgreSQL storage the gateway keeps nothing there.
          '--data-dir',
          isRegion ? path.join(gatewayDir(i), 'data') : path.join(layout.dir, 'gateway'),
        ],
        cwd: REPO_ROOT,
        logDir,
      });
      gateways[i] = p;
      rememberPids();
      await waitUntilReady(p, () => httpOk(`${gatewayUrl(i)}/healthz`), 60_000);
      return p;
    };
    const t3 = Date.now();
    await Promise.all(Array.from({ length: gatewayCount }, (_, i) => startGateway(i)));
    log(
      isRegion
        ? `${gatewayCount} gateways up (${layout.region.gatewayPort(0)}…) in ${since(t3)}`
        : `gateway up at ${layout.gatewayUrl}`,
    );

    const balancerAccessLog = path.join(logDir, 'nginx-balancer-access.log');
    if (isRegion) {
      const prefix = path.join(layout.region.nginxDir, 'balancer');
      balancer = startNginx(
        { name: 'nginx-balancer', prefix, configPath: path.join(prefix, 'nginx.conf') },
        balancerConfig({
          prefix,
          errorLog: path.join(logDir, 'nginx-balancer-error.log'),
          accessLog: balancerAccessLog,
          runAsUser: currentUserForNginx(),
          listenPort: layout.gatewayPort,
          gateways: Array.from({ length: gatewayCount }, (_, i) => ({
            host: '127.0.0.1',
            port: gatewayPort(i),
          })),
        }),
        logDir,
      );
      rememberPids();
      await waitUntilReady(balancer, () => httpOk(`${layout.gatewayUrl}/healthz`), 15_000);
      log(`balancer (nginx) up at ${layout.gatewayUrl}`);
    }

    const info = (): StackInfo => ({
      profile: layout.profile,
      gatewayUrl: layout.gatewayUrl,
      idpUrl: layout.idpUrl,
      controlUrl: layout.controlUrl,
      manifestPath: MANIFEST_PATH,
      regionConfigPath: layout.regionConfigPath,
      sources: layout.sources.map((s) => ({
        id: s.id,
        kind: s.kind,
        label: s.label,
        orthancUrl: s.orthancUrl,
        dicomWebUrl: s.dicomWebUrl,
        ...(isRegion ? { requestLog: path.join(logDir, `orthanc-${s.id}.log`) } : {}),
      })),
      pids: {
        gateway: gateways[0]?.child.pid ?? -1,
        idp: idp?.child.pid ?? -1,
        orthanc: Object.fromEntries([...orthancs].map(([id, p]) => [id, p.child.pid ?? -1])),
        ...(postgres ? { postgres: postgres.pid } : {}),
        ...(balancer ? { balancer: balancer.child.pid ?? -1 } : {}),
        ...(cache ? { cache: cache.child.pid ?? -1 } : {}),
      },
      ...(postgres ? { postgres: { url: postgres.url, passwordFile: postgres.passwordFile } } : {}),
      ...(isRegion
        ? {
            gateways: gateways.map((g, i) => ({
              url: gatewayUrl(i),
              pid: g?.child.pid ?? -1,
              metricsUrl: `http://127.0.0.1:${layout.region.metricsPort(i)}/metrics`,
              configPath: gatewayConfigPath(i),
              logPath: path.join(logDir, `${gatewayName(i)}.log`),
            })),
            cache: withCache
              ? {
                  url: `http://127.0.0.1:${layout.region.cachePort}`,
                  sources: Object.fromEntries(
                    layout.sources.map((s, i) => [s.id, cacheSourceUrl(i, s)]),
                  ),
                  dir: layout.region.cacheDir,
                  maxBytes: cacheMaxBytes,
                  accessLog: cacheAccessLog,
                }
              : null,
            balancer: { accessLog: balancerAccessLog },
          }
        : {}),
    });
    const writeInfo = (): void =>
      fs.writeFileSync(layout.stackFilePath, JSON.stringify(info(), null, 2));

    const gatewayAlive = (i: number): boolean => {
      const g = gateways[i];
      return !!g && g.child.exitCode === null && g.child.signalCode === null;
    };
    control = await startControlApi({
      port: layout.controlPort,
      stopSource: async (id) => {
        const p = orthancs.get(id);
        if (p) await stopProcess(p);
      },
      startSource: async (id) => {
        const source = layout.sources.find((s) => s.id === id);
        if (!source) throw new Error(`unknown source ${id}`);
        const p = orthancs.get(id);
        if (p && p.child.exitCode === null && p.child.signalCode === null) return;
        await startOrthanc(source);
      },
      knows: (id) => layout.sources.some((s) => s.id === id),
      setSourceDelay: (id, ms) => {
        const proxy = delayProxies.get(id);
        if (!proxy) throw new Error(`no delaying proxy for ${id}`);
        proxy.setDelay(ms);
      },
      setSourceBandwidth: (id, kbps) => {
        const proxy = delayProxies.get(id);
        if (!proxy) throw new Error(`no delaying proxy for ${id}`);
        proxy.setBandwidth(kbps);
      },
      setSourceFault: (id, fault) => {
        const proxy = delayProxies.get(id);
        if (!proxy) throw new Error(`no delaying proxy for ${id}`);
        proxy.setFault(fault);
      },
      ...(isRegion
        ? {
            gatewayCount,
            // SIGKILL: the fault test's gateway dies without closing anything.
            killGateway: async (i: number) => {
              const g = gateways[i];
              if (!g || !gatewayAlive(i)) return;
              g.child.kill('SIGKILL');
              await g.exited;
              writeInfo();
            },
            startGateway: async (i: number) => {
              if (gatewayAlive(i)) return;
              await startGateway(i);
              writeInfo();
            },
            ...(withCache
              ? {
                  // The cache benchmark's first user meets a cold cache on every run.
                  clearCache: async () => {
                    if (cache) await stopProcess(cache);
                    await startCache();
                    writeInfo();
                  },
                }
              : {}),
          }
        : {}),
    });

    writeInfo();
    log(`stack ready in ${since(t0)}`);
    return { layout, info: info(), manifest, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

function since(t: number): string {
  return `${((Date.now() - t) / 1000).toFixed(1)} s`;
}

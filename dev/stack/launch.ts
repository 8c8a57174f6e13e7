// Starts the whole local region in dependency order — sample data, Orthancs, data load,
// IdP, gateway — and stops all of it, whatever happened in between.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { generateSample } from '../sample-data/generate';
import { isSourceLoaded, loadSample } from '../sample-data/load';
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
import { writeRegionConfig } from './regionConfig';
import { VITE_DEV_ORIGIN } from '../../build/viteDevServer';
import { buildSpaIfStale } from './spaBuild';

export interface StackInfo {
  profile: Profile;
  gatewayUrl: string;
  idpUrl: string;
  controlUrl: string;
  manifestPath: string;
  regionConfigPath: string;
  sources: { id: string; kind: string; label: string; orthancUrl: string; dicomWebUrl: string }[];
  pids: { gateway: number; idp: number; orthanc: Record<string, number> };
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
}

const NODE_TS = [process.execPath, '--import', 'tsx'] as const;
/** Delaying proxies listen at gateway port + 30 + source index (Orthancs are at + 20). */
const DELAY_PROXY_PORT_OFFSET = 30;

export async function startStack(opts: StartOptions): Promise<RunningStack> {
  const log = opts.log ?? ((m: string) => console.log(`[stack] ${m}`));
  const layout = stackLayout(opts.profile, opts.basePort);
  const logDir = path.join(layout.dir, 'logs');
  const pidFile = new PidFile(path.join(layout.dir, 'pids.json'));
  await pidFile.killLeftovers(log);
  fs.rmSync(layout.stackFilePath, { force: true });

  const orthancs = new Map<string, ManagedProcess>();
  let idp: ManagedProcess | undefined;
  let gateway: ManagedProcess | undefined;
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
        ...(gateway
          ? [{ name: 'gateway', pid: gateway.child.pid ?? -1, marker: 'server/main.ts' }]
          : []),
      ].filter((r) => r.pid > 0),
    );

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      await control?.close();
      if (gateway) await stopProcess(gateway);
      await Promise.all([...delayProxies.values()].map((p) => p.close()));
      if (idp) await stopProcess(idp);
      await Promise.all([...orthancs.values()].map((p) => stopProcess(p)));
      pidFile.remove();
      fs.rmSync(layout.stackFilePath, { force: true });
    })();
    return stopping;
  };

  const startOrthanc = async (source: SourceLayout): Promise<ManagedProcess> => {
    writeOrthancConfig(source);
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

  try {
    const t0 = Date.now();
    const manifest = await generateSample({ out: SAMPLE_DIR });
    log(`sample data ready (${manifest.studies.length} studies) in ${since(t0)}`);

    const t1 = Date.now();
    await Promise.all(layout.sources.map(startOrthanc));
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
    writeRegionConfig(
      layout,
      Object.fromEntries(
        layout.sources.map((s) => [
          s.id,
          `${delayProxies.get(s.id)?.url ?? s.orthancUrl}${new URL(s.dicomWebUrl).pathname}`,
        ]),
      ),
    );
    const gatewayDataDir = path.join(layout.dir, 'gateway');
    // Tests leave consents and break-the-glass windows behind (30 min): each test stack
    // starts from none, so a suite run twice on one machine meets the same region.
    if (layout.profile === 'test') fs.rmSync(gatewayDataDir, { recursive: true, force: true });
    const keySecretFile = path.join(layout.dir, 'gateway-key-secret');
    if (!fs.existsSync(keySecretFile)) {
      fs.writeFileSync(keySecretFile, crypto.randomBytes(32), { mode: 0o600 });
    }
    gateway = startProcess({
      name: 'gateway',
      command: NODE_TS[0],
      args: [
        ...NODE_TS.slice(1),
        'server/main.ts',
        '--config',
        layout.regionConfigPath,
        '--port',
        String(layout.gatewayPort),
        '--static',
        distDir,
        '--key-secret-file',
        keySecretFile,
        '--data-dir',
        gatewayDataDir,
      ],
      cwd: REPO_ROOT,
      logDir,
    });
    rememberPids();
    await waitUntilReady(gateway, () => httpOk(`${layout.gatewayUrl}/healthz`), 30_000);
    log(`gateway up at ${layout.gatewayUrl}`);

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
      setSourceFault: (id, fault) => {
        const proxy = delayProxies.get(id);
        if (!proxy) throw new Error(`no delaying proxy for ${id}`);
        proxy.setFault(fault);
      },
    });

    const info: StackInfo = {
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
      })),
      pids: {
        gateway: gateway.child.pid ?? -1,
        idp: idp.child.pid ?? -1,
        orthanc: Object.fromEntries([...orthancs].map(([id, p]) => [id, p.child.pid ?? -1])),
      },
    };
    fs.writeFileSync(layout.stackFilePath, JSON.stringify(info, null, 2));
    log(`stack ready in ${since(t0)}`);
    return { layout, info, manifest, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

function since(t: number): string {
  return `${((Date.now() - t) / 1000).toFixed(1)} s`;
}

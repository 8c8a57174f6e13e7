// Where each process of the local stack listens and keeps its files. One function so the
// launcher, the tests and the benchmarks agree without passing addresses around.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SOURCES, type SourceId } from './demo-identities';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DATA_ROOT = path.join(REPO_ROOT, 'dev', '.data');
/**
 * Generated sample DICOM files and their manifest, shared by every profile.
 * DRIM_SAMPLE_DIR moves it: whoever changes the generator builds a new set beside the one
 * running stacks still read.
 */
export const SAMPLE_DIR = process.env.DRIM_SAMPLE_DIR
  ? path.resolve(process.env.DRIM_SAMPLE_DIR)
  : path.join(DATA_ROOT, 'sample');
export const MANIFEST_PATH = path.join(SAMPLE_DIR, 'manifest.json');

/** `region`: PostgreSQL, N gateways behind an nginx balancer, an nginx cache toward the sources. */
export type Profile = 'demo' | 'test' | 'bench' | 'region';

export const PROFILES: readonly Profile[] = ['demo', 'test', 'bench', 'region'];

export interface SourceLayout {
  id: SourceId;
  kind: 'drimbox' | 'regional';
  label: string;
  httpPort: number;
  /** Orthanc's own address; only the gateway and the loader talk to it. */
  orthancUrl: string;
  dicomWebUrl: string;
  storageDir: string;
  configPath: string;
}

export interface StackLayout {
  profile: Profile;
  /** The gateway: the only address a browser uses (besides the IdP's login page). */
  gatewayPort: number;
  gatewayUrl: string;
  idpPort: number;
  idpUrl: string;
  /** Loopback control API of the launcher (tests stop/start one source through it). */
  controlPort: number;
  controlUrl: string;
  dir: string;
  regionConfigPath: string;
  /** Written by the launcher once everything is up; read by tests and benchmarks. */
  stackFilePath: string;
  sources: SourceLayout[];
  /** PostgreSQL (test and region profiles): loopback only, files under `dir`. */
  postgres: PostgresLayout;
  /** The region profile's boxes; the other profiles ignore them. */
  region: RegionLayout;
}

export interface PostgresLayout {
  port: number;
  dataDir: string;
  /** The unix socket's folder (the superuser's peer login only; clients use TCP). */
  socketDir: string;
  /** The generated password of `role`, mode 0600. */
  passwordFile: string;
  database: string;
  role: string;
  /** Without the password, as the gateway's config wants it. */
  url: string;
  /** The server's own log: with the stack's logs, unless the cluster had to move away. */
  logFile: string;
}

export interface RegionLayout {
  /** Gateway i listens on 127.0.0.1:base+40+i; the balancer (nginx) takes the base port. */
  gatewayPort(i: number): number;
  /** Gateway i's Prometheus port: base+60+i. */
  metricsPort(i: number): number;
  maxGateways: number;
  /** The cache nginx's own port (health, stub_status): base+50. */
  cachePort: number;
  /** Source i through the cache: 127.0.0.1:base+51+i, same paths as the source. */
  cacheSourcePort(i: number): number;
  cacheDir: string;
  nginxDir: string;
}

/** Below 32768, where Linux picks the local ports of outgoing connections. */
const DEFAULT_BASE: Record<Profile, number> = {
  demo: 8080,
  test: 18080,
  bench: 28080,
  region: 30080,
};

export function defaultBasePort(profile: Profile): number {
  return DEFAULT_BASE[profile];
}

/** Gateways take base+40…49 and their metrics base+60…69. */
const MAX_GATEWAYS = 10;

/**
 * Where the PostgreSQL cluster's files go. As root the cluster runs as the `postgres` user
 * (dev/stack/postgres.ts), who must be able to reach them: a repository in a private home
 * (root's is 0700) is out of its reach, so the cluster then lives under /var/tmp, in a
 * folder named after the stack's own.
 */
function clusterHome(dir: string): string {
  if (process.getuid?.() !== 0 || othersCanTraverse(dir)) return dir;
  const tag = crypto.createHash('sha256').update(dir).digest('hex').slice(0, 12);
  return path.join('/var/tmp', `drim-viewer-${tag}`);
}

/** Whether every existing folder on the way to `dir` lets other users through. */
function othersCanTraverse(dir: string): boolean {
  for (let p = dir; ; p = path.dirname(p)) {
    try {
      if ((fs.statSync(p).mode & 0o001) === 0) return false;
    } catch {
      // Not created yet: created later with the usual mode, its parent decides.
    }
    if (path.dirname(p) === p) return true;
  }
}

export function stackLayout(profile: Profile, basePort = DEFAULT_BASE[profile]): StackLayout {
  // Two stacks of one profile on other ports (two engineers, or CI beside a demo) must not
  // share Orthanc storage: a non-default base port gets its own folder.
  const dir = path.join(
    DATA_ROOT,
    basePort === DEFAULT_BASE[profile] ? profile : `${profile}-${basePort}`,
  );
  const sources = SOURCES.map((s, i): SourceLayout => {
    const httpPort = basePort + 20 + i;
    const orthancUrl = `http://127.0.0.1:${httpPort}`;
    return {
      id: s.id,
      kind: s.kind,
      label: s.label,
      httpPort,
      orthancUrl,
      dicomWebUrl: `${orthancUrl}/dicom-web`,
      storageDir: path.join(dir, 'orthanc', s.id),
      configPath: path.join(dir, 'orthanc', `${s.id}.json`),
    };
  });
  // One cache port per source, base+51…59: the sources' own paths are kept, so the absolute
  // URLs Orthanc writes from the Host header still start with the gateway's upstream URL.
  if (sources.length > 9) throw new Error('at most 9 sources fit the cache nginx ports');
  const postgresPort = basePort + 8;
  const cluster = clusterHome(dir);
  return {
    profile,
    gatewayPort: basePort,
    gatewayUrl: `http://localhost:${basePort}`,
    idpPort: basePort + 10,
    idpUrl: `http://localhost:${basePort + 10}`,
    controlPort: basePort + 5,
    controlUrl: `http://127.0.0.1:${basePort + 5}`,
    dir,
    regionConfigPath: path.join(dir, 'region.json'),
    stackFilePath: path.join(dir, 'stack.json'),
    sources,
    postgres: {
      port: postgresPort,
      dataDir: path.join(cluster, 'postgres'),
      socketDir: path.join(cluster, 'postgres-socket'),
      passwordFile: path.join(dir, 'postgres-password'),
      database: 'drim',
      role: 'drim',
      url: `postgresql://drim@127.0.0.1:${postgresPort}/drim`,
      logFile: path.join(cluster === dir ? path.join(dir, 'logs') : cluster, 'postgres.log'),
    },
    region: {
      gatewayPort: (i) => basePort + 40 + i,
      metricsPort: (i) => basePort + 60 + i,
      maxGateways: MAX_GATEWAYS,
      cachePort: basePort + 50,
      cacheSourcePort: (i) => basePort + 51 + i,
      cacheDir: path.join(dir, 'nginx-cache'),
      nginxDir: path.join(dir, 'nginx'),
    },
  };
}

// Where each process of the local stack listens and keeps its files. One function so the
// launcher, the tests and the benchmarks agree without passing addresses around.
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

export type Profile = 'demo' | 'test' | 'bench';

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
}

const DEFAULT_BASE: Record<Profile, number> = { demo: 8080, test: 18080, bench: 28080 };

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
  };
}

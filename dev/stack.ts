// The one launcher of the local region, used by the demo, the tests and the benchmarks.
//   start [--profile demo|test|bench|region] [--port N]   run until Ctrl-C (or `stop`)
//   stop  [--profile …]                            stop a running launcher and its children
//   run   [--profile …] -- CMD ARGS…               start, run CMD with DRIM_STACK_FILE set, stop
// The region profile (PostgreSQL, N gateways behind an nginx balancer, an nginx cache toward
// the sources) also takes:
//   --gateways N              gateways behind the balancer (default 2)
//   --no-cache                the gateways ask the sources directly
//   --cache-max-mb N          the cache's bound on disk (default 1024)
//   --qido-cache-seconds N    how long searches are cached (default 0: never)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { DEMO_USERS } from './demo-identities';
import { DEFAULT_REGION_GATEWAYS, startStack, type RunningStack } from './stack/launch';
import { PidFile } from './stack/processes';
import {
  defaultBasePort,
  PROFILES,
  REPO_ROOT,
  stackLayout,
  type Profile,
  type StackLayout,
} from './stack-layout';

interface Args {
  command: string;
  profile: Profile;
  port?: number;
  rest: string[];
  gateways: number;
  cache: boolean;
  cacheMaxBytes?: number;
  qidoCacheSeconds?: number;
}

const isProfile = (v: string | undefined): v is Profile => PROFILES.some((p) => p === v);

function parseArgs(argv: string[]): Args {
  const dash = argv.indexOf('--');
  const own = dash >= 0 ? argv.slice(0, dash) : argv;
  const rest = dash >= 0 ? argv.slice(dash + 1) : [];
  const [command = 'start', ...flags] = own;
  let profile: Profile = 'demo';
  let port: number | undefined;
  const region: Omit<Args, 'command' | 'profile' | 'port' | 'rest'> = {
    gateways: DEFAULT_REGION_GATEWAYS,
    cache: true,
  };
  const regionFlags: string[] = [];
  for (let i = 0; i < flags.length; i++) {
    const flag = flags[i];
    const value = flags[i + 1];
    const number = value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
    if (flag === '--profile' && isProfile(value)) {
      profile = value;
      i++;
    } else if (flag === '--port' && number !== undefined) {
      port = number;
      i++;
    } else if (flag === '--gateways' && number !== undefined && number >= 1) {
      region.gateways = number;
      regionFlags.push(flag);
      i++;
    } else if (flag === '--no-cache') {
      region.cache = false;
      regionFlags.push(flag);
    } else if (flag === '--cache-max-mb' && number !== undefined && number >= 1) {
      region.cacheMaxBytes = number * 1024 * 1024;
      regionFlags.push(flag);
      i++;
    } else if (flag === '--qido-cache-seconds' && number !== undefined) {
      region.qidoCacheSeconds = number;
      regionFlags.push(flag);
      i++;
    } else {
      fail(`unknown or incomplete option: ${flag ?? ''}`);
    }
  }
  if (port === undefined && profile === 'demo' && process.env.PORT) {
    if (!/^\d+$/.test(process.env.PORT)) fail(`PORT must be a number, got "${process.env.PORT}"`);
    port = Number(process.env.PORT);
  }
  if (profile !== 'region' && regionFlags.length > 0) {
    fail(`${regionFlags.join(', ')}: only with --profile region`);
  }
  return { command, profile, port, rest, ...region };
}

function fail(message: string): never {
  console.error(`[stack] ${message}`);
  process.exit(2);
}

const log = (m: string): void => console.log(`[stack] ${m}`);

/** The exact command that stops this stack: a moved stack is not found without its port. */
function stopCommand(layout: StackLayout): string {
  const profile = layout.profile === 'demo' ? '' : ` --profile ${layout.profile}`;
  const port =
    layout.gatewayPort === defaultBasePort(layout.profile) ? '' : ` --port ${layout.gatewayPort}`;
  return `npm run stack -- stop${profile}${port}`;
}

function launcherPidPath(layout: StackLayout): string {
  return path.join(layout.dir, 'launcher.pid');
}

/** The launcher already running this stack, if any: its processes are not leftovers. */
function runningLauncher(layout: StackLayout): number | null {
  const file = launcherPidPath(layout);
  const pid = fs.existsSync(file) ? Number(fs.readFileSync(file, 'utf8')) : NaN;
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    // A launcher killed with -9 leaves its pid file, and the pid may name another program since.
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('stack.ts') ? pid : null;
  } catch {
    return null;
  }
}

async function portTaken(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function assertPortsFree(layout: StackLayout, gateways: number): Promise<void> {
  const ports = [
    layout.gatewayPort,
    layout.controlPort,
    layout.idpPort,
    ...layout.sources.map((s) => s.httpPort),
    ...(layout.profile === 'test' || layout.profile === 'region' ? [layout.postgres.port] : []),
    ...(layout.profile === 'region'
      ? [
          layout.region.cachePort,
          ...layout.sources.map((_, i) => layout.region.cacheSourcePort(i)),
          ...Array.from({ length: gateways }, (_, i) => layout.region.gatewayPort(i)),
          ...Array.from({ length: gateways }, (_, i) => layout.region.metricsPort(i)),
        ]
      : []),
  ];
  const taken: number[] = [];
  for (const p of ports) if (await portTaken(p)) taken.push(p);
  if (taken.length > 0) {
    fail(
      `port(s) ${taken.join(', ')} already in use. Is another stack running? ` +
        `Try \`${stopCommand(layout)}\`, or choose other ports with --port (or PORT=…).`,
    );
  }
}

async function stopRunning(layout: StackLayout): Promise<void> {
  const file = launcherPidPath(layout);
  const pid = fs.existsSync(file) ? Number(fs.readFileSync(file, 'utf8')) : NaN;
  if (Number.isInteger(pid) && pid > 0) {
    try {
      process.kill(pid, 'SIGTERM');
      log(`asked launcher ${pid} to stop`);
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        process.kill(pid, 0);
        await new Promise((r) => setTimeout(r, 200));
      }
    } catch {
      // Gone: that is what we wanted.
    }
  }
  fs.rmSync(file, { force: true });
  await new PidFile(path.join(layout.dir, 'pids.json')).killLeftovers(log);
  log('stopped');
}

/** Context links as a patient-record software would send them (IHE IID), for the demo. */
function exampleLaunchLinks(stack: RunningStack): string[] {
  const url = stack.info.gatewayUrl;
  const dubois = stack.manifest.patients.find((p) => p.key === 'dubois');
  const bigCt = stack.manifest.studies.find((s) => s.tags.includes('large-ct'));
  const links: string[] = [];
  if (dubois?.ins) {
    const cx = encodeURIComponent(`${dubois.ins.id}^^^&${dubois.ins.issuer}&ISO`);
    links.push(
      `${url}/IHEInvokeImageDisplay?requestType=PATIENT&patientID=${cx}   lien DPI : examens de Marie DUBOIS`,
      `${url}/IHEInvokeImageDisplay?requestType=PATIENT&patientID=${cx}&modalitiesInStudy=CT   …ses scanners seulement`,
    );
  }
  if (bigCt) {
    links.push(
      `${url}/IHEInvokeImageDisplay?requestType=STUDY&studyUID=${bigCt.studyInstanceUID}   lien DPI : un scanner de ${bigCt.series[0]?.numberOfInstances ?? 300} coupes`,
    );
  }
  return links;
}

function printDemoBanner(stack: RunningStack): void {
  const url = stack.info.gatewayUrl;
  const users = DEMO_USERS.map((u) => {
    const who =
      u.role === 'professional'
        ? `${u.profession.label} — ${u.specialty.label} (Dr ${u.givenName} ${u.familyName})`
        : `patient·e ${u.givenName} ${u.familyName}`;
    return `    ${u.username.padEnd(11)} / ${u.password}   ${who}`;
  }).join('\n');
  console.log(`
  drim-viewer — démonstration locale (région fictive Grand Est)

  Ouvrir :        ${url}/
  Connexions (identifiant / mot de passe) :
${users}

  Exemples :
    ${url}/                 page d'accueil : état de chaque source de la région
    ${url}/config.json      configuration publique de la région
${exampleLaunchLinks(stack)
  .map((l) => `    ${l}`)
  .join('\n')}
    ${stack.info.idpUrl}/.well-known/openid-configuration   fournisseur d'identité de démonstration

  Sources : ${stack.info.sources.map((s) => s.id).join(', ')}
  Journaux : ${path.relative(REPO_ROOT, path.join(stack.layout.dir, 'logs'))}/
  Arrêt : Ctrl-C (ou \`${stopCommand(stack.layout)}\`)
`);
}

function printRegionBanner(stack: RunningStack): void {
  const { info } = stack;
  const gateways = (info.gateways ?? [])
    .map((g, i) => `    ${`passerelle ${i}`.padEnd(16)}${g.url}   (métriques ${g.metricsUrl})`)
    .join('\n');
  console.log(`
  drim-viewer — région locale : répartiteur, ${info.gateways?.length ?? 0} passerelles, PostgreSQL, cache partagé

    Ouvrir :        ${info.gatewayUrl}/   (répartiteur nginx)
${gateways}
    PostgreSQL      ${info.postgres?.url ?? '-'}   (mot de passe : ${info.postgres?.passwordFile ?? '-'})
    cache partagé   ${info.cache ? `${info.cache.url}  ${info.cache.dir}  (≤ ${Math.round(info.cache.maxBytes / 1048576)} Mo)` : 'aucun (--no-cache)'}
    identités       ${info.idpUrl}   (mêmes comptes que la démonstration, mot de passe « demo »)

  Description : ${stack.layout.stackFilePath}
  Journaux : ${path.relative(REPO_ROOT, path.join(stack.layout.dir, 'logs'))}/
  Arrêt : Ctrl-C (ou \`${stopCommand(stack.layout)}\`)
`);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const layout = stackLayout(args.profile, args.port);
  if (args.gateways > layout.region.maxGateways) {
    fail(`--gateways: at most ${layout.region.maxGateways} (their ports are base+40…base+49)`);
  }

  if (args.command === 'stop') {
    await stopRunning(layout);
    return;
  }
  if (args.command !== 'start' && args.command !== 'run') fail(`unknown command ${args.command}`);
  if (args.command === 'run' && args.rest.length === 0) fail('run needs a command after --');

  const running = runningLauncher(layout);
  if (running !== null) {
    fail(
      `this stack already runs (launcher ${running}); stop it first: \`${stopCommand(layout)}\``,
    );
  }
  // A launcher killed with -9 leaves its children: clean them before checking ports.
  await new PidFile(path.join(layout.dir, 'pids.json')).killLeftovers(log);
  await assertPortsFree(layout, args.gateways);
  fs.mkdirSync(layout.dir, { recursive: true });
  fs.writeFileSync(launcherPidPath(layout), String(process.pid));

  let stack: RunningStack | undefined;
  let exiting = false;
  const shutdown = async (code: number): Promise<never> => {
    if (!exiting) {
      exiting = true;
      log('stopping…');
      await stack?.stop();
      fs.rmSync(launcherPidPath(layout), { force: true });
      log('all processes stopped');
    }
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(130));
  process.on('SIGTERM', () => void shutdown(143));

  try {
    stack = await startStack({
      profile: args.profile,
      basePort: args.port,
      log,
      ...(args.profile === 'region'
        ? {
            gateways: args.gateways,
            cache: args.cache,
            cacheMaxBytes: args.cacheMaxBytes,
            qidoCacheSeconds: args.qidoCacheSeconds,
          }
        : {}),
    });
  } catch (err) {
    console.error(`[stack] start failed: ${err instanceof Error ? err.message : String(err)}`);
    return void (await shutdown(1));
  }

  if (args.command === 'start') {
    if (args.profile === 'demo') printDemoBanner(stack);
    else if (args.profile === 'region') printRegionBanner(stack);
    else log(`stack file: ${layout.stackFilePath}`);
    return; // Stays up: the signal handlers stop everything.
  }

  const [cmd = '', ...cmdArgs] = args.rest;
  const child = spawn(cmd, cmdArgs, {
    cwd: REPO_ROOT,
    stdio: 'inherit',
    env: { ...process.env, DRIM_STACK_FILE: layout.stackFilePath },
  });
  const code = await new Promise<number>((resolve) => {
    child.once('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0)));
    child.once('error', (err) => {
      console.error(`[stack] cannot run ${cmd}: ${err.message}`);
      resolve(127);
    });
  });
  await shutdown(code);
}

void main();

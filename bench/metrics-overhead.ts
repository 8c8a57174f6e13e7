// What the Prometheus metrics cost the gateway: two gateway processes started here from the
// stack's region config, identical but for `gateway.metricsPort`, each under the same closed
// loop of concurrent clients (30 % searches, 70 % frames of the largest series, as a viewer
// mix), in interleaved rounds A B B A … so that the shared machine's load hits both alike.
// Prints requests/s and p50/p99 per arm, the load average, the cost of one scrape, and saves
// bench/results/metrics-overhead.json.
//
//   node --import tsx dev/stack.ts run --profile bench -- node --import tsx bench/metrics-overhead.ts
//   (BENCH_CLIENTS=20 BENCH_SECONDS=10 BENCH_ROUNDS=6; BENCH_SAME=1 runs both arms without
//   metrics, to see the noise; BENCH_CPU_PROF=DIR writes each gateway's V8 CPU profile there)
// On a shared 2-core machine req/s swing by ±30 % between rounds: the gateway's CPU time per
// request and a CPU profile's share of prom-client say more than throughput does.
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Agent, request } from 'undici';
import { loginWithPassword } from '../dev/idp/login-client';
import { freePort, startGatewayProcess, stopGatewayProcess } from '../dev/stack/gatewayProcess';
import { readManifest, readStackInfo } from '../dev/stack/stackInfo';
import { REPO_ROOT } from '../dev/stack-layout';
import { createGatewayMetrics } from '../server/metrics/gatewayMetrics';
import { DICOMWEB_ROUTE, routeFamily, routeSource } from '../server/metrics/routeFamily';
import { median } from './support/stats';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);
const QIDO_SHARE = 0.3;

type Arm = 'without' | 'with';

/** BENCH_CPU_PROF=DIR: each gateway writes a V8 CPU profile there when it stops. */
const CPU_PROF_DIR = process.env.BENCH_CPU_PROF;

function startGateway(configPath: string, port: number, dataDir: string): Promise<ChildProcess> {
  return startGatewayProcess({
    port,
    args: ['--config', configPath, '--data-dir', dataDir],
    nodeArgs: CPU_PROF_DIR ? ['--cpu-prof', '--cpu-prof-dir', CPU_PROF_DIR] : [],
    stderr: 'inherit',
    timeoutMs: 60_000,
  });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

interface RoundResult {
  arm: Arm;
  rps: number;
  errors: number;
  qidoP50: number;
  qidoP99: number;
  frameP50: number;
  frameP99: number;
  load1: number;
  /** The gateway process's CPU time (user + system) per request: steadier than req/s here. */
  cpuMsPerRequest: number;
}

/** utime + stime of a process, in ms (/proc/PID/stat, clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** CLIENTS clients, each sending its next request as soon as the last answer is read. */
async function load(
  arm: Arm,
  pid: number,
  base: string,
  token: string,
  searches: string[],
  frames: string[],
  dispatcher: Agent,
): Promise<RoundResult> {
  const qido: number[] = [];
  const frame: number[] = [];
  let errors = 0;
  let n = 0;
  const cpuBefore = cpuMs(pid);
  const end = performance.now() + SECONDS * 1000;
  let seed = 12345;
  // A fixed pseudo-random sequence: both arms replay the same mix.
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const headers = { authorization: `Bearer ${token}` };
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < end) {
        const isQido = next() < QIDO_SHARE;
        const list = isQido ? searches : frames;
        const url = `${base}/${list[Math.floor(next() * list.length)]!}`;
        const t0 = performance.now();
        try {
          // undici's request, not fetch: the load generator shares the two cores.
          const res = await request(url, {
            headers: {
              ...headers,
              accept: isQido
                ? 'application/dicom+json'
                : 'multipart/related; type=application/octet-stream; transfer-syntax=*',
            },
            dispatcher,
          });
          await res.body.arrayBuffer();
          if (res.statusCode >= 400) errors++;
        } catch {
          errors++;
        }
        (isQido ? qido : frame).push(performance.now() - t0);
        n++;
      }
    }),
  );
  qido.sort((a, b) => a - b);
  frame.sort((a, b) => a - b);
  return {
    arm,
    rps: round2(n / SECONDS),
    errors,
    qidoP50: round2(percentile(qido, 50)),
    qidoP99: round2(percentile(qido, 99)),
    frameP50: round2(percentile(frame, 50)),
    frameP99: round2(percentile(frame, 99)),
    load1: round2(os.loadavg()[0] ?? 0),
    cpuMsPerRequest: Math.round(((cpuMs(pid) - cpuBefore) / n) * 1000) / 1000,
  };
}

/**
 * The metrics' own work for one proxied request, in this process: classifying the route and
 * counting the request and its upstream answer. Load-independent enough to set beside a
 * request's cost where the loaded rounds are too noisy to tell the arms apart.
 */
function perRequestMicroseconds(frameWildcard: string): number {
  const { metrics } = createGatewayMetrics({
    sourceIds: ['drimbox-nancy', 'drimbox-reims'],
    processMetrics: false,
  });
  const params = { sourceId: 'drimbox-nancy', '*': frameWildcard };
  const once = () => {
    const family = routeFamily(DICOMWEB_ROUTE, params['*'], 200);
    metrics.request(family, routeSource(DICOMWEB_ROUTE, params), 200, 0.004);
    metrics.upstreamAnswer('drimbox-nancy', 200, undefined, 0.002);
  };
  for (let i = 0; i < 20_000; i++) once();
  const N = 200_000;
  const t0 = performance.now();
  for (let i = 0; i < N; i++) once();
  return ((performance.now() - t0) * 1000) / N;
}

async function main(): Promise<void> {
  const info = readStackInfo();
  const manifest = readManifest(info);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'drim-bench-metrics-'));
  const region = JSON.parse(fs.readFileSync(info.regionConfigPath, 'utf8')) as {
    gateway?: Record<string, unknown>;
  };
  const metricsPort = await freePort();
  const configs: Record<Arm, string> = {
    without: path.join(work, 'without.json'),
    with: path.join(work, 'with.json'),
  };
  fs.writeFileSync(configs.without, JSON.stringify(region));
  // BENCH_SAME=1: both arms without metrics, to see how far apart two equal gateways land.
  fs.writeFileSync(
    configs.with,
    process.env.BENCH_SAME === '1'
      ? JSON.stringify(region)
      : JSON.stringify({
          ...region,
          gateway: { trustProxy: false, ...region.gateway, metricsPort },
        }),
  );
  const ports: Record<Arm, number> = { without: await freePort(), with: await freePort() };
  const children: ChildProcess[] = [];
  const pids: Partial<Record<Arm, number>> = {};
  try {
    for (const arm of ['without', 'with'] as const) {
      const child = await startGateway(configs[arm], ports[arm], path.join(work, `data-${arm}`));
      children.push(child);
      pids[arm] = child.pid!;
    }
    const { accessToken } = await loginWithPassword({
      idpUrl: info.idpUrl,
      username: 'radiologue',
      password: 'demo',
      redirectUri: `${info.gatewayUrl}/auth/callback`,
    });

    const drimboxes = info.sources.filter((s) => s.kind !== 'regional');
    const patient = manifest.patients.find((p) => p.key === 'dubois');
    if (!patient?.ins) throw new Error('manifest has no patient dubois with INS');
    const searches = drimboxes.map(
      (s) =>
        `dicomweb/${s.id}/studies?PatientID=${patient.ins!.id}&IssuerOfPatientID=${patient.ins!.issuer}`,
    );
    const big = manifest.studies
      .filter((st) => st.sourceIds.some((id) => drimboxes.some((s) => s.id === id)))
      .flatMap((st) => st.series.map((se) => ({ st, se })))
      .sort((a, b) => b.se.numberOfInstances - a.se.numberOfInstances)[0];
    if (!big) throw new Error('manifest has no series');
    const sourceId = big.st.sourceIds.find((id) => drimboxes.some((s) => s.id === id))!;
    const direct = info.sources.find((s) => s.id === sourceId)!.dicomWebUrl;
    const seriesPath = `studies/${big.st.studyInstanceUID}/series/${big.se.seriesInstanceUID}`;
    const listing = (await (
      await fetch(`${direct}/${seriesPath}/instances`, {
        headers: { accept: 'application/dicom+json' },
      })
    ).json()) as Record<string, { Value?: string[] }>[];
    const frames = listing.map(
      (ds) =>
        `dicomweb/${sourceId}/${seriesPath}/instances/${ds['00080018']?.Value?.[0] ?? ''}/frames/1`,
    );
    const hookMicros = round2(perRequestMicroseconds(frames[0]!.replace(/^dicomweb\/[^/]+\//, '')));
    console.log(`metrics work per proxied request (in-process): ${hookMicros} µs`);
    console.log(
      `${CLIENTS} clients, ${SECONDS} s per round, ${ROUNDS} rounds per arm; ${Math.round(QIDO_SHARE * 100)} % searches on ${searches.length} sources, the rest frames of a ${frames.length}-instance series`,
    );

    const dispatcher = new Agent({ connections: CLIENTS });
    const base = (arm: Arm) => `http://127.0.0.1:${ports[arm]}`;
    // Warm-up: connections, JIT, the sources' caches.
    for (const arm of ['without', 'with'] as const) {
      await load(arm, pids[arm]!, base(arm), accessToken, searches, frames, dispatcher);
    }
    const results: RoundResult[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const order: Arm[] = r % 2 === 0 ? ['without', 'with'] : ['with', 'without'];
      for (const arm of order) {
        const res = await load(
          arm,
          pids[arm]!,
          base(arm),
          accessToken,
          searches,
          frames,
          dispatcher,
        );
        results.push(res);
        console.log(
          `round ${r + 1} ${arm.padEnd(7)} ${String(res.rps).padStart(7)} req/s  search p50 ${res.qidoP50} ms p99 ${res.qidoP99} ms  frame p50 ${res.frameP50} ms p99 ${res.frameP99} ms  errors ${res.errors}  gateway CPU ${res.cpuMsPerRequest} ms/req  load ${res.load1}`,
        );
      }
    }

    const summary = (arm: Arm) => {
      const rs = results.filter((x) => x.arm === arm);
      return {
        rpsMedian: round2(median(rs.map((x) => x.rps))),
        searchP50Median: round2(median(rs.map((x) => x.qidoP50))),
        frameP50Median: round2(median(rs.map((x) => x.frameP50))),
        searchP99Median: round2(median(rs.map((x) => x.qidoP99))),
        frameP99Median: round2(median(rs.map((x) => x.frameP99))),
        errors: rs.reduce((a, x) => a + x.errors, 0),
        cpuMsPerRequestMedian: Math.round(median(rs.map((x) => x.cpuMsPerRequest)) * 1000) / 1000,
      };
    };
    const without = summary('without');
    const withMetrics = summary('with');

    // One scrape, as Prometheus would make it every 15 s, after all that traffic.
    const scrapes: number[] = [];
    let scrapeBytes = 0;
    for (let i = 0; i < (process.env.BENCH_SAME === '1' ? 0 : 20); i++) {
      const t0 = performance.now();
      const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
      scrapes.push(performance.now() - t0);
      scrapeBytes = Buffer.byteLength(text);
    }
    const scrapeMs = scrapes.length > 0 ? round2(median(scrapes)) : NaN;

    console.log(
      `median of rounds — without metrics: ${without.rpsMedian} req/s, search p50 ${without.searchP50Median} ms, frame p50 ${without.frameP50Median} ms; with: ${withMetrics.rpsMedian} req/s, search p50 ${withMetrics.searchP50Median} ms, frame p50 ${withMetrics.frameP50Median} ms (×${round2(withMetrics.rpsMedian / without.rpsMedian)} throughput)`,
    );
    console.log(
      `gateway CPU per request (median of rounds): without ${without.cpuMsPerRequestMedian} ms, with ${withMetrics.cpuMsPerRequestMedian} ms`,
    );
    console.log(`one scrape: ${scrapeMs} ms, ${scrapeBytes} bytes`);
    console.log(
      `load average: ${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
    );

    const out = path.join(REPO_ROOT, 'bench', 'results', 'metrics-overhead.json');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(
      out,
      JSON.stringify(
        {
          benchmark: 'metrics-overhead',
          date: new Date().toISOString(),
          machine: {
            cpus: os.cpus().length,
            cpuModel: os.cpus()[0]?.model,
            node: process.version,
            loadavg: os.loadavg(),
          },
          clients: CLIENTS,
          secondsPerRound: SECONDS,
          rounds: ROUNDS,
          without,
          with: withMetrics,
          throughputRatio: round2(withMetrics.rpsMedian / without.rpsMedian),
          scrape: { medianMs: scrapeMs, bytes: scrapeBytes },
          metricsMicrosecondsPerRequest: hookMicros,
          perRound: results,
        },
        null,
        2,
      ),
    );
    console.log(`saved ${path.relative(REPO_ROOT, out)}`);
    await dispatcher.close();
  } finally {
    await Promise.all(children.map((child) => stopGatewayProcess(child)));
    fs.rmSync(work, { recursive: true, force: true });
  }
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

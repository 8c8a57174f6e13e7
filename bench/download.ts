// The study as a DICOM ZIP, streamed by the gateway: time to the first and the last byte, and
// the gateway's peak memory (VmRSS of its process, sampled every 10 ms from /proc) while it
// sends the 320-slice CT of the sample (drimbox-thionville, JPEG-LS) — beside a small study
// and a mid-sized uncompressed one, to show that memory follows neither the instance count
// nor the byte count: the gateway holds a few chunks per entry, never the study.
// The client counts the bytes as they come and keeps none. Prints a table and saves
// bench/results/download.json. Figures are reported, never asserted.
//
//   npm run bench:download
//   (= node --import tsx dev/stack.ts run --profile bench -- node --import tsx bench/download.ts)
import fs from 'node:fs';
import path from 'node:path';
import type { ManifestStudy } from '../dev/sample-data/manifest';
import { REPO_ROOT } from '../dev/stack-layout';
import { demoAccessToken, readManifest, readStackInfo } from '../dev/stack/stackInfo';
import { UpstreamClient } from '../server/dicomweb/upstreamClient';
import { planStudyZip, writeStudyZip } from '../server/download/studyZip';
import { testSource } from '../server/testing/testConfig';
import { startSyntheticSource } from './syntheticStudySource';
import { median } from './support/stats';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SAMPLE_MS = 10;
const USER = 'medecin';

const stack = readStackInfo();
const manifest = readManifest(stack);
const gatewayPid = stack.pids.gateway;

function rssKb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /^VmRSS:\s+(\d+) kB/m.exec(status);
  return m ? Number(m[1]) : NaN;
}

function pick(label: string, test: (s: ManifestStudy) => boolean): ManifestStudy {
  const candidates = manifest.studies.filter(test);
  const found = candidates.sort((a, b) => b.numberOfInstances - a.numberOfInstances)[0];
  if (!found) throw new Error(`no ${label} study in the manifest`);
  return found;
}

const studies: { label: string; study: ManifestStudy }[] = [
  { label: 'small', study: pick('small', (s) => s.numberOfInstances <= 5) },
  {
    label: 'mid, uncompressed',
    study: pick(
      'uncompressed',
      (s) => s.sourceIds[0] === 'drimbox-nancy' && s.numberOfInstances < 200,
    ),
  },
  { label: '320-slice CT', study: pick('large', (s) => s.numberOfInstances >= 300) },
];

async function keyFor(token: string, study: ManifestStudy): Promise<string> {
  const res = await fetch(`${stack.gatewayUrl}/api/keys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      kind: 'study',
      value: { studyInstanceUID: study.studyInstanceUID, sourceIds: study.sourceIds },
    }),
  });
  if (!res.ok) throw new Error(`POST /api/keys: HTTP ${res.status}`);
  return ((await res.json()) as { key: string }).key;
}

interface Run {
  firstByteMs: number;
  lastByteMs: number;
  bytes: number;
  baselineRssMb: number;
  peakRssMb: number;
}

async function downloadOnce(token: string, key: string): Promise<Run> {
  const baseline = rssKb(gatewayPid);
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssKb(gatewayPid));
  }, SAMPLE_MS);
  try {
    const t0 = performance.now();
    const res = await fetch(`${stack.gatewayUrl}/api/studies/${key}/download.zip`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (res.status !== 200 || !res.body) throw new Error(`download: HTTP ${res.status}`);
    let firstByteMs = NaN;
    let bytes = 0;
    for await (const chunk of res.body) {
      if (bytes === 0) firstByteMs = performance.now() - t0;
      bytes += (chunk as Uint8Array).length;
    }
    const lastByteMs = performance.now() - t0;
    peak = Math.max(peak, rssKb(gatewayPid));
    return {
      firstByteMs,
      lastByteMs,
      bytes,
      baselineRssMb: baseline / 1024,
      peakRssMb: peak / 1024,
    };
  } finally {
    clearInterval(sampler);
  }
}

const token = await demoAccessToken(USER, stack);
const rows: Record<string, unknown>[] = [];
for (const { label, study } of studies) {
  const key = await keyFor(token, study);
  // One untimed pass: the sources' own caches and the gateway's code paths warm, as in use.
  await downloadOnce(token, key);
  const runs: Run[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await downloadOnce(token, key));
  const bytes = runs[0]?.bytes ?? 0;
  rows.push({
    label,
    study: study.key,
    source: study.sourceIds[0],
    instances: study.numberOfInstances,
    zipMegabytes: +(bytes / 1e6).toFixed(1),
    firstByteMsMedian: Math.round(median(runs.map((r) => r.firstByteMs))),
    lastByteMsMedian: Math.round(median(runs.map((r) => r.lastByteMs))),
    megabytesPerSecond: +(bytes / 1e6 / (median(runs.map((r) => r.lastByteMs)) / 1000)).toFixed(1),
    gatewayRssBaselineMb: +Math.min(...runs.map((r) => r.baselineRssMb)).toFixed(1),
    gatewayRssPeakMb: +Math.max(...runs.map((r) => r.peakRssMb)).toFixed(1),
    gatewayRssGrowthMb: +Math.max(...runs.map((r) => r.peakRssMb - r.baselineRssMb)).toFixed(1),
    runs,
  });
}

/**
 * The same ZIP writer, in this process, fed by a made-up source of 100 MB and of 1 GB: if the
 * writer held the study, the second would cost ten times the first.
 */
async function syntheticRun(megabytes: number): Promise<Record<string, unknown>> {
  const instanceBytes = 1024 * 1024;
  const seriesCount = 4;
  const study = {
    studyUid: `2.25.${megabytes}`,
    seriesCount,
    instancesPerSeries: Math.round(megabytes / seriesCount),
    instanceBytes,
  };
  const source = await startSyntheticSource(study);
  const upstream = new UpstreamClient(testSource('synthetic', source.url, { timeoutMs: 10_000 }));
  const abort = new AbortController();
  try {
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, SAMPLE_MS);
    const t0 = performance.now();
    const plan = await planStudyZip(upstream, study.studyUid, [], abort.signal);
    const zip = writeStudyZip({
      upstream,
      plan,
      signal: abort.signal,
      authorizeSeries: async () => undefined,
    });
    let bytes = 0;
    for await (const chunk of zip.stream) bytes += (chunk as Buffer).length;
    const outcome = await zip.done;
    clearInterval(sampler);
    return {
      label: `synthetic ${megabytes} MB`,
      instances: plan.instanceCount,
      written: outcome.written,
      zipMegabytes: +(bytes / 1e6).toFixed(1),
      lastByteMs: Math.round(performance.now() - t0),
      processRssBaselineMb: +(baseline / 1048576).toFixed(1),
      processRssPeakMb: +(peak / 1048576).toFixed(1),
      processRssGrowthMb: +((peak - baseline) / 1048576).toFixed(1),
    };
  } finally {
    abort.abort();
    await upstream.close();
    await source.close();
  }
}
// One untimed small pass first: the code's own first-use allocations are not the study's.
await syntheticRun(20);
const synthetic = [await syntheticRun(100), await syntheticRun(1000)];

console.log('\nStudy ZIP through the gateway (median of %d, after one untimed pass)\n', RUNS);
console.table(
  rows.map((r) => ({
    study: r.label,
    instances: r.instances,
    'ZIP MB': r.zipMegabytes,
    'first byte ms': r.firstByteMsMedian,
    'last byte ms': r.lastByteMsMedian,
    'MB/s': r.megabytesPerSecond,
    'gateway RSS peak MB': r.gatewayRssPeakMb,
    'growth MB': r.gatewayRssGrowthMb,
  })),
);

console.log('\nThe same ZIP writer in this process, fed by a made-up source (memory vs size)\n');
console.table(
  synthetic.map((r) => ({
    study: r.label,
    instances: r.instances,
    'ZIP MB': r.zipMegabytes,
    'last byte ms': r.lastByteMs,
    'RSS peak MB': r.processRssPeakMb,
    'growth MB': r.processRssGrowthMb,
  })),
);

const out = path.join(REPO_ROOT, 'bench', 'results', 'download.json');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(
  out,
  `${JSON.stringify(
    {
      measuredAt: new Date().toISOString(),
      machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
      user: USER,
      runs: RUNS,
      rssSampleMs: SAMPLE_MS,
      studies: rows,
      synthetic,
    },
    null,
    2,
  )}\n`,
);
console.log(`saved ${path.relative(REPO_ROOT, out)}`);

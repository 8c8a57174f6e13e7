// What the gateway costs on top of the sources: the same DICOMweb requests sent straight
// to Orthanc, through the launcher's delaying proxy (the upstream the gateway is configured
// with: one more local hop, not the gateway's doing), and through the gateway (token check,
// path/fishing guards, query rebuild, URL rewriting, access trace, streaming). The gateway's
// own cost is the last column minus the middle one. Besides single requests, it replays what
// the viewer does for a whole series: every frame, a few at a time. The regional archive is
// left out: it answers only under a consent (issue 6), which is not what is measured here.
// Prints a table and saves bench/results/gateway-overhead.json.
//
//   node --import tsx dev/stack.ts run --profile bench -- node --import tsx bench/gateway-overhead.ts
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loginWithPassword } from '../dev/idp/login-client';
import { readManifest, readStackInfo } from '../dev/stack/stackInfo';
import { REPO_ROOT } from '../dev/stack-layout';
import { median } from './support/stats';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
/** As many frames in flight as the viewer's background loading asks for at once. */
const FRAME_PARALLEL = 6;

type Hop = 'direct' | 'proxy' | 'gateway';
const HOPS: readonly Hop[] = ['direct', 'proxy', 'gateway'];

interface Bases {
  direct: string;
  proxy: string;
  gateway: string;
}

async function timed(
  urls: readonly string[],
  headers: Record<string, string>,
  parallel = 1,
): Promise<{ ms: number; bytes: number }> {
  const t0 = performance.now();
  let bytes = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, urls.length) }, async () => {
      while (next < urls.length) {
        const url = urls[next++]!;
        const res = await fetch(url, { headers });
        if (!res.ok) throw new Error(`${res.status} for ${url}`);
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>)
          bytes += chunk.byteLength;
      }
    }),
  );
  return { ms: performance.now() - t0, bytes };
}

const round = (x: number): number => Math.round(x * 100) / 100;

/** Runs the same request(s) through each hop in turn, `runs` times, after one warm-up each. */
async function compare(options: {
  name: string;
  bases: Bases;
  paths: readonly string[];
  headers: Record<string, string>;
  token: string;
  runs?: number;
  parallel?: number;
}): Promise<Record<string, number | string>> {
  const runs = options.runs ?? RUNS;
  const times: Record<Hop, number[]> = { direct: [], proxy: [], gateway: [] };
  let bytes = 0;
  const go = (hop: Hop) =>
    timed(
      options.paths.map((p) => `${options.bases[hop]}/${p}`),
      hop === 'gateway'
        ? { ...options.headers, authorization: `Bearer ${options.token}` }
        : options.headers,
      options.parallel,
    );
  // Connection set-up is not the question: warm every path once.
  for (const hop of HOPS) await go(hop);
  for (let i = 0; i < runs; i++) {
    // Interleaved, so that a burst of load on this shared machine hits every hop alike.
    for (const hop of HOPS) {
      const r = await go(hop);
      times[hop].push(r.ms);
      bytes = r.bytes;
    }
  }
  const d = median(times.direct);
  const p = median(times.proxy);
  const g = median(times.gateway);
  const row = {
    request: options.name,
    bytes,
    directMedianMs: round(d),
    proxyMedianMs: round(p),
    gatewayMedianMs: round(g),
    gatewayOwnMs: round(g - p),
    ratioVsDirect: round(g / d),
    ratioVsProxy: round(g / p),
  };
  console.log(
    `${options.name.padEnd(36)} ${String(bytes).padStart(10)} B  direct ${row.directMedianMs} ms  proxy ${row.proxyMedianMs} ms  gateway ${row.gatewayMedianMs} ms  (×${row.ratioVsDirect} direct, ×${row.ratioVsProxy} proxy)`,
  );
  return row;
}

async function main(): Promise<void> {
  const info = readStackInfo();
  const manifest = readManifest(info);
  const region = JSON.parse(fs.readFileSync(info.regionConfigPath, 'utf8')) as {
    sources: { id: string; upstream: { url: string } }[];
  };
  const proxyUrl = (id: string): string => {
    const url = region.sources.find((s) => s.id === id)?.upstream.url;
    if (!url) throw new Error(`region.json has no source ${id}`);
    return url.replace(/\/+$/, '');
  };
  const basesOf = (id: string): Bases => {
    const src = info.sources.find((s) => s.id === id);
    if (!src) throw new Error(`no source ${id}`);
    return {
      direct: src.dicomWebUrl,
      proxy: proxyUrl(id),
      gateway: `${info.gatewayUrl}/dicomweb/${id}`,
    };
  };
  const { accessToken } = await loginWithPassword({
    idpUrl: info.idpUrl,
    username: 'radiologue',
    password: 'demo',
    redirectUri: `${info.gatewayUrl}/auth/callback`,
  });

  const rows: Record<string, number | string>[] = [];
  const json = { accept: 'application/dicom+json' };

  const patient = manifest.patients.find((p) => p.key === 'dubois');
  if (!patient?.ins) throw new Error('manifest has no patient dubois with INS');
  for (const s of info.sources.filter((src) => src.kind !== 'regional')) {
    rows.push(
      await compare({
        name: `QIDO studies ${s.id}`,
        bases: basesOf(s.id),
        paths: [`studies?PatientID=${patient.ins.id}&IssuerOfPatientID=${patient.ins.issuer}`],
        headers: json,
        token: accessToken,
      }),
    );
  }

  const big = manifest.studies
    .filter((st) =>
      st.sourceIds.some((id) => info.sources.find((s) => s.id === id)?.kind !== 'regional'),
    )
    .flatMap((st) => st.series.map((se) => ({ st, se })))
    .sort((a, b) => b.se.numberOfInstances - a.se.numberOfInstances)[0];
  if (!big) throw new Error('manifest has no series');
  const sourceId = big.st.sourceIds[0] ?? '';
  const bases = basesOf(sourceId);
  const seriesPath = `studies/${big.st.studyInstanceUID}/series/${big.se.seriesInstanceUID}`;
  const n = big.se.numberOfInstances;
  rows.push(
    await compare({
      name: `series metadata (${n} inst.)`,
      bases,
      paths: [`${seriesPath}/metadata`],
      headers: json,
      token: accessToken,
      runs: 5,
    }),
  );
  rows.push(
    await compare({
      name: `series retrieve (${n} inst.)`,
      bases,
      paths: [seriesPath],
      headers: { accept: 'multipart/related; type="application/dicom"; transfer-syntax=*' },
      token: accessToken,
      runs: 3,
    }),
  );

  const listing = (await (
    await fetch(`${bases.direct}/${seriesPath}/instances`, { headers: json })
  ).json()) as Record<string, { Value?: string[] }>[];
  const framePaths = listing.map(
    (ds) => `${seriesPath}/instances/${ds['00080018']?.Value?.[0] ?? ''}/frames/1`,
  );
  const frameAccept = {
    accept: 'multipart/related; type=application/octet-stream; transfer-syntax=*',
  };
  rows.push(
    await compare({
      name: `one frame`,
      bases,
      paths: framePaths.slice(0, 1),
      headers: frameAccept,
      token: accessToken,
    }),
  );
  rows.push(
    await compare({
      name: `every frame (${framePaths.length}, ${FRAME_PARALLEL} at once)`,
      bases,
      paths: framePaths,
      headers: frameAccept,
      token: accessToken,
      runs: 3,
      parallel: FRAME_PARALLEL,
    }),
  );

  const result = {
    benchmark: 'gateway-overhead',
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      memGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      load1: os.loadavg()[0],
    },
    runs: RUNS,
    rows,
  };
  console.log(`load average (1 min): ${os.loadavg()[0]?.toFixed(1)}`);
  const out = path.join(REPO_ROOT, 'bench', 'results', 'gateway-overhead.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(result, null, 2));
  console.log(`saved ${path.relative(REPO_ROOT, out)}`);
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

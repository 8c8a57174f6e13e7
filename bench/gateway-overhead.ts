// What the gateway costs on top of the sources: the same DICOMweb requests sent straight
// to Orthanc and through the gateway (token check, path/fishing guards, query rebuild,
// URL rewriting, streaming). Prints a table and saves bench/results/gateway-overhead.json.
//
//   node --import tsx dev/stack.ts run --profile bench -- node --import tsx bench/gateway-overhead.ts
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loginWithPassword } from '../dev/idp/login-client';
import type { Manifest } from '../dev/sample-data/manifest';
import type { StackInfo } from '../dev/stack/launch';
import { REPO_ROOT } from '../dev/stack-layout';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);

function stackInfo(): StackInfo {
  const file = process.env.DRIM_STACK_FILE;
  if (!file) throw new Error('run through dev/stack.ts run (DRIM_STACK_FILE unset)');
  return JSON.parse(fs.readFileSync(file, 'utf8')) as StackInfo;
}

async function timed(
  url: string,
  headers: Record<string, string>,
): Promise<{ ms: number; bytes: number }> {
  const t0 = performance.now();
  const res = await fetch(url, { headers });
  if (!res.ok) throw new Error(`${res.status} for ${url}`);
  let bytes = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>)
    bytes += chunk.byteLength;
  return { ms: performance.now() - t0, bytes };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

async function compare(
  name: string,
  direct: string,
  viaGateway: string,
  headers: Record<string, string>,
  token: string,
  runs = RUNS,
): Promise<Record<string, number | string>> {
  const d: number[] = [];
  const g: number[] = [];
  let bytes = 0;
  await timed(direct, headers); // warm both paths once: connection set-up is not the question
  await timed(viaGateway, { ...headers, authorization: `Bearer ${token}` });
  for (let i = 0; i < runs; i++) {
    const a = await timed(direct, headers);
    const b = await timed(viaGateway, { ...headers, authorization: `Bearer ${token}` });
    d.push(a.ms);
    g.push(b.ms);
    bytes = b.bytes;
  }
  const row = {
    request: name,
    bytes,
    directMedianMs: round(median(d)),
    gatewayMedianMs: round(median(g)),
    overheadMs: round(median(g) - median(d)),
    ratio: round(median(g) / median(d)),
  };
  console.log(
    `${name.padEnd(34)} ${String(bytes).padStart(11)} B  direct ${row.directMedianMs} ms  gateway ${row.gatewayMedianMs} ms  (×${row.ratio})`,
  );
  return row;
}

const round = (x: number): number => Math.round(x * 100) / 100;

async function main(): Promise<void> {
  const info = stackInfo();
  const manifest = JSON.parse(fs.readFileSync(info.manifestPath, 'utf8')) as Manifest;
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
  for (const s of info.sources) {
    const q = `studies?PatientID=${patient.ins.id}&IssuerOfPatientID=${patient.ins.issuer}`;
    rows.push(
      await compare(
        `QIDO studies ${s.id}`,
        `${s.dicomWebUrl}/${q}`,
        `${info.gatewayUrl}/dicomweb/${s.id}/${q}`,
        json,
        accessToken,
      ),
    );
  }

  const big = manifest.studies
    .flatMap((st) => st.series.map((se) => ({ st, se })))
    .sort((a, b) => b.se.numberOfInstances - a.se.numberOfInstances)[0];
  if (!big) throw new Error('manifest has no series');
  const sourceId = big.st.sourceIds[0] ?? '';
  const src = info.sources.find((s) => s.id === sourceId);
  if (!src) throw new Error(`no source ${sourceId}`);
  const seriesPath = `studies/${big.st.studyInstanceUID}/series/${big.se.seriesInstanceUID}`;
  rows.push(
    await compare(
      `series metadata (${big.se.numberOfInstances} inst.)`,
      `${src.dicomWebUrl}/${seriesPath}/metadata`,
      `${info.gatewayUrl}/dicomweb/${src.id}/${seriesPath}/metadata`,
      json,
      accessToken,
      5,
    ),
  );
  rows.push(
    await compare(
      `series retrieve (${big.se.numberOfInstances} inst.)`,
      `${src.dicomWebUrl}/${seriesPath}`,
      `${info.gatewayUrl}/dicomweb/${src.id}/${seriesPath}`,
      { accept: 'multipart/related; type="application/dicom"; transfer-syntax=*' },
      accessToken,
      3,
    ),
  );

  const result = {
    benchmark: 'gateway-overhead',
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      memGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
    },
    runs: RUNS,
    rows,
  };
  const out = path.join(REPO_ROOT, 'bench', 'results', 'gateway-overhead.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(result, null, 2));
  console.log(`saved ${path.relative(REPO_ROOT, out)}`);
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

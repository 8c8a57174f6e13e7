// Puts the generated sample into the local Orthancs through their REST API: each source
// gets its own folder (Nancy also the real files, under real/). Uploading is idempotent:
// Orthanc answers "AlreadyStored" for an instance it holds, counted as skipped.
import fs from 'node:fs';
import path from 'node:path';
import type { Manifest } from './manifest';

const PARALLEL_UPLOADS = 4;

export interface LoadOptions {
  sampleDir: string;
  manifest: Manifest;
  sources: { id: string; orthancUrl: string }[];
  log?: (msg: string) => void;
}

export type LoadResult = Record<string, { uploaded: number; skipped: number }>;

function listDicom(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.dcm')) out.push(p);
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out.sort();
}

async function upload(orthancUrl: string, file: string): Promise<'uploaded' | 'skipped'> {
  const body = await fs.promises.readFile(file);
  let res: Response;
  try {
    res = await fetch(`${orthancUrl}/instances`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/dicom' },
      body,
    });
  } catch (err) {
    throw new Error(`upload of ${file} to ${orthancUrl} failed: ${(err as Error).message}`);
  }
  const text = await res.text();
  if (!res.ok) throw new Error(`upload of ${file} to ${orthancUrl}: HTTP ${res.status} ${text}`);
  let status: unknown;
  try {
    status = (JSON.parse(text) as { Status?: unknown }).Status;
  } catch {
    throw new Error(`upload of ${file} to ${orthancUrl}: unexpected answer ${text}`);
  }
  if (status === 'Success') return 'uploaded';
  if (status === 'AlreadyStored') return 'skipped';
  throw new Error(`upload of ${file} to ${orthancUrl}: Orthanc answered ${text}`);
}

async function uploadAll(
  orthancUrl: string,
  files: string[],
  counts: { uploaded: number; skipped: number },
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      const file = files[next++];
      if (file === undefined) return;
      counts[await upload(orthancUrl, file)]++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_UPLOADS, files.length) }, worker));
}

export async function loadSample(opts: LoadOptions): Promise<LoadResult> {
  const log = opts.log ?? (() => undefined);
  const result: LoadResult = {};
  await Promise.all(
    opts.sources.map(async (src) => {
      const counts = { uploaded: 0, skipped: 0 };
      result[src.id] = counts;
      const dir = path.join(opts.sampleDir, src.id);
      // Orthanc keeps the first of two files with the same identifiers, so those go last,
      // after the file the manifest says must win.
      const duplicates = new Set(
        src.id === opts.manifest.realFilesSourceId
          ? opts.manifest.realFiles
              .filter((f) => f.duplicateOf)
              .map((f) => path.join(dir, 'real', f.file))
          : [],
      );
      const files = listDicom(dir);
      const started = performance.now();
      await uploadAll(
        src.orthancUrl,
        files.filter((f) => !duplicates.has(f)),
        counts,
      );
      await uploadAll(src.orthancUrl, [...duplicates], counts);
      const s = ((performance.now() - started) / 1000).toFixed(1);
      log(`${src.id}: ${counts.uploaded} uploaded, ${counts.skipped} already stored (${s} s)`);
    }),
  );
  return result;
}

/** True when Orthanc already holds the expected number of instances (from the manifest). */
export async function isSourceLoaded(
  orthancUrl: string,
  expectedInstances: number,
): Promise<boolean> {
  const res = await fetch(`${orthancUrl}/statistics`);
  if (!res.ok) throw new Error(`${orthancUrl}/statistics: HTTP ${res.status}`);
  const stats = (await res.json()) as { CountInstances?: unknown };
  return Number(stats.CountInstances) === expectedInstances;
}

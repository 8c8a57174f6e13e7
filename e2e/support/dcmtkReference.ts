// The reference rendering of a DICOM file, made by dcmtk (Debian's `dcmj2pnm`) at the W/L
// the viewer used, and compared with what the viewer shows through the same sample grid.
// dcmtk 3.6.7 has no JPEG 2000 decoder: those files are first decompressed losslessly by
// GDCM (`gdcmconv --raw`), then rendered by dcmtk. Everything is computed at test time from
// the files themselves; no reference image is stored in the repository.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PNG } from 'pngjs';

const run = promisify(execFile);

const JPEG_2000 = ['1.2.840.10008.1.2.4.90', '1.2.840.10008.1.2.4.91'];
const JPEG_LS = ['1.2.840.10008.1.2.4.80', '1.2.840.10008.1.2.4.81'];

/** An 8-bit rendering: 1 channel (grey) or 3 (RGB), row-major. */
export interface RenderedImage {
  width: number;
  height: number;
  channels: 1 | 3;
  data: Uint8Array;
}

/** Cornerstone's VOI: modality values mapped linearly, `lower` → black, `upper` → white. */
export interface VoiRange {
  lower: number;
  upper: number;
}

export interface FileGeometry {
  rows: number;
  columns: number;
  /** ImagePositionPatient, or the origin Cornerstone assumes when it is absent. */
  position: [number, number, number];
  /** Row then column direction cosines (ImageOrientationPatient), or the identity. */
  rowCosines: [number, number, number];
  columnCosines: [number, number, number];
  /** Spacing between columns (x) and between rows (y), mm; 1 when absent. */
  columnSpacing: number;
  rowSpacing: number;
  photometricInterpretation: string;
  numberOfFrames: number;
}

async function dump(file: string, tags: string[]): Promise<Map<string, string>> {
  const args = tags.flatMap((t) => ['+P', t]);
  // -Un: UIDs as numbers, not dcmtk's names for them.
  const { stdout } = await run('dcmdump', ['-Un', ...args, file], { maxBuffer: 1 << 20 });
  const out = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const m = /^\s*\(([0-9a-f]{4},[0-9a-f]{4})\)\s+\w\w\s+(?:\[([^\]]*)\]|(\S+))/i.exec(line);
    if (m?.[1] && !out.has(m[1].toLowerCase())) out.set(m[1].toLowerCase(), m[2] ?? m[3] ?? '');
  }
  return out;
}

const numbers = (value: string | undefined): number[] =>
  (value ?? '')
    .split('\\')
    .filter((s) => s.trim() !== '')
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isFinite(n));

/** The plane of the file's first frame, with the defaults Cornerstone uses for missing tags. */
export async function fileGeometry(file: string): Promise<FileGeometry> {
  const d = await dump(file, [
    '0028,0010',
    '0028,0011',
    '0020,0032',
    '0020,0037',
    '0028,0030',
    '0028,0004',
    '0028,0008',
  ]);
  const ipp = numbers(d.get('0020,0032'));
  const iop = numbers(d.get('0020,0037'));
  const spacing = numbers(d.get('0028,0030'));
  const [r0 = 1, r1 = 0, r2 = 0, c0 = 0, c1 = 1, c2 = 0] = iop.length === 6 ? iop : [];
  return {
    rows: Number(d.get('0028,0010')),
    columns: Number(d.get('0028,0011')),
    position: ipp.length === 3 ? [ipp[0] ?? 0, ipp[1] ?? 0, ipp[2] ?? 0] : [0, 0, 0],
    rowCosines: [r0, r1, r2],
    columnCosines: [c0, c1, c2],
    // PixelSpacing is (between rows, between columns).
    rowSpacing: spacing[0] ?? 1,
    columnSpacing: spacing[1] ?? spacing[0] ?? 1,
    photometricInterpretation: (d.get('0028,0004') ?? '').trim(),
    numberOfFrames: Number(d.get('0028,0008') ?? '1') || 1,
  };
}

/** World coordinates (mm) of the centre of pixel (column, row). */
export function pixelToWorld(
  g: FileGeometry,
  column: number,
  row: number,
): [number, number, number] {
  return [0, 1, 2].map(
    (i) =>
      (g.position[i] ?? 0) +
      column * g.columnSpacing * (g.rowCosines[i] ?? 0) +
      row * g.rowSpacing * (g.columnCosines[i] ?? 0),
  ) as [number, number, number];
}

async function transferSyntax(file: string): Promise<string> {
  const d = await dump(file, ['0002,0010']);
  return (d.get('0002,0010') ?? '').replace(/\0/g, '').trim();
}

/** A file dcmtk can render: J2K and JPEG-LS are decompressed first (losslessly). */
async function renderable(file: string, dir: string): Promise<string> {
  const ts = await transferSyntax(file);
  if (JPEG_2000.includes(ts)) {
    const out = path.join(dir, 'raw.dcm');
    await run('gdcmconv', ['--raw', file, out]);
    return out;
  }
  if (JPEG_LS.includes(ts)) {
    const out = path.join(dir, 'raw.dcm');
    await run('dcmdjpls', [file, out]);
    return out;
  }
  return file;
}

/**
 * dcmtk's rendering of one frame. With a VOI, the same linear window the viewer applied
 * (`--set-window centre width`); without, dcmtk's own choice (colour images have none).
 */
export async function dcmtkRender(
  file: string,
  options: { voi?: VoiRange | null; frame?: number } = {},
): Promise<RenderedImage> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dcmtk-ref-'));
  try {
    const input = await renderable(file, dir);
    const png = path.join(dir, 'out.png');
    const args = ['--write-png', '+F', String(options.frame ?? 1)];
    if (options.voi) {
      // Cornerstone's own conversion (utilities.windowLevel.toWindowLevel), DICOM's linear
      // function: the window spans lower..upper inclusive.
      const width = Math.abs(options.voi.upper - options.voi.lower) + 1;
      const centre = (options.voi.lower + options.voi.upper + 1) / 2;
      args.push('+Ww', String(centre), String(width));
    }
    await run('dcmj2pnm', [...args, input, png]);
    const decoded = PNG.sync.read(fs.readFileSync(png));
    // pngjs always hands out RGBA; keep one channel when dcmtk wrote grey.
    const grey = decoded.colorType === 0 || decoded.colorType === 4;
    const channels = grey ? 1 : 3;
    const data = new Uint8Array(decoded.width * decoded.height * channels);
    for (let p = 0; p < decoded.width * decoded.height; p++) {
      for (let c = 0; c < channels; c++) data[p * channels + c] = decoded.data[p * 4 + c] ?? 0;
    }
    return { width: decoded.width, height: decoded.height, channels, data };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The pixel centres (column, row) of an at most n×n grid spread over the image. */
export function sampleGrid(columns: number, rows: number, n = 64): [number, number][] {
  const nc = Math.min(n, columns);
  const nr = Math.min(n, rows);
  const points: [number, number][] = [];
  for (let j = 0; j < nr; j++) {
    for (let i = 0; i < nc; i++) {
      points.push([Math.floor(((i + 0.5) * columns) / nc), Math.floor(((j + 0.5) * rows) / nr)]);
    }
  }
  return points;
}

/** Rec. 601 luminance (what a grey display shows); for grey images, the value itself. */
export function luminance(image: RenderedImage, column: number, row: number): number {
  const at = (row * image.width + column) * image.channels;
  if (image.channels === 1) return image.data[at] ?? 0;
  return (
    0.299 * (image.data[at] ?? 0) +
    0.587 * (image.data[at + 1] ?? 0) +
    0.114 * (image.data[at + 2] ?? 0)
  );
}

export interface Stats {
  mean: number;
  sd: number;
}

export function statsOf(values: readonly number[]): Stats {
  const n = Math.max(values.length, 1);
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / n;
  return { mean, sd: Math.sqrt(variance) };
}

/** Mean absolute difference between two equally long sample lists (0–255 scale). */
export function meanAbsoluteDifference(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.abs((a[i] ?? 0) - (b[i] ?? 0));
  return n === 0 ? Infinity : sum / n;
}

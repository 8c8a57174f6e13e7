// Interleaved A/B of the launch path (issue 21): is a change faster, on this machine, the way
// a GP meets it? Each variant — a commit, or `.` for this checkout as it is — runs the IID
// link's bench (bench/launch.ts, without OHIF) on its own freshly started stack, in turn,
// round after round (every other round in reverse order), so that all meet the same minutes
// of the machine's load; medians are then taken over every run of each variant. On two cores
// the spread of one run is ±50 ms: a change is judged only this way, never by two runs an
// hour apart.
//
// Each commit is checked out in a git worktree in the system's temporary folder (this checkout
// is never touched), sharing this checkout's node_modules and dev/.data (the bench stack's sample
// data; the viewer is rebuilt for each variant as its sources differ). The bench script is
// this checkout's for every variant: one method.
//
//   npm run bench:launch-ab -- [--rounds 3] [--runs 3] [--latency-ms N] [--paths iid-study] REF|. …
//
// Prints each run and the medians; saves bench/results/launch-ab.json.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../dev/stack-layout';
import type { LaunchBenchResult } from './launch';
import { median } from './support/stats';

interface Variant {
  /** As given: a commit-ish, or `.`. */
  name: string;
  /** The commit measured; null for this checkout as it is. */
  commit: string | null;
  dir: string;
}

interface RunFigures {
  variant: string;
  round: number;
  loadAtStart: number;
  loadAtEnd: number;
  /** Per launch path: ms from the click, one value per run (null: not seen). */
  paths: Record<
    string,
    {
      pixels: { cold: (number | null)[]; warm: (number | null)[] };
      canvas: { cold: (number | null)[]; warm: (number | null)[] };
    }
  >;
}

function git(args: string[], cwd = REPO_ROOT): string {
  const res = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`git ${args.join(' ')}: ${res.stderr.trim()}`);
  return res.stdout.trim();
}

function argValue(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at === -1 ? undefined : args[at + 1];
}

function positiveInt(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 50)
    throw new Error(`${name}: a whole number from 1 to 50`);
  return n;
}

/** A worktree of `commit` sharing this checkout's dependencies and stack data. */
function prepareVariant(name: string): Variant {
  if (name === '.') return { name, commit: null, dir: REPO_ROOT };
  const commit = git(['rev-parse', '--verify', `${name}^{commit}`]);
  // Outside this checkout: its linters and type checks never see a second copy of it.
  const dir = path.join(os.tmpdir(), 'drim-launch-ab', commit.slice(0, 12));
  if (!fs.existsSync(path.join(dir, '.git'))) {
    fs.rmSync(dir, { recursive: true, force: true });
    git(['worktree', 'prune']);
    git(['worktree', 'add', '--detach', dir, commit]);
  }
  for (const shared of ['node_modules', path.join('dev', '.data')]) {
    const link = path.join(dir, shared);
    if (!fs.existsSync(link)) fs.symlinkSync(path.join(REPO_ROOT, shared), link);
  }
  if (
    spawnSync('git', ['diff', '--quiet', commit, '--', 'package-lock.json'], { cwd: REPO_ROOT })
      .status !== 0
  ) {
    console.warn(
      `${name}: its package-lock.json differs from this checkout's, whose node_modules it uses`,
    );
  }
  return { name, commit, dir };
}

/** The median of the runs that saw it, to the millisecond; null when none did. */
function medianSeen(xs: (number | null)[]): number | null {
  const seen = xs.filter((x): x is number => x !== null);
  return seen.length === 0 ? null : Math.round(median(seen));
}

function measure(
  variant: Variant,
  round: number,
  opts: { runs: number; paths: string; latencyMs: number | null },
  logFile: string,
): RunFigures {
  const saveTo = path.join(os.tmpdir(), `drim-launch-ab-${process.pid}.json`);
  fs.rmSync(saveTo, { force: true });
  const loadAtStart = os.loadavg()[0]!;
  const res = spawnSync(
    'node',
    [
      '--import',
      'tsx',
      'dev/stack.ts',
      'run',
      '--profile',
      'bench',
      '--',
      'node',
      '--import',
      'tsx',
      path.join(REPO_ROOT, 'bench', 'launch.ts'),
      '--paths',
      opts.paths,
      '--runs',
      String(opts.runs),
      '--without-ohif',
      '--save-to',
      saveTo,
      ...(opts.latencyMs !== null ? ['--latency-ms', String(opts.latencyMs)] : []),
    ],
    { cwd: variant.dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  fs.appendFileSync(logFile, `\n=== ${variant.name}, round ${round}\n${res.stdout}${res.stderr}`);
  const loadAtEnd = os.loadavg()[0]!;
  if (res.status !== 0 || !fs.existsSync(saveTo)) {
    throw new Error(
      `${variant.name}, round ${round}: the bench failed (exit ${res.status}); see ${path.relative(REPO_ROOT, logFile)}`,
    );
  }
  const result = JSON.parse(fs.readFileSync(saveTo, 'utf8')) as LaunchBenchResult;
  fs.rmSync(saveTo, { force: true });
  const paths: RunFigures['paths'] = {};
  for (const [name, p] of Object.entries(result.paths)) {
    paths[name] = {
      pixels: {
        cold: p.ours.cold.runs.map((r) => r.firstPixelsMs),
        warm: p.ours.warm.runs.map((r) => r.firstPixelsMs),
      },
      canvas: {
        cold: p.ours.cold.runs.map((r) => r.canvasDrawnMs),
        warm: p.ours.warm.runs.map((r) => r.canvasDrawnMs),
      },
    };
  }
  return { variant: variant.name, round, loadAtStart, loadAtEnd, paths };
}

function main(): void {
  const args = process.argv.slice(2);
  const rounds = positiveInt(argValue(args, '--rounds'), 3, '--rounds');
  const runs = positiveInt(argValue(args, '--runs'), 3, '--runs');
  const latency = argValue(args, '--latency-ms');
  const latencyMs = latency === undefined ? null : Number(latency);
  if (latencyMs !== null && !(Number.isFinite(latencyMs) && latencyMs >= 0 && latencyMs <= 2000)) {
    throw new Error('--latency-ms: from 0 to 2000');
  }
  const paths = argValue(args, '--paths') ?? 'iid-study';
  const valued = new Set(['--rounds', '--runs', '--latency-ms', '--paths']);
  const names = args.filter((a, i) => !a.startsWith('--') && !valued.has(args[i - 1] ?? ''));
  if (names.length < 2)
    throw new Error('give at least two variants: commits, or `.` for this checkout as it is');

  const variants = names.map(prepareVariant);
  const logFile = path.join(REPO_ROOT, 'bench', 'results', 'launch-ab.log');
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  fs.writeFileSync(logFile, '');
  console.log(
    `${rounds} rounds × ${variants.length} variants × ${runs} runs of ${paths}${latencyMs ? `, ${latencyMs} ms added per request` : ''}; the benches' output: ${path.relative(REPO_ROOT, logFile)}`,
  );
  const all: RunFigures[] = [];
  try {
    for (let round = 1; round <= rounds; round++) {
      // Every other round in reverse: the first of a round does not always meet a quieter machine.
      for (const variant of round % 2 ? variants : [...variants].reverse()) {
        const figures = measure(variant, round, { runs, paths, latencyMs }, logFile);
        all.push(figures);
        for (const [name, p] of Object.entries(figures.paths)) {
          console.log(
            `round ${round} ${variant.name} ${name} (load ${figures.loadAtStart.toFixed(2)}→${figures.loadAtEnd.toFixed(2)}): ` +
              `pixels cold ${p.pixels.cold.join('/')} warm ${p.pixels.warm.join('/')}; canvas cold ${p.canvas.cold.join('/')} warm ${p.canvas.warm.join('/')}`,
          );
        }
      }
    }
  } finally {
    for (const v of variants) {
      if (v.commit !== null)
        spawnSync('git', ['worktree', 'remove', '--force', v.dir], { cwd: REPO_ROOT });
    }
  }

  const summary = variants.map((v) => {
    const mine = all.filter((f) => f.variant === v.name);
    const byPath: Record<string, Record<string, number | null>> = {};
    for (const name of Object.keys(mine[0]?.paths ?? {})) {
      const pick = (k: 'pixels' | 'canvas', w: 'cold' | 'warm') =>
        medianSeen(mine.flatMap((f) => f.paths[name]?.[k][w] ?? []));
      byPath[name] = {
        pixelsCold: pick('pixels', 'cold'),
        pixelsWarm: pick('pixels', 'warm'),
        canvasCold: pick('canvas', 'cold'),
        canvasWarm: pick('canvas', 'warm'),
      };
    }
    return { variant: v.name, commit: v.commit, runs: mine.length * runs, medians: byPath };
  });
  console.log(`\nmedians of ${rounds * runs} runs each, ms from the click`);
  console.table(
    summary.flatMap((s) =>
      Object.entries(s.medians).map(([name, m]) => ({ variant: s.variant, path: name, ...m })),
    ),
  );
  const out = path.join(REPO_ROOT, 'bench', 'results', 'launch-ab.json');
  fs.writeFileSync(
    out,
    JSON.stringify(
      {
        when: new Date().toISOString(),
        machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? null },
        rounds,
        runs,
        latencyMs,
        runsByVariant: all,
        summary,
      },
      null,
      2,
    ),
  );
  console.log(`saved ${path.relative(REPO_ROOT, out)}`);
}

main();

// CPU spent loading the large CT (tag `large-ct`) into the image cache in the background,
// by thread of the page's renderer: its main thread, its decoding workers, the rest. Two
// ways in the same build: the whole-series request (framePrefetch.ts), and one request per
// frame (the same page with the series request refused, which is its fallback). CPU seconds
// hardly depend on what else the machine runs, unlike wall time: on a shared 2-core machine
// this says which thread limits the load, where bench/viewer.ts's times only say how busy
// the machine was. Linux only (/proc). Prints a table and saves
// bench/results/background-load-cpu.json; nothing is asserted.
//
//   node --import tsx dev/stack.ts run --profile bench -- node --import tsx bench/backgroundLoadCpu.ts
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { readManifest, readStackInfo } from '../dev/stack/stackInfo';
import { loggedInPage } from './support/browserSession';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../dev/chromium';
import { REPO_ROOT } from '../dev/stack-layout';
import { studyKeyFor } from '../e2e/support/openStudyAs';

const USER = 'radiologue';
const stack = readStackInfo();
const study = readManifest(stack).studies.find((s) => s.tags.includes('large-ct'));
const series = study?.series[0];
if (!study || !series) throw new Error('no large-ct study in the manifest');
const TICK_S = 1 / 100; // USER_HZ on Linux

/** CPU seconds of every thread of these processes, keyed `pid/thread name`. */
function threadCpu(pids: number[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const pid of pids) {
    let tids: string[] = [];
    try {
      tids = fs.readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      try {
        const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const cpu = (Number(fields[11]) + Number(fields[12])) * TICK_S;
        out.set(`${pid}/${tid}/${name}`, cpu);
      } catch {
        // the thread ended meanwhile
      }
    }
  }
  return out;
}

function kindOf(key: string): string {
  const name = key.split('/')[2] ?? '';
  if (name === 'CrRendererMain' || name === 'chromium') return 'main';
  if (name.startsWith('DedicatedWorker')) return 'workers';
  return 'other';
}

async function rendererPids(browser: Browser): Promise<number[]> {
  const cdp = await browser.newBrowserCDPSession();
  const info = (await cdp.send('SystemInfo.getProcessInfo')) as {
    processInfo: { type: string; id: number }[];
  };
  await cdp.detach();
  return info.processInfo.filter((p) => p.type === 'renderer').map((p) => p.id);
}

interface Run {
  way: string;
  wallMs: number;
  cpuS: Record<string, number>;
}

async function measure(way: 'whole series' | 'per frame', key: string): Promise<Run> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS],
  });
  try {
    const page = await loggedInPage(browser, stack, USER, async (p) => {
      if (way === 'per frame') {
        await p.route(/\/dicomweb\/[^/]+\/studies\/[0-9.]+\/series\/[0-9.]+$/, (r) => r.abort());
      }
    });
    await page.goto(`/study/${key}`);
    await page.waitForSelector('[data-testid="viewport-0"][data-render-state="rendered"]', {
      timeout: 180_000,
    });
    const pids = await rendererPids(browser);
    const before = threadCpu(pids);
    const t0 = Date.now();
    await page.waitForSelector(
      `[data-testid="series-progress-${series!.seriesInstanceUID}"][data-complete="true"]`,
      { timeout: 600_000, state: 'attached' },
    );
    const wallMs = Date.now() - t0;
    const after = threadCpu(pids);
    const cpuS: Record<string, number> = { main: 0, workers: 0, other: 0 };
    for (const [k, v] of after) {
      const kind = kindOf(k);
      cpuS[kind] = (cpuS[kind] ?? 0) + (v - (before.get(k) ?? 0));
    }
    return { way, wallMs, cpuS };
  } finally {
    await browser.close();
  }
}

const key = await studyKeyFor(USER, study.studyInstanceUID, study.sourceIds);
const runs: Run[] = [];
for (const way of ['whole series', 'per frame', 'whole series', 'per frame'] as const) {
  const run = await measure(way, key);
  console.log(`${way}: ${run.wallMs} ms wall, CPU s ${JSON.stringify(run.cpuS)}`);
  runs.push(run);
}
const frames = series.numberOfInstances;
const table = runs.map((r) => ({
  way: r.way,
  'wall (ms)': r.wallMs,
  'main CPU ms/frame': ((1000 * (r.cpuS['main'] ?? 0)) / frames).toFixed(1),
  'workers CPU ms/frame': ((1000 * (r.cpuS['workers'] ?? 0)) / frames).toFixed(1),
  'other renderer CPU ms/frame': ((1000 * (r.cpuS['other'] ?? 0)) / frames).toFixed(1),
}));
console.table(table);
console.log(`load average (1 min): ${os.loadavg()[0]?.toFixed(1)}`);
const out = path.join(REPO_ROOT, 'bench', 'results', 'background-load-cpu.json');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify({ frames, runs, loadAverage: os.loadavg() }, null, 2));
console.log(`saved ${path.relative(REPO_ROOT, out)}`);

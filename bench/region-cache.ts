// What the region's shared cache gives the second doctor who opens a study: the 320-slice
// CT opened in a cold browser by a first user (cache emptied first: every answer comes from
// the source) and then by a second user (the cache is warm), interleaved run by run. For
// each: the first image and the whole series in page time from navigation, the series' own
// loading (from its first frame request to its last image: the app's start before it is the
// same for both users), and what
// reached the sources — bytes by kind from the cache's log, frame requests from the
// sources' own logs. Two ways to reach the site, interleaved: the source as fast as this
// machine allows (loopback), and behind a site link of --site-mbps (default 100 Mbit/s, a
// DRIMbox across the region's network; the stack's delaying proxy paces its answers).
//   npm run bench:region [-- --runs N] [--site-mbps M]
//   (= node --import tsx dev/stack.ts run --profile region --cache-max-mb 2048 -- node --import tsx bench/region-cache.ts)
import fs from 'node:fs';
import os from 'node:os';
import { chromium, type Browser, type Page, type Route } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../dev/chromium';
import type { ManifestStudy } from '../dev/sample-data/manifest';
import { SOURCE_REQUEST_MARK } from '../dev/stack/orthanc';
import { demoAccessToken, readManifest, readStackInfo } from '../dev/stack/stackInfo';
import { loggedInPage } from './support/browserSession';
import { median } from './support/stats';

const stack = readStackInfo();
if (stack.profile !== 'region' || !stack.cache) {
  throw new Error('run through `npm run bench:region` (the region profile, with its cache)');
}
const cache = stack.cache;
const argAfter = (flag: string, fallback: number): number => {
  const at = process.argv.indexOf(flag);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const RUNS = argAfter('--runs', 5);
const SITE_MBPS = argAfter('--site-mbps', 100);
const LINKS = [
  { name: 'loopback', kbps: 0 },
  { name: `site link ${SITE_MBPS} Mbit/s`, kbps: SITE_MBPS * 1000 },
] as const;
const ct: ManifestStudy | undefined = readManifest(stack).studies.find((s) =>
  s.tags.includes('large-ct'),
);
if (!ct) throw new Error('the manifest has no large-ct study');
const seriesUid = ct.series[0]!.seriesInstanceUID;
const FIRST_USER = 'radiologue';
const SECOND_USER = 'medecin';

async function studyKey(username: string): Promise<string> {
  const accessToken = await demoAccessToken(username, stack);
  const res = await fetch(`${stack.gatewayUrl}/api/keys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      kind: 'study',
      value: { studyInstanceUID: ct!.studyInstanceUID, sourceIds: ct!.sourceIds },
    }),
  });
  if (!res.ok) throw new Error(`POST /api/keys: ${res.status}`);
  return ((await res.json()) as { key: string }).key;
}

/**
 * In the page: when the first view rendered, when the series was whole, and when its first
 * frame was asked (a frame, or a whole series retrieve, under /dicomweb/; not the source's
 * rendering of one, `…/frames/1/rendered`, which is the preview).
 */
function recordMoments(uid: string): void {
  const w = window as unknown as {
    __drimViewerTestEnabled: boolean;
    __firstImageMs?: number;
    __wholeMs?: number;
    __firstFrameAskedMs?: number;
  };
  w.__drimViewerTestEnabled = true;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (!/\/dicomweb\/.*\/(frames\/[\d,%C]+|series\/[\d.]+)(\?|$)/.test(entry.name)) continue;
      w.__firstFrameAskedMs = Math.min(w.__firstFrameAskedMs ?? Infinity, entry.startTime);
    }
  }).observe({ type: 'resource', buffered: true });
  new MutationObserver(() => {
    const now = performance.now();
    if (
      w.__firstImageMs === undefined &&
      document.querySelector('[data-testid="viewport-0"][data-render-state="rendered"]')
    ) {
      w.__firstImageMs = now;
    }
    if (
      w.__wholeMs === undefined &&
      document.querySelector(`[data-testid="series-progress-${uid}"][data-complete="true"]`)
    ) {
      w.__wholeMs = now;
    }
  }).observe(document, { subtree: true, attributes: true, childList: true });
}

interface Opening {
  firstImageMs: number;
  wholeSeriesMs: number;
  /** From the series' first frame request to its last image: null if none was seen. */
  seriesLoadingMs: number | null;
  /** Bytes the sources sent through the cache, by the cache's verdict and route family. */
  sourceBytes: { retrieve: number; search: number };
  /** Frame and series requests in the sources' own logs. */
  sourceFrameRequests: number;
}

const logSizes = (): { cache: number; sources: number[] } => ({
  cache: fs.statSync(cache.accessLog).size,
  sources: stack.sources.map((s) => (s.requestLog ? fs.statSync(s.requestLog).size : 0)),
});

function readSince(file: string, from: number): string[] {
  return fs.readFileSync(file).subarray(from).toString('utf8').split('\n').filter(Boolean);
}

function sourceTraffic(from: {
  cache: number;
  sources: number[];
}): Omit<Opening, 'firstImageMs' | 'wholeSeriesMs' | 'seriesLoadingMs'> {
  const sourceBytes = { retrieve: 0, search: 0 };
  for (const line of readSince(cache.accessLog, from.cache)) {
    // time port cacheStatus status bytes seconds method family
    const [, , verdict, , bytes, , , family] = line.split(' ');
    if (verdict === 'HIT') continue;
    sourceBytes[family === 'search' ? 'search' : 'retrieve'] += Number(bytes) || 0;
  }
  let sourceFrameRequests = 0;
  stack.sources.forEach((s, i) => {
    if (!s.requestLog) return;
    for (const line of readSince(s.requestLog, from.sources[i] ?? 0)) {
      const at = line.indexOf(SOURCE_REQUEST_MARK);
      if (at === -1) continue;
      const uri = line.slice(at + SOURCE_REQUEST_MARK.length + 1);
      if (/\/frames\/|\/series\/[\d.]+$/.test(uri)) sourceFrameRequests++;
    }
  });
  return { sourceBytes, sourceFrameRequests };
}

async function open(browser: Browser, username: string, firstOfRegion: boolean): Promise<Opening> {
  const key = await studyKey(username);
  const page: Page = await loggedInPage(browser, stack, username, (p) =>
    p.addInitScript(recordMoments, seriesUid),
  );
  if (firstOfRegion) {
    // The gateways keep series metadata in memory: the region's first reader gets none of it.
    await page.route('**/dicomweb/**/metadata', (route: Route) =>
      route.continue({ headers: { ...route.request().headers(), 'cache-control': 'no-cache' } }),
    );
  }
  const from = logSizes();
  await page.goto(`/study/${key}`);
  await page.waitForFunction(
    () => (window as { __wholeMs?: number }).__wholeMs !== undefined,
    null,
    { timeout: 300_000 },
  );
  const { firstImageMs, wholeSeriesMs, firstFrameAskedMs } = await page.evaluate(() => {
    const w = window as unknown as {
      __firstImageMs: number;
      __wholeMs: number;
      __firstFrameAskedMs?: number;
    };
    return {
      firstImageMs: w.__firstImageMs,
      wholeSeriesMs: w.__wholeMs,
      firstFrameAskedMs: w.__firstFrameAskedMs ?? null,
    };
  });
  await page.context().close();
  const seriesLoadingMs = firstFrameAskedMs === null ? null : wholeSeriesMs - firstFrameAskedMs;
  return { firstImageMs, wholeSeriesMs, seriesLoadingMs, ...sourceTraffic(from) };
}

const ms = (x: number | null): string => (x === null ? '—' : `${x.toFixed(0)} ms`);

async function main(): Promise<void> {
  const loadAtStart = os.loadavg()[0]!;
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS],
  });
  const pairs: Record<string, { miss: Opening; hit: Opening }[]> = {};
  const control = async (p: string): Promise<void> => {
    const res = await fetch(`${stack.controlUrl}${p}`, { method: 'POST' });
    if (res.status !== 204) throw new Error(`control ${p}: ${res.status}`);
  };
  try {
    for (let run = 1; run <= RUNS; run++) {
      for (const link of LINKS) {
        for (const id of ct!.sourceIds) await control(`/sources/${id}/bandwidth/${link.kbps}`);
        await control('/cache/clear');
        const miss = await open(browser, FIRST_USER, true);
        const hit = await open(browser, SECOND_USER, false);
        (pairs[link.name] ??= []).push({ miss, hit });
        console.log(
          `run ${run}, ${link.name}: first user ${miss.firstImageMs.toFixed(0)} / ${miss.wholeSeriesMs.toFixed(0)} ms ` +
            `(series ${ms(miss.seriesLoadingMs)}), ` +
            `${(miss.sourceBytes.retrieve / 1e6).toFixed(1)} MB from the sources; second user ` +
            `${hit.firstImageMs.toFixed(0)} / ${hit.wholeSeriesMs.toFixed(0)} ms ` +
            `(series ${ms(hit.seriesLoadingMs)}), ` +
            `${hit.sourceBytes.retrieve} B retrieved and ${hit.sourceBytes.search} B searched at the sources, ` +
            `${hit.sourceFrameRequests} frame requests there (load ${os.loadavg()[0]!.toFixed(2)})`,
        );
      }
    }
  } finally {
    for (const id of ct!.sourceIds)
      await control(`/sources/${id}/bandwidth/0`).catch(() => undefined);
    await browser.close();
  }
  const byLink = Object.fromEntries(
    Object.entries(pairs).map(([name, list]) => {
      const summary = (pick: (o: Opening) => number) => ({
        miss: median(list.map((p) => pick(p.miss))),
        hit: median(list.map((p) => pick(p.hit))),
      });
      const whole = summary((o) => o.wholeSeriesMs);
      const loading = {
        miss: median(list.flatMap((p) => p.miss.seriesLoadingMs ?? [])),
        hit: median(list.flatMap((p) => p.hit.seriesLoadingMs ?? [])),
      };
      return [
        name,
        {
          firstImageMs: summary((o) => o.firstImageMs),
          wholeSeriesMs: whole,
          sourceRetrieveBytes: summary((o) => o.sourceBytes.retrieve),
          sourceSearchBytes: summary((o) => o.sourceBytes.search),
          sourceFrameRequests: summary((o) => o.sourceFrameRequests),
          /** Target: ≥ 2 (the second user's whole series at least twice as fast). */
          wholeSeriesSpeedup: whole.miss / whole.hit,
          seriesLoadingMs: loading,
          /** The same, on the series' own loading: what the cache can change. */
          seriesLoadingSpeedup: loading.hit > 0 ? loading.miss / loading.hit : null,
        },
      ];
    }),
  );
  const result = {
    when: new Date().toISOString(),
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}`,
    loadAverage: { start: loadAtStart, end: os.loadavg()[0] },
    gateways: stack.gateways?.length ?? 1,
    cacheMaxBytes: cache.maxBytes,
    runs: RUNS,
    medians: byLink,
    pairs,
  };
  console.log(JSON.stringify({ ...result, pairs: undefined }, null, 2));
  fs.mkdirSync('bench/results', { recursive: true });
  fs.writeFileSync('bench/results/region-cache.json', JSON.stringify(result, null, 2));
}

await main();

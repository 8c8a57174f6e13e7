// Compare mode's speed on the CT pair of the manifest (`ct-thorax-other-frame`: Marie DUBOIS'
// chest CT at drimbox-thionville, JPEG-LS, and her prior held by drimbox-reims, JPEG 2000),
// as a radiologist in Debian's Chromium against a running stack: the time from clicking
// « Comparer » to the prior's first image on screen —
// - shown: the prior's preview (its source's rendering) or its view, whichever came first;
// - interactive: the prior's Cornerstone view has drawn it (the tools work on it);
// cold (a fresh browser, the gateway's metadata cache bypassed), warm (the page reloaded:
// the browser's and the gateway's caches warm) and again in the same page (compare mode
// left with Back, then « Comparer » once more), median of several runs. Before each click
// the current study is read until its first series is whole in the cache, as a radiologist
// reads it before comparing: the prior then does not compete with the current's loading.
//
// What may be fetched before the click (decided in src/features/viewer/compare/
// useComparison.ts): the proposed prior's sealed key only. Neither its series list, nor its
// metadata, nor any pixel: the bench reports whether the 1 s target holds without them, and
// the requests the click made, so that decision can be revisited with figures.
// Prints a table and saves bench/results/compare.json. Targets are reported, never asserted.
//
//   npm run bench:compare
//   (= node --import tsx dev/stack.ts run --profile bench -- node --import tsx bench/compare.ts)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page, Route } from '@playwright/test';
import { loginWithPassword } from '../dev/idp/login-client';
import type { ManifestStudy } from '../dev/sample-data/manifest';
import { readManifest, readStackInfo } from '../dev/stack/stackInfo';
import { REPO_ROOT } from '../dev/stack-layout';
import { launchChromium, loggedInPage } from './support/browserSession';
import { median } from './support/stats';

const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 5);
const WARM_RUNS = Number(process.env.BENCH_WARM_RUNS ?? 5);
const USER = 'radiologue';
const TARGET_COLD_MS = 1000;

const stack = readStackInfo();
const manifest = readManifest(stack);
const pair = manifest.comparisons.find((c) => c.key === 'ct-thorax-other-frame');
if (!pair) throw new Error('no ct-thorax-other-frame comparison in the manifest');
const studyOf = (key: string): ManifestStudy => {
  const s = manifest.studies.find((x) => x.key === key);
  if (!s) throw new Error(`no study ${key}`);
  return s;
};
const current = studyOf(pair.currentStudy);
const prior = studyOf(pair.proposedPrior);
const patient = manifest.patients.find((p) => p.key === current.patientKey);
if (!patient?.ins) throw new Error('the CT pair’s patient has no INS');

/** The key a click in the patient's list seals: the study, its sources, its patient. */
async function studyKey(): Promise<string> {
  const { accessToken } = await loginWithPassword({
    idpUrl: stack.idpUrl,
    username: USER,
    password: 'demo',
    redirectUri: `${stack.gatewayUrl}/auth/callback`,
  });
  const res = await fetch(`${stack.gatewayUrl}/api/keys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      kind: 'study',
      value: {
        studyInstanceUID: current.studyInstanceUID,
        sourceIds: current.sourceIds,
        patient: { identifiers: [patient!.ins] },
      },
    }),
  });
  if (!res.ok) throw new Error(`POST /api/keys: ${res.status}`);
  return ((await res.json()) as { key: string }).key;
}

/**
 * Records in page time when « Comparer » is clicked, when the prior's preview is drawn and
 * when its view says it has rendered. Runs in the page: no named function inside, which tsx
 * would wrap in a helper the page does not have.
 */
function recordCompareMoments(): void {
  performance.setResourceTimingBufferSize(10_000);
  const w = window as unknown as {
    __drimViewerTestEnabled: boolean;
    __clickMs?: number;
    __priorShownMs?: number;
    __priorRenderedMs?: number;
  };
  w.__drimViewerTestEnabled = true;
  document.addEventListener(
    'click',
    (e) => {
      const target = e.target as Element | null;
      if (target?.closest?.('[data-testid="compare-toggle"]')) w.__clickMs = performance.now();
    },
    true,
  );
  new MutationObserver(() => {
    const now = performance.now();
    if (
      w.__priorShownMs === undefined &&
      document.querySelector(
        '[data-testid="prior1-viewport-0"] [data-testid="first-image-preview"][data-state="shown"]',
      )
    ) {
      w.__priorShownMs = now;
    }
    if (
      w.__priorRenderedMs === undefined &&
      document.querySelector('[data-testid="prior1-viewport-0"][data-render-state="rendered"]')
    ) {
      w.__priorRenderedMs = now;
    }
  }).observe(document, { subtree: true, attributes: true, childList: true });
}

/** The current study read: its first image drawn, its first series whole, a prior proposed. */
async function readCurrent(page: Page): Promise<void> {
  await page
    .locator('[data-testid="viewport-0"][data-render-state="rendered"]')
    .waitFor({ timeout: 120_000 });
  const series = current.series[0]?.seriesInstanceUID ?? '';
  await page
    .locator(`[data-testid="series-progress-${series}"][data-complete="true"]`)
    .waitFor({ timeout: 120_000 });
  await page.locator('[data-testid="compare-toggle"]:not([disabled])').waitFor({ timeout: 60_000 });
  await page.waitForLoadState('networkidle');
}

interface CompareTiming {
  shown: number;
  interactive: number;
  /** What the click asked for, in order: each request's path kind and when it ended. */
  requests: { what: string; endMs: number }[];
}

const KINDS: [string, RegExp][] = [
  ['key (seal)', /^\/api\/keys$/],
  ['key (open)', /^\/api\/keys\//],
  ['series list', /\/series$/],
  ['metadata', /\/series\/[^/]+\/metadata$/],
  ['preview', /\/frames\/\d+\/rendered$/],
  ['frame', /\/frames\/[\d,]+$/],
];

/** Clicks « Comparer » and waits for the prior's first image, in page time from the click. */
async function compareOnce(page: Page): Promise<CompareTiming> {
  await page.evaluate(() => {
    const w = window as { __clickMs?: number; __priorShownMs?: number; __priorRenderedMs?: number };
    w.__clickMs = undefined;
    w.__priorShownMs = undefined;
    w.__priorRenderedMs = undefined;
  });
  await page.getByTestId('compare-toggle').click();
  await page.waitForFunction(
    () => (window as { __priorRenderedMs?: number }).__priorRenderedMs !== undefined,
    null,
    { timeout: 120_000 },
  );
  const { click, shown, rendered, resources } = await page.evaluate(() => {
    const w = window as unknown as {
      __clickMs: number;
      __priorShownMs?: number;
      __priorRenderedMs: number;
    };
    return {
      click: w.__clickMs,
      shown: w.__priorShownMs ?? null,
      rendered: w.__priorRenderedMs,
      resources: (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
        .filter((r) => r.startTime >= w.__clickMs)
        .map((r) => [new URL(r.name).pathname, r.responseEnd] as const),
    };
  });
  const requests = resources.flatMap(([pathname, end]) => {
    const kind = KINDS.find(([, pattern]) => pattern.test(pathname));
    const ofPrior = pathname.includes(prior.studyInstanceUID) || pathname.startsWith('/api/');
    return kind && ofPrior ? [{ what: kind[0], endMs: Math.round(end - click) }] : [];
  });
  return {
    shown: Math.min(rendered, shown ?? Infinity) - click,
    interactive: rendered - click,
    requests,
  };
}

/** Leaves compare mode with Back, as a user would, and waits for the current view alone. */
async function leaveCompare(page: Page): Promise<void> {
  await page.goBack();
  await page.getByTestId('prior1-viewport-0').waitFor({ state: 'detached' });
  await page.waitForLoadState('networkidle');
}

function say(t: CompareTiming): string {
  return `shown ${t.shown.toFixed(0)} ms, interactive ${t.interactive.toFixed(0)} ms (${t.requests
    .map((r) => `${r.what} ${r.endMs}`)
    .join(', ')})`;
}

async function main(): Promise<void> {
  const key = await studyKey();
  const cold: CompareTiming[] = [];
  const warm: CompareTiming[] = [];
  const again: CompareTiming[] = [];
  console.log(
    `CT pair: ${current.key} (${current.sourceIds.join(', ')}) → ${prior.key} (${prior.sourceIds.join(', ')}), ` +
      `${prior.series[0]?.numberOfInstances ?? '?'} slices`,
  );
  for (let run = 0; run < COLD_RUNS; run++) {
    const browser = await launchChromium();
    const page = await loggedInPage(browser, stack, USER, (page) =>
      page.addInitScript(recordCompareMoments),
    );
    // Cold at the gateway too: its series metadata cache, filled by the previous run, is
    // bypassed the way a client asking for a fresh answer does (bench/viewer.ts's way).
    const fresh = async (route: Route) => {
      await route.continue({
        headers: { ...route.request().headers(), 'cache-control': 'no-cache' },
      });
    };
    await page.route('**/dicomweb/**/metadata', fresh);
    await page.goto(`/study/${key}`);
    await readCurrent(page);
    const t = await compareOnce(page);
    cold.push(t);
    console.log(`cold run ${run + 1}: ${say(t)}`);
    await page.unroute('**/dicomweb/**/metadata', fresh);
    if (run < WARM_RUNS) {
      // Warm: the same browser, the page reloaded (its memory gone, the caches warm).
      await page.goto(`/study/${key}`);
      await readCurrent(page);
      const w = await compareOnce(page);
      warm.push(w);
      console.log(`warm run ${run + 1}: ${say(w)}`);
      // Again in the same page: Back, then « Comparer » once more.
      await leaveCompare(page);
      const a = await compareOnce(page);
      again.push(a);
      console.log(`again run ${run + 1}: ${say(a)}`);
    }
    await browser.close();
  }

  const summary = (runs: CompareTiming[]) => ({
    shownMedian: median(runs.map((r) => r.shown)),
    interactiveMedian: median(runs.map((r) => r.interactive)),
    shownRuns: runs.map((r) => Math.round(r.shown)),
    interactiveRuns: runs.map((r) => Math.round(r.interactive)),
  });
  const result = {
    when: new Date().toISOString(),
    machine: { cpus: os.cpus().length, load1: os.loadavg()[0], node: process.version },
    pair: {
      current: { key: current.key, sources: current.sourceIds },
      prior: { key: prior.key, sources: prior.sourceIds },
      priorSlices: prior.series[0]?.numberOfInstances ?? null,
    },
    fetchedBeforeClick: 'the proposed prior’s sealed key only (no series list, metadata or pixels)',
    clickToPriorFirstImageMs: {
      cold: summary(cold),
      warm: summary(warm),
      againInSamePage: summary(again),
    },
    coldRequests: cold.map((r) => r.requests),
    targets: { coldMs: TARGET_COLD_MS },
  };
  console.table({
    'click → prior shown, cold (median ms)':
      result.clickToPriorFirstImageMs.cold.shownMedian.toFixed(0),
    'click → prior interactive, cold (median ms)':
      result.clickToPriorFirstImageMs.cold.interactiveMedian.toFixed(0),
    'click → prior shown / interactive, warm reload (median ms)': `${result.clickToPriorFirstImageMs.warm.shownMedian.toFixed(0)} / ${result.clickToPriorFirstImageMs.warm.interactiveMedian.toFixed(0)}`,
    'click → prior shown / interactive, again in the page (median ms)': `${result.clickToPriorFirstImageMs.againInSamePage.shownMedian.toFixed(0)} / ${result.clickToPriorFirstImageMs.againInSamePage.interactiveMedian.toFixed(0)}`,
    'target, cold (ms)': TARGET_COLD_MS,
    'load average (1 min)': os.loadavg()[0]?.toFixed(1),
  });
  const out = path.join(REPO_ROOT, 'bench', 'results', 'compare.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(result, null, 2));
  console.log(`saved ${path.relative(REPO_ROOT, out)}`);
}

await main();

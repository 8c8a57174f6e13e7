// The PET/CT fusion view's speed on the manifest's PET/CT (tag `pet-ct`: a CT and a PET of one
// frame of reference), as a radiologist in Debian's Chromium against a running stack: the
// time from navigation to the study's page until the fused view is drawn — both volumes
// loaded, the fused pane rendered with its PET layer (FusionView's `data-render-state`
// « rendered », which lib/cornerstone/fusionViewports.ts sets only then) — opened by the
// hanging protocol, with no click. Cold: a fresh browser each run with only the IdP session
// (logged in through the demo IdP's page), the gateway's metadata cache bypassed as
// bench/viewer.ts does; median of several runs. Also where the time goes: the first stack
// view drawn, the fusion view mounted (both series read, the protocol chose it).
// Prints a table and saves bench/results/fusion.json. Figures are reported, never asserted.
//
//   npm run bench:fusion
//   (= node --import tsx dev/stack.ts run --profile bench -- node --import tsx bench/fusion.ts)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page, Route } from '@playwright/test';
import type { ManifestStudy } from '../dev/sample-data/manifest';
import { readManifest, readStackInfo } from '../dev/stack/stackInfo';
import { REPO_ROOT } from '../dev/stack-layout';
import { launchChromium, loggedInPage, studyKeyOf } from './support/browserSession';
import { median } from './support/stats';

const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 5);
const USER = 'radiologue';

const stack = readStackInfo();
const manifest = readManifest(stack);
const found = manifest.studies.find((s) => s.tags.includes('pet-ct'));
if (!found) throw new Error('no pet-ct study in the manifest');
const study: ManifestStudy = found;
const pet = study.series.find((s) => s.modality === 'PT' && s.pet);
const ct = study.series.find((s) => s.seriesInstanceUID === pet?.pet?.ctSeriesInstanceUID);
if (!pet || !ct) throw new Error('the pet-ct study has no PET with its CT');

/**
 * Records in page time (from the navigation's start) when the first stack view says it has
 * rendered, when the fusion view is mounted and when it is drawn. Runs in the page: no named
 * function inside, which tsx would wrap in a helper the page does not have.
 */
function recordFusionMoments(): void {
  const w = window as unknown as {
    __drimViewerTestEnabled: boolean;
    __firstImageMs?: number;
    __fusionMountedMs?: number;
    __fusionDrawnMs?: number;
  };
  w.__drimViewerTestEnabled = true;
  new MutationObserver(() => {
    const now = performance.now();
    if (
      w.__firstImageMs === undefined &&
      document.querySelector('[data-testid="viewport-0"][data-render-state="rendered"]')
    ) {
      w.__firstImageMs = now;
    }
    if (w.__fusionMountedMs === undefined && document.querySelector('[data-testid="fusion"]')) {
      w.__fusionMountedMs = now;
    }
    if (
      w.__fusionDrawnMs === undefined &&
      document.querySelector('[data-testid="fusion"][data-render-state="rendered"]')
    ) {
      w.__fusionDrawnMs = now;
    }
  }).observe(document, { subtree: true, attributes: true, childList: true });
}

interface FusionTiming {
  /** Navigation → fused view drawn with its PET layer. */
  drawn: number;
  /** Navigation → the fusion view mounted (both series read, the protocol chose it). */
  mounted: number;
  /** Navigation → the first stack view drawn, when one was before the fusion (else null). */
  firstImage: number | null;
}

async function openOnce(page: Page, key: string): Promise<FusionTiming> {
  await page.goto(`/study/${key}`);
  await page.waitForFunction(
    () => (window as { __fusionDrawnMs?: number }).__fusionDrawnMs !== undefined,
    null,
    { timeout: 180_000 },
  );
  const t = await page.evaluate(() => {
    const w = window as unknown as {
      __firstImageMs?: number;
      __fusionMountedMs: number;
      __fusionDrawnMs: number;
      __drimViewerTest?: { volumeIds: (id: string) => string[] };
    };
    return {
      drawn: w.__fusionDrawnMs,
      mounted: w.__fusionMountedMs,
      firstImage: w.__firstImageMs ?? null,
      layers: w.__drimViewerTest?.volumeIds('drim-fusion-fusion') ?? [],
    };
  });
  // The fused pane holds the CT and the PET over it: the figure is of the fused view.
  if (t.layers.length !== 2) throw new Error(`fused pane has ${t.layers.length} layers`);
  return { drawn: t.drawn, mounted: t.mounted, firstImage: t.firstImage };
}

const say = (t: FusionTiming) =>
  `fused view drawn ${t.drawn.toFixed(0)} ms (view mounted ${t.mounted.toFixed(0)} ms, ` +
  `first stack image ${t.firstImage === null ? '—' : `${t.firstImage.toFixed(0)} ms`})`;

async function main(): Promise<void> {
  const key = await studyKeyOf(stack, USER, {
    studyInstanceUID: study.studyInstanceUID,
    sourceIds: study.sourceIds,
  });
  console.log(
    `PET/CT: ${study.key} (${study.sourceIds.join(', ')}), CT ${ct!.numberOfInstances} slices ` +
      `${ct!.columns}², PET ${pet!.numberOfInstances} slices ${pet!.columns}²`,
  );
  const cold: FusionTiming[] = [];
  const loads: number[] = [];
  for (let run = 0; run < COLD_RUNS; run++) {
    const browser = await launchChromium();
    const page = await loggedInPage(browser, stack, USER, (page) =>
      page.addInitScript(recordFusionMoments),
    );
    // Cold at the gateway too: its series metadata cache bypassed (bench/viewer.ts's way).
    const fresh = async (route: Route) => {
      await route.continue({
        headers: { ...route.request().headers(), 'cache-control': 'no-cache' },
      });
    };
    await page.route('**/dicomweb/**/metadata', fresh);
    const t = await openOnce(page, key);
    cold.push(t);
    loads.push(os.loadavg()[0] ?? 0);
    console.log(`cold run ${run + 1}: ${say(t)}, load ${os.loadavg()[0]?.toFixed(1)}`);
    await browser.close();
  }
  const result = {
    when: new Date().toISOString(),
    machine: { cpus: os.cpus().length, load1: os.loadavg()[0], node: process.version },
    loadAverageDuringRuns: loads.map((l) => Number(l.toFixed(2))),
    study: {
      key: study.key,
      sources: study.sourceIds,
      ct: { slices: ct!.numberOfInstances, size: ct!.columns },
      pet: { slices: pet!.numberOfInstances, size: pet!.columns },
    },
    navigationToFusedViewMs: {
      cold: {
        drawnMedian: median(cold.map((r) => r.drawn)),
        mountedMedian: median(cold.map((r) => r.mounted)),
        drawnRuns: cold.map((r) => Math.round(r.drawn)),
        mountedRuns: cold.map((r) => Math.round(r.mounted)),
        firstStackImageRuns: cold.map((r) =>
          r.firstImage === null ? null : Math.round(r.firstImage),
        ),
      },
    },
  };
  console.table({
    'navigation → fused view drawn, cold (median ms)':
      result.navigationToFusedViewMs.cold.drawnMedian.toFixed(0),
    'navigation → fusion view mounted, cold (median ms)':
      result.navigationToFusedViewMs.cold.mountedMedian.toFixed(0),
    runs: COLD_RUNS,
    'load average (1 min)': os.loadavg()[0]?.toFixed(1),
  });
  const out = path.join(REPO_ROOT, 'bench', 'results', 'fusion.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(result, null, 2));
  console.log(`saved ${path.relative(REPO_ROOT, out)}`);
}

await main();

// What a GP waits for: from the click in the patient-record software (DPI) to the image,
// in Debian's Chromium against a running stack, beside the prebuilt OHIF viewer opening the
// same study from the same Orthanc — one clock for both (launch/pixelClock.ts: screenshots
// judged by their pixels, from outside the page).
// - Our launch paths: the IHE IID STUDY link (as `medecin`), the DRIMbox contextual POST
//   (as `medecin`), the patient's own link (as the patient user whose study it is).
// - Cold: a fresh browser whose context holds only the IdP's session cookies (no app code
//   cached, no token: the app signs in silently against the IdP session). Warm: the same
//   link again in a new tab of that context, once the cold tab's network has been quiet
//   for 500 ms (its series loaded) and the tab closed (code cached, IdP session kept).
// - OHIF 3.13.2's dist/ on a loopback port (ohif/server.ts), /viewer?StudyInstanceUIDs=…,
//   cold (fresh browser) and warm (new tab); it needs no login here.
// - Interleaved: every run measures each path and OHIF one after the other, the order
//   reversed every other run, so both sides share the same minutes.
// Prints medians, ratios ours/OHIF and our per-phase timeline; saves bench/results/launch.json
// (and, of the first run, the screenshots the clock decided on, under launch-frames/).
// Targets are printed beside, never asserted.
//
//   node --import tsx dev/stack.ts run --profile bench -- node --import tsx bench/launch.ts \
//     [--without-ohif] [--runs N] [--paths iid-study,contextual-post,patient-link]
//     [--latency-ms N] [--save-to FILE]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../dev/chromium';
import { DEMO_USERS } from '../dev/demo-identities';
import type { Manifest, ManifestStudy } from '../dev/sample-data/manifest';
import { REPO_ROOT } from '../dev/stack-layout';
import type { StackInfo } from '../dev/stack/launch';
import { readManifest, readStackInfo } from '../dev/stack/stackInfo';
import { DEFAULT_RULE } from './launch/nonBlank';
import { startDpiPages, type DpiPages, type LaunchPath, type LaunchPathName } from './launch/paths';
import {
  MIN_CHANGED_SHARE,
  MIN_SIDE,
  SHOT_SCALE,
  watchPixels,
  type CanvasRule,
  type PixelClockResult,
} from './launch/pixelClock';
import { readTimeline, RECORD_DOM_MOMENTS, type Phases } from './launch/timeline';
import { ohifBuild } from './ohif/fetchOhif';
import { startOhifServer, type OhifServer } from './ohif/server';

export interface LaunchBenchOptions {
  /** Interleaved runs (each: every path and OHIF, cold then warm). Default BENCH_LAUNCH_RUNS or 7. */
  runs?: number;
  /** OHIF measured beside (default true). */
  withOhif?: boolean;
  paths?: LaunchPathName[];
  log?: (m: string) => void;
  /** Where the JSON goes (default bench/results/launch.json); null: not saved. */
  saveTo?: string | null;
  /**
   * Round-trip time added to every request of both viewers (Chromium's network emulation),
   * as between a GP's office and the region's gateway; 0 (default): loopback as it is.
   */
  latencyMs?: number;
}

/** One opening, on the pixel clock: ms since t0. */
export interface Measure {
  firstPixelsMs: number | null;
  canvasDrawnMs: number | null;
  /** The screenshot before, which did not show it yet: the moment lies in between. */
  firstPixelsAfterMs: number | null;
  canvasDrawnAfterMs: number | null;
  /** Which rule of the pixel clock judged the canvas (pixelClock.ts judgedCanvas). */
  canvasRule: CanvasRule | null;
  shots: number;
  shotIntervalMs: number;
  /** Frame stamp to arrival here, median. */
  deliveryLagMs: number;
  problem: string | null;
  /** Ours only: the final document's marks and key requests, ms since t0. */
  phases?: Phases;
  /**
   * Ours only: the pixel clock's moment minus the page's own (preview shown or viewport
   * rendered, by its data-testids): how late the clock sees what the page drew.
   */
  firstPixelsAfterDomMs?: number;
  canvasDrawnAfterDomMs?: number;
}

export interface Side {
  firstPixelsMedianMs: number | null;
  canvasDrawnMedianMs: number | null;
  runs: Measure[];
  phasesMedian?: Phases;
}

export interface PathResult {
  user: string;
  study: string;
  ours: { cold: Side; warm: Side };
  ohif: { cold: Side; warm: Side } | null;
  ratios: {
    cold: { firstPixels: number | null; canvasDrawn: number | null };
    warm: { firstPixels: number | null; canvasDrawn: number | null };
  } | null;
}

const VIEWPORT = { width: 1400, height: 900 };
const PROFESSIONAL = 'medecin';
const OPEN_TIMEOUT_MS = 90_000;

const TARGETS = {
  firstPixelsColdVsOhif: 0.25,
  canvasDrawnColdVsOhif: 0.5,
  firstPixelsWarmMs: 500,
};

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function medianPhases(runs: Phases[]): Phases {
  const names = new Set(runs.flatMap((r) => Object.keys(r)));
  const out: [string, number][] = [];
  for (const name of names) {
    const m = median(runs.flatMap((r) => (r[name] === undefined ? [] : [r[name]])));
    if (m !== null) out.push([name, Math.round(m)]);
  }
  return Object.fromEntries(out.sort((a, b) => a[1] - b[1]));
}

function side(runs: Measure[], withPhases: boolean): Side {
  const present = (xs: (number | null)[]) => xs.filter((x): x is number => x !== null);
  return {
    firstPixelsMedianMs: median(present(runs.map((r) => r.firstPixelsMs))),
    canvasDrawnMedianMs: median(present(runs.map((r) => r.canvasDrawnMs))),
    runs,
    ...(withPhases
      ? { phasesMedian: medianPhases(runs.flatMap((r) => (r.phases ? [r.phases] : []))) }
      : {}),
  };
}

const ratio = (a: number | null, b: number | null) =>
  a === null || b === null || b === 0 ? null : a / b;

/** Only loopback: nothing of a run leaves the machine (no third-party request from either viewer). */
const LOOPBACK_ONLY = '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1';

function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, LOOPBACK_ONLY],
  });
}

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

/**
 * Signs `username` in at the IdP once, in a throw-away browser, and keeps only the IdP's
 * state: its origin's storage and the cookies of its host. (Cookies are per host, not per
 * port: the gateway shares `localhost` with the IdP, but sets no cookie of its own.)
 */
async function idpSession(stack: StackInfo, username: string): Promise<StorageState> {
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    await page.goto(stack.gatewayUrl);
    await page.getByTestId('login-button').click();
    await page.getByLabel('Identifiant').fill(username);
    await page.getByLabel('Mot de passe').fill('demo');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByTestId('user-name').waitFor();
    const state = await context.storageState();
    const idp = new URL(stack.idpUrl);
    return {
      cookies: state.cookies.filter((c) => c.domain.replace(/^\./, '') === idp.hostname),
      origins: state.origins.filter((o) => o.origin === idp.origin),
    };
  } finally {
    await browser.close();
  }
}

/** The patient user whose study the path opens: the large CT's patient if a demo user, else patient1's own CT. */
function patientPathStudy(
  manifest: Manifest,
  largeCt: ManifestStudy,
): { username: string; study: ManifestStudy; why: string } {
  const patients = DEMO_USERS.filter((u) => u.role === 'patient');
  const own = patients.find((u) => u.patientKey === largeCt.patientKey);
  if (own) return { username: own.username, study: largeCt, why: 'the large CT is theirs' };
  const user = patients[0];
  if (!user) throw new Error('no patient demo user');
  const studies = manifest.studies
    .filter((s) => s.patientKey === user.patientKey && s.modalities.includes('CT'))
    .sort(
      (a, b) =>
        (b.series[0]?.numberOfInstances ?? 0) * (b.series[0]?.rows ?? 0) -
        (a.series[0]?.numberOfInstances ?? 0) * (a.series[0]?.rows ?? 0),
    );
  const study = studies[0];
  if (!study) throw new Error(`${user.username} has no CT`);
  return {
    username: user.username,
    study,
    why: `the large CT (patient ${largeCt.patientKey}) belongs to no patient demo user: ${user.username}'s own largest CT instead`,
  };
}

const GAVE_UP: PixelClockResult = {
  firstPixels: null,
  canvasDrawn: null,
  shots: 0,
  medianIntervalMs: 0,
  maxIntervalMs: 0,
  deliveryLagMs: 0,
  problem: null,
};

function toMeasure(clock: PixelClockResult, phases?: Phases, problem?: string): Measure {
  const round = (x: number | undefined) => (x === undefined ? null : Math.round(x));
  const domShown =
    phases &&
    minOf(
      phases['dom:launch-preview-shown'],
      phases['dom:preview-shown'],
      phases['dom:viewport-rendered'],
    );
  const domRendered = phases?.['dom:viewport-rendered'];
  return {
    firstPixelsMs: round(clock.firstPixels?.ms),
    canvasDrawnMs: round(clock.canvasDrawn?.ms),
    firstPixelsAfterMs: round(clock.firstPixels?.afterMs),
    canvasDrawnAfterMs: round(clock.canvasDrawn?.afterMs),
    canvasRule: clock.canvasDrawn?.rule ?? null,
    shots: clock.shots,
    shotIntervalMs: Math.round(clock.medianIntervalMs),
    deliveryLagMs: Math.round(clock.deliveryLagMs),
    problem: problem ?? clock.problem,
    ...(phases ? { phases } : {}),
    // The clock checked against what the page said (its data-testids), ours only.
    ...(clock.firstPixels && domShown !== undefined
      ? { firstPixelsAfterDomMs: Math.round(clock.firstPixels.ms - domShown) }
      : {}),
    ...(clock.canvasDrawn && domRendered !== undefined
      ? { canvasDrawnAfterDomMs: Math.round(clock.canvasDrawn.ms - domRendered) }
      : {}),
  };
}

function minOf(...xs: (number | undefined)[]): number | undefined {
  const present = xs.filter((x): x is number => x !== undefined);
  return present.length ? Math.min(...present) : undefined;
}

function saveFrames(dir: string | null, label: string, clock: PixelClockResult): void {
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  const write = (name: string, png: Buffer | null | undefined) => {
    if (png && png.length > 0) fs.writeFileSync(path.join(dir, `${label}-${name}.png`), png);
  };
  write('first-pixels', clock.firstPixels?.png);
  write('before-first-pixels', clock.firstPixels?.previousPng);
  write('canvas-drawn', clock.canvasDrawn?.png);
  write('before-canvas-drawn', clock.canvasDrawn?.previousPng);
}

interface Item {
  label: string;
  /** Unmeasured: the page the click starts from. */
  prepare(page: Page): Promise<void>;
  /** Starts the navigation; returns t0 (performance.now()). */
  open(page: Page): Promise<number>;
  /** Ours: the IdP state the context starts from; OHIF: none. */
  state: StorageState | null;
  ours: boolean;
}

const QUIET_MS = 500;

/** Requests of the page still open; `quiet` waits until none has been for `forMs`. */
function inFlight(page: Page): { quiet(forMs: number, maxMs: number): Promise<void> } {
  let open = 0;
  let since = performance.now();
  const done = () => {
    open = Math.max(0, open - 1);
    if (open === 0) since = performance.now();
  };
  page.on('request', () => {
    open += 1;
  });
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  return {
    async quiet(forMs, maxMs) {
      const limit = performance.now() + maxMs;
      while (performance.now() < limit) {
        if (open === 0 && performance.now() - since >= forMs) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}

/**
 * Cold in a fresh browser; once the cold tab's network is quiet, it is closed and the same
 * link opened in a new tab of the same context: warm.
 */
async function measureItem(
  item: Item,
  stack: StackInfo,
  framesDir: string | null,
  latencyMs: number,
): Promise<{ cold: Measure; warm: Measure }> {
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({
      viewport: VIEWPORT,
      ...(item.state ? { storageState: item.state } : {}),
    });
    if (item.ours) await context.addInitScript(RECORD_DOM_MOMENTS);
    const once = async (tag: 'cold' | 'warm'): Promise<Measure> => {
      const page = await context.newPage();
      if (latencyMs > 0) {
        const cdp = await context.newCDPSession(page);
        await cdp.send('Network.enable');
        await cdp.send('Network.emulateNetworkConditions', {
          offline: false,
          latency: latencyMs,
          downloadThroughput: -1,
          uploadThroughput: -1,
        });
      }
      const network = inFlight(page);
      try {
        await item.prepare(page);
        const clock = await watchPixels(page, () => item.open(page), {
          timeoutMs: OPEN_TIMEOUT_MS,
        });
        const { t0 } = clock;
        saveFrames(framesDir, `${item.label}-${tag}`, clock);
        // The cold tab's viewer goes on loading the series: the warm tab opens once it
        // has (the servers would otherwise still be busy with it, for either viewer).
        if (tag === 'cold') await network.quiet(QUIET_MS, 30_000);
        let phases: Phases | undefined;
        if (item.ours && !clock.problem) {
          const timeline = await readTimeline(
            (script) =>
              Promise.race([
                page.evaluate(script),
                new Promise((_, reject) =>
                  setTimeout(() => reject(new Error('late')), 10_000).unref(),
                ),
              ]),
            performance.timeOrigin + t0,
            new URL(stack.idpUrl).origin,
          ).catch(() => null);
          phases = timeline?.phases;
        }
        return toMeasure(clock, phases);
      } finally {
        await page.close();
      }
    };
    // A browser that stops answering is given up at a hard limit, not waited for.
    const bounded = (tag: 'cold' | 'warm') =>
      Promise.race([
        once(tag),
        new Promise<Measure>((resolve) =>
          setTimeout(
            () => resolve(toMeasure(GAVE_UP, undefined, 'the browser stopped answering')),
            OPEN_TIMEOUT_MS + 30_000,
          ).unref(),
        ),
      ]);
    const cold = await bounded('cold');
    const warm = await bounded('warm');
    return { cold, warm };
  } finally {
    await browser.close();
  }
}

const fmt = (ms: number | null | undefined) =>
  ms === null || ms === undefined ? '—' : `${Math.round(ms)}`;
const fmtRatio = (r: number | null) => (r === null ? '—' : r.toFixed(2));

export async function runLaunchBench(options: LaunchBenchOptions = {}) {
  const log = options.log ?? ((m: string) => console.log(m));
  const runs = options.runs ?? Number(process.env.BENCH_LAUNCH_RUNS ?? 7);
  const latencyMs = options.latencyMs ?? 0;
  const withOhif = options.withOhif ?? true;
  const stack = readStackInfo();
  const manifest = readManifest(stack);
  const largeCt = manifest.studies.find((s) => s.tags.includes('large-ct'));
  if (!largeCt) throw new Error('no large-ct study in the manifest');
  const patientSide = patientPathStudy(manifest, largeCt);

  const allPaths: LaunchPath[] = [
    { name: 'iid-study', username: PROFESSIONAL, study: largeCt, clickId: 'iid-study' },
    { name: 'contextual-post', username: PROFESSIONAL, study: largeCt, clickId: 'contextual-post' },
    {
      name: 'patient-link',
      username: patientSide.username,
      study: patientSide.study,
      clickId: 'patient-link',
    },
  ];
  const paths = allPaths.filter((p) => !options.paths || options.paths.includes(p.name));
  const loadAtStart = os.loadavg();
  log(
    `load average at start: ${loadAtStart.map((x) => x.toFixed(2)).join(' ')} (${os.cpus().length} CPUs)`,
  );
  if (paths.some((p) => p.name === 'patient-link')) log(`patient's link: ${patientSide.why}`);
  if (latencyMs > 0) log(`every request of both viewers: ${latencyMs} ms of added round trip`);

  const states = new Map<string, StorageState>();
  for (const user of new Set(paths.map((p) => p.username))) {
    states.set(user, await idpSession(stack, user));
  }
  const dpi: DpiPages = await startDpiPages(stack.gatewayUrl, manifest, paths);

  // One OHIF server per source holding a study measured.
  const ohifServers = new Map<string, OhifServer>();
  let ohifVersion: string | null = null;
  const studies = [...new Map(paths.map((p) => [p.study.key, p.study])).values()];
  if (withOhif) {
    const build = ohifBuild(log);
    ohifVersion = build.version;
    for (const study of studies) {
      const sourceId = study.sourceIds[0];
      const source = stack.sources.find((s) => s.id === sourceId);
      if (!source) throw new Error(`source ${sourceId} is not in stack.json`);
      if (!ohifServers.has(source.id)) {
        ohifServers.set(
          source.id,
          await startOhifServer({ dist: build.dist, dicomWebRoot: source.dicomWebUrl }),
        );
      }
    }
    log(
      `OHIF ${build.version} served at ${[...ohifServers.values()].map((s) => s.url).join(', ')} (no login: it reads Orthanc directly)`,
    );
  }

  const framesDir = path.join(REPO_ROOT, 'bench', 'results', 'launch-frames');
  fs.rmSync(framesDir, { recursive: true, force: true });

  const items: Item[] = [];
  for (const study of studies) {
    const server = ohifServers.get(study.sourceIds[0] ?? '');
    if (!server) continue;
    items.push({
      label: `ohif:${study.key}`,
      ours: false,
      state: null,
      prepare: async () => undefined,
      open: async (page) => {
        const t0 = performance.now();
        void page
          .goto(`${server.url}/viewer?StudyInstanceUIDs=${study.studyInstanceUID}`, {
            waitUntil: 'commit',
          })
          .catch(() => undefined);
        return t0;
      },
    });
  }
  for (const p of paths) {
    items.push({
      label: p.name,
      ours: true,
      state: states.get(p.username) ?? null,
      prepare: async (page) => {
        await page.goto(dpi.urlOf(p.name));
      },
      open: async (page) => {
        const t0 = performance.now();
        await page.evaluate(`document.getElementById(${JSON.stringify(p.clickId)}).click()`);
        return t0;
      },
    });
  }
  // OHIF between our paths: on reversed runs it comes last rather than first.
  const ohifItems = items.filter((i) => !i.ours);
  const ourItems = items.filter((i) => i.ours);
  const order = [ohifItems[0], ...ourItems, ...ohifItems.slice(1)].filter(
    (i): i is Item => i !== undefined,
  );

  // Unmeasured: the servers' caches (gateway, Orthanc) filled alike for both sides, and
  // every path checked to open before minutes are spent on it.
  const broken = new Set<string>();
  for (const item of order) {
    const { cold } = await measureItem(item, stack, null, latencyMs);
    if (cold.problem) {
      broken.add(item.label);
      log(`warm-up: ${item.label} did not open (${cold.problem}): left out of the runs`);
    } else {
      log(
        `warm-up: ${item.label} first pixels ${fmt(cold.firstPixelsMs)} ms, canvas ${fmt(cold.canvasDrawnMs)} ms`,
      );
    }
  }

  const measured = new Map<string, { cold: Measure[]; warm: Measure[] }>();
  for (const item of order) measured.set(item.label, { cold: [], warm: [] });
  for (let run = 0; run < runs; run++) {
    const runOrder = run % 2 === 0 ? order : [...order].reverse();
    for (const item of runOrder) {
      if (broken.has(item.label)) continue;
      const m = await measureItem(item, stack, run === 0 ? framesDir : null, latencyMs);
      measured.get(item.label)!.cold.push(m.cold);
      measured.get(item.label)!.warm.push(m.warm);
      const say = (x: Measure) =>
        x.problem
          ? `failed (${x.problem})`
          : `first pixels ${fmt(x.firstPixelsMs)} ms, canvas ${fmt(x.canvasDrawnMs)} ms (${x.shots} frames; the frame before: ${fmt(x.firstPixelsAfterMs)} / ${fmt(x.canvasDrawnAfterMs)} ms)`;
      log(`run ${run + 1} ${item.label}: cold ${say(m.cold)}; warm ${say(m.warm)}`);
    }
    log(
      `  load average: ${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
    );
  }
  const loadAtEnd = os.loadavg();

  const sideOf = (label: string, ours: boolean) => {
    const m = measured.get(label);
    return m ? { cold: side(m.cold, ours), warm: side(m.warm, ours) } : null;
  };
  const pathResults: Record<string, PathResult> = {};
  for (const p of paths) {
    const ours = sideOf(p.name, true)!;
    const ohif = withOhif ? sideOf(`ohif:${p.study.key}`, false) : null;
    pathResults[p.name] = {
      user: p.username,
      study: p.study.key,
      ours,
      ohif,
      ratios: ohif && {
        cold: {
          firstPixels: ratio(ours.cold.firstPixelsMedianMs, ohif.cold.firstPixelsMedianMs),
          canvasDrawn: ratio(ours.cold.canvasDrawnMedianMs, ohif.cold.canvasDrawnMedianMs),
        },
        warm: {
          firstPixels: ratio(ours.warm.firstPixelsMedianMs, ohif.warm.firstPixelsMedianMs),
          canvasDrawn: ratio(ours.warm.canvasDrawnMedianMs, ohif.warm.canvasDrawnMedianMs),
        },
      },
    };
  }
  const intervals = [...measured.values()].flatMap((m) =>
    [...m.cold, ...m.warm].map((x) => x.shotIntervalMs),
  );
  const ourMeasures = paths.flatMap((p) => {
    const m = measured.get(p.name);
    return m ? [...m.cold, ...m.warm] : [];
  });
  const probe = await launchBrowser();
  const chromiumVersion = probe.version();
  await probe.close();
  const result = {
    when: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? '',
      loadAtStart,
      loadAtEnd,
      node: process.version,
    },
    chromium: { version: chromiumVersion, compositing: 'software', viewport: VIEWPORT },
    network: { addedRoundTripMs: latencyMs },
    ohif: withOhif
      ? {
          version: ohifVersion,
          login: 'none (reads Orthanc directly through a same-origin proxy)',
          headers: 'COOP same-origin, COEP require-corp',
        }
      : null,
    runs,
    clock: {
      method:
        'CDP screencast frames (compositor-stamped) from t0; largest visible canvas/img (≥ MIN_SIDE² CSS px) non-blank; Cornerstone canvas: largest canvas.cornerstone-canvas not covered by another candidate (in every layout read from before the previous frame, or in every read begun since the previous frame when the canvas region changed at this frame by ≥ minChangedShare)',
      minChangedShare: MIN_CHANGED_SHARE,
      shotScale: SHOT_SCALE,
      minSide: MIN_SIDE,
      rule: DEFAULT_RULE,
      shotIntervalMedianMs: median(intervals),
      deliveryLagMedianMs: median(
        [...measured.values()].flatMap((m) => [...m.cold, ...m.warm].map((x) => x.deliveryLagMs)),
      ),
      firstPixelsAfterDomMedianMs: median(
        ourMeasures.flatMap((m) =>
          m.firstPixelsAfterDomMs === undefined ? [] : [m.firstPixelsAfterDomMs],
        ),
      ),
      canvasDrawnAfterDomMedianMs: median(
        ourMeasures.flatMap((m) =>
          m.canvasDrawnAfterDomMs === undefined ? [] : [m.canvasDrawnAfterDomMs],
        ),
      ),
    },
    studies: {
      largeCt: largeCt.key,
      patientLink: {
        user: patientSide.username,
        study: patientSide.study.key,
        why: patientSide.why,
      },
    },
    paths: pathResults,
    targets: TARGETS,
    leftOut: [...broken],
  };

  // The table: each path cold and warm, ours, OHIF's and the ratio.
  const rows: Record<string, Record<string, string>> = {};
  for (const p of paths) {
    const r = pathResults[p.name]!;
    for (const when of ['cold', 'warm'] as const) {
      const ours = r.ours[when];
      const ohif = r.ohif?.[when];
      const ratios = r.ratios?.[when];
      const target =
        when === 'cold'
          ? `px ≤ ${TARGETS.firstPixelsColdVsOhif}×, canvas ≤ ${TARGETS.canvasDrawnColdVsOhif}×`
          : `px ≤ ${TARGETS.firstPixelsWarmMs} ms`;
      rows[`${p.name} ${when}`] = {
        'ours px': fmt(ours.firstPixelsMedianMs),
        'ours canvas': fmt(ours.canvasDrawnMedianMs),
        'OHIF px': fmt(ohif?.firstPixelsMedianMs),
        'OHIF canvas': fmt(ohif?.canvasDrawnMedianMs),
        'px ratio': fmtRatio(ratios?.firstPixels ?? null),
        'canvas ratio': fmtRatio(ratios?.canvasDrawn ?? null),
        target,
      };
    }
  }
  log(
    `\nmedians of ${runs} interleaved runs, ms from the click (px: first study pixels; canvas: Cornerstone canvas drawn)`,
  );
  console.table(rows);
  for (const p of paths) {
    for (const when of ['cold', 'warm'] as const) {
      const phases = pathResults[p.name]!.ours[when].phasesMedian ?? {};
      log(`${p.name} ${when}, our timeline (median ms since the click):`);
      log(
        `  ${Object.entries(phases)
          .map(([n, ms]) => `${n} ${ms}`)
          .join(' → ')}`,
      );
    }
  }
  log(
    `clock: screencast frames ${fmt(result.clock.shotIntervalMedianMs)} ms apart (median), delivered ${fmt(result.clock.deliveryLagMedianMs)} ms after their stamp, at ${SHOT_SCALE}× of ${VIEWPORT.width}×${VIEWPORT.height}; ` +
      `against the page's own moments (ours), first pixels seen ${fmt(result.clock.firstPixelsAfterDomMedianMs)} ms and the canvas ${fmt(result.clock.canvasDrawnAfterDomMedianMs)} ms after the page said it drew them (median)`,
  );
  log(
    `load average: start ${loadAtStart.map((x) => x.toFixed(2)).join(' ')}, end ${loadAtEnd.map((x) => x.toFixed(2)).join(' ')}; Chromium ${chromiumVersion}${withOhif ? `; OHIF ${ohifVersion}` : ''}`,
  );

  const saveTo =
    options.saveTo === undefined
      ? path.join(REPO_ROOT, 'bench', 'results', 'launch.json')
      : options.saveTo;
  if (saveTo) {
    fs.mkdirSync(path.dirname(saveTo), { recursive: true });
    fs.writeFileSync(saveTo, JSON.stringify(result, null, 2));
    log(
      `saved ${path.relative(REPO_ROOT, saveTo)} (screenshots of run 1: ${path.relative(REPO_ROOT, framesDir)}/)`,
    );
  }

  await dpi.close();
  for (const s of ohifServers.values()) await s.close();
  return result;
}

export type LaunchBenchResult = Awaited<ReturnType<typeof runLaunchBench>>;

function argValue(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at === -1 ? undefined : process.argv[at + 1];
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const runsArg = argValue('--runs');
  const pathsArg = argValue('--paths');
  const latencyArg = argValue('--latency-ms');
  const saveArg = argValue('--save-to');
  await runLaunchBench({
    ...(saveArg ? { saveTo: path.resolve(saveArg) } : {}),
    ...(latencyArg ? { latencyMs: Number(latencyArg) } : {}),
    ...(pathsArg ? { paths: pathsArg.split(',') as LaunchPathName[] } : {}),
    withOhif: !process.argv.includes('--without-ohif'),
    ...(runsArg ? { runs: Number(runsArg) } : {}),
  });
}

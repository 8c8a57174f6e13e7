// How fast a GP sees a patient's studies across the four sources when one of them is slow:
// time from the click on « Voir les examens de … » in the search results (what the GP meets:
// the click event's own timestamp, in page time) to the first row, to every fast source's
// rows, and to the slow source's rows, in Chromium against the real stack. A per-phase
// timeline says where the time goes: the opaque key sealed (POST /api/keys answered), the
// first source query sent and first answered (Resource Timing, read from outside the app),
// the list page shown, the first row. Prints a table and saves
// bench/results/federated-search.json. Targets (not asserted): first rows ≤ 300 ms, fast
// sources ≤ 500 ms, the slow one as soon as it answers.
//
//   node --import tsx dev/stack.ts run --profile bench -- node --import tsx bench/federated-search.ts
//   (or DRIM_STACK_FILE=dev/.data/<profile>/stack.json node --import tsx bench/federated-search.ts)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { readManifest, readStackInfo } from '../dev/stack/stackInfo';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../dev/chromium';
import { REPO_ROOT } from '../dev/stack-layout';
import { median } from './support/stats';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const SLOW_SOURCE = process.env.BENCH_SLOW_SOURCE ?? 'drimbox-reims';
const DELAY_MS = Number(process.env.BENCH_DELAY_MS ?? 2_000);
const PATIENT = 'dubois';

const stack = readStackInfo();
const manifest = readManifest(stack);

async function setSourceDelay(id: string, ms: number): Promise<void> {
  const res = await fetch(`${stack.controlUrl}/sources/${id}/delay/${ms}`, { method: 'POST' });
  if (res.status !== 204) throw new Error(`control API: ${res.status} ${await res.text()}`);
}

async function login(page: Page): Promise<void> {
  await page.goto(`${stack.gatewayUrl}/`);
  await page.getByTestId('login-button').click();
  await page.getByLabel('Identifiant').fill('medecin');
  await page.getByLabel('Mot de passe').fill('demo');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByTestId('user-name').waitFor();
}

/**
 * Records, in page time, the click (its event's timestamp: when the GP clicked, before any
 * handler ran), the list page shown, the first row and when each source leaves "loading".
 */
const OBSERVER_SCRIPT = `function (ids) {
  var marks = (window.__bench = {});
  document.addEventListener('click', function (e) {
    if (marks.click === undefined) marks.click = e.timeStamp;
  }, true);
  function check() {
    var now = performance.now();
    if (marks.listShown === undefined && document.querySelector('[data-testid="studies-count"]')) {
      marks.listShown = now;
    }
    if (marks.firstRow === undefined && document.querySelector('[data-testid="study-row"]')) {
      marks.firstRow = now;
    }
    ids.forEach(function (id) {
      var el = document.querySelector('[data-testid="studies-source-' + id + '"]');
      var state = el && el.getAttribute('data-state');
      if (marks[id] === undefined && state && state !== 'loading' && state !== 'idle') {
        marks[id] = now;
      }
    });
  }
  new MutationObserver(check).observe(document.body, {
    subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'],
  });
}`;

/**
 * The network side of the timeline, from Resource Timing (page time): the key's POST answered,
 * the first source query (QIDO studies/series) started and the first one answered.
 */
const NETWORK_SCRIPT = `(function (since) {
  var entries = performance.getEntriesByType('resource').filter(function (e) {
    return e.startTime >= since;
  });
  function pathOf(e) { return new URL(e.name).pathname; }
  var keys = entries.filter(function (e) { return pathOf(e) === '/api/keys'; });
  var qido = entries.filter(function (e) {
    return /^\\/dicomweb\\/[^/]+\\/(studies|series)$/.test(pathOf(e));
  });
  function min(xs) { return xs.length ? Math.min.apply(null, xs) : null; }
  return {
    keySealed: min(keys.map(function (e) { return e.responseEnd; })),
    firstQidoSent: min(qido.map(function (e) { return e.startTime; })),
    firstAnswer: min(qido.map(function (e) { return e.responseEnd; })),
  };
})`;

interface Run {
  /** From Playwright's click call (how this bench measured until issue 21). */
  firstRowFromCallMs: number;
  keySealedMs: number;
  firstQidoSentMs: number;
  firstAnswerMs: number;
  listShownMs: number;
  firstRowMs: number;
  fastSourcesMs: number;
  slowSourceMs: number;
  allRowsMs: number;
  rows: number;
}

/** One measured opening of the list, timed inside the page by a MutationObserver. */
async function measureOnce(page: Page, ins: string, sourceIds: string[]): Promise<Run> {
  // A fresh page load: no query cache, as for a GP opening a new patient.
  await page.goto(`${stack.gatewayUrl}/`);
  await page.getByLabel('INS (NIR à 15 chiffres, clé comprise)').fill(ins);
  await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
  const open = page.getByRole('button', { name: /^Voir les examens de / });
  await open.waitFor();

  // Sent as text: tsx would wrap named functions in a helper the page does not have.
  await page.evaluate(`(${OBSERVER_SCRIPT})(${JSON.stringify(sourceIds)})`);
  const t0 = await page.evaluate(() => performance.now());
  await open.click();
  await page.waitForFunction(
    `${JSON.stringify(sourceIds)}.every((id) => window.__bench[id] !== undefined)`,
    undefined,
    { timeout: 60_000 },
  );
  const marks = (await page.evaluate('window.__bench')) as Record<string, number>;
  const click = marks.click ?? NaN;
  const net = (await page.evaluate(`${NETWORK_SCRIPT}(${click})`)) as Record<string, number | null>;
  const rows = await page.getByTestId('study-row').count();
  // Every figure counts from the click event; the old figure (from the call) is kept beside.
  const at = (k: string) => (marks[k] ?? NaN) - click;
  const netAt = (k: string) => (net[k] ?? NaN) - click;
  const fast = sourceIds.filter((id) => id !== SLOW_SOURCE);
  return {
    firstRowFromCallMs: (marks.firstRow ?? NaN) - t0,
    keySealedMs: netAt('keySealed'),
    firstQidoSentMs: netAt('firstQidoSent'),
    firstAnswerMs: netAt('firstAnswer'),
    listShownMs: at('listShown'),
    firstRowMs: at('firstRow'),
    fastSourcesMs: Math.max(...fast.map(at)),
    slowSourceMs: at(SLOW_SOURCE),
    allRowsMs: Math.max(...sourceIds.map(at)),
    rows,
  };
}

async function main(): Promise<void> {
  // Figures on a shared machine mean little without its load: said at the start and the end.
  const loadAtStart = os.loadavg();
  const patient = manifest.patients.find((p) => p.key === PATIENT);
  if (!patient?.ins) throw new Error(`${PATIENT} has no INS in the manifest`);
  const sourceIds = stack.sources.map((s) => s.id);
  if (!sourceIds.includes(SLOW_SOURCE)) throw new Error(`unknown source ${SLOW_SOURCE}`);

  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS],
  });
  const runs: Run[] = [];
  try {
    // The app's CSP forbids eval; the bench's own probes are not the app's code.
    const page = await browser.newPage({ locale: 'fr-FR', bypassCSP: true });
    await login(page);
    await setSourceDelay(SLOW_SOURCE, DELAY_MS);
    await measureOnce(page, patient.ins.id, sourceIds); // warm-up: JIT, connections
    for (let i = 0; i < RUNS; i++) runs.push(await measureOnce(page, patient.ins.id, sourceIds));
  } finally {
    await setSourceDelay(SLOW_SOURCE, 0).catch(() => undefined);
    await browser.close();
  }

  const result = {
    what: 'federated study list: click on the search result → rows, 4 sources, one delayed',
    patient: PATIENT,
    slowSource: SLOW_SOURCE,
    delayMs: DELAY_MS,
    runs: RUNS,
    medianMs: {
      keySealed: Math.round(median(runs.map((r) => r.keySealedMs))),
      firstQidoSent: Math.round(median(runs.map((r) => r.firstQidoSentMs))),
      firstAnswer: Math.round(median(runs.map((r) => r.firstAnswerMs))),
      listShown: Math.round(median(runs.map((r) => r.listShownMs))),
      firstRow: Math.round(median(runs.map((r) => r.firstRowMs))),
      firstRowFromCall: Math.round(median(runs.map((r) => r.firstRowFromCallMs))),
      fastSources: Math.round(median(runs.map((r) => r.fastSourcesMs))),
      slowSource: Math.round(median(runs.map((r) => r.slowSourceMs))),
      allRows: Math.round(median(runs.map((r) => r.allRowsMs))),
    },
    targetsMs: { firstRow: 300, fastSources: 500, slowSource: `≈ ${DELAY_MS} + its own time` },
    rowsShown: runs[runs.length - 1]?.rows ?? 0,
    raw: runs.map((r) => ({
      keySealed: Math.round(r.keySealedMs),
      firstQidoSent: Math.round(r.firstQidoSentMs),
      firstAnswer: Math.round(r.firstAnswerMs),
      listShown: Math.round(r.listShownMs),
      firstRow: Math.round(r.firstRowMs),
      firstRowFromCall: Math.round(r.firstRowFromCallMs),
      fastSources: Math.round(r.fastSourcesMs),
      slowSource: Math.round(r.slowSourceMs),
      allRows: Math.round(r.allRowsMs),
    })),
    machine: {
      cpus: os.cpus().length,
      loadavgAtStart: loadAtStart.map((x) => Math.round(x * 100) / 100),
      loadavgAtEnd: os.loadavg().map((x) => Math.round(x * 100) / 100),
      node: process.version,
      date: new Date().toISOString(),
    },
  };

  console.table(result.medianMs);
  console.log(JSON.stringify(result.raw));
  const out = path.join(REPO_ROOT, 'bench', 'results', 'federated-search.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(result, null, 2));
  console.log(`saved ${path.relative(REPO_ROOT, out)}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});

// How fast a GP sees a patient's studies across the four sources when one of them is slow:
// time from opening the patient's list (the per-source searches are sent) to the first row,
// to every fast source's rows, and to the slow source's rows, in Chromium against the real
// stack. Prints a table and saves bench/results/federated-search.json. Targets (not
// asserted): first rows ≤ 300 ms, fast sources ≤ 500 ms, the slow one as soon as it answers.
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

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

async function login(page: Page): Promise<void> {
  await page.goto(`${stack.gatewayUrl}/`);
  await page.getByTestId('login-button').click();
  await page.getByLabel('Identifiant').fill('medecin');
  await page.getByLabel('Mot de passe').fill('demo');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByTestId('user-name').waitFor();
}

/** Records, in page time, the first row and when each source leaves "loading". */
const OBSERVER_SCRIPT = `function (ids) {
  var marks = (window.__bench = {});
  function check() {
    var now = performance.now();
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

interface Run {
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
  const rows = await page.getByTestId('study-row').count();
  const at = (k: string) => (marks[k] ?? NaN) - t0;
  const fast = sourceIds.filter((id) => id !== SLOW_SOURCE);
  return {
    firstRowMs: at('firstRow'),
    fastSourcesMs: Math.max(...fast.map(at)),
    slowSourceMs: at(SLOW_SOURCE),
    allRowsMs: Math.max(...sourceIds.map(at)),
    rows,
  };
}

async function main(): Promise<void> {
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
    what: 'federated study list: open the patient → rows, 4 sources, one delayed',
    patient: PATIENT,
    slowSource: SLOW_SOURCE,
    delayMs: DELAY_MS,
    runs: RUNS,
    medianMs: {
      firstRow: Math.round(median(runs.map((r) => r.firstRowMs))),
      fastSources: Math.round(median(runs.map((r) => r.fastSourcesMs))),
      slowSource: Math.round(median(runs.map((r) => r.slowSourceMs))),
      allRows: Math.round(median(runs.map((r) => r.allRowsMs))),
    },
    targetsMs: { firstRow: 300, fastSources: 500, slowSource: `≈ ${DELAY_MS} + its own time` },
    rowsShown: runs[runs.length - 1]?.rows ?? 0,
    raw: runs.map((r) => ({
      firstRow: Math.round(r.firstRowMs),
      fastSources: Math.round(r.fastSourcesMs),
      slowSource: Math.round(r.slowSourceMs),
      allRows: Math.round(r.allRowsMs),
    })),
    machine: { cpus: os.cpus().length, node: process.version, date: new Date().toISOString() },
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

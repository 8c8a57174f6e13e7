// Compare mode's tools (issue 17), on the manifest's cases: a length measured on today's CT
// and on its prior reads the change in mm and %, nothing copied from one to the other; zoom
// and rotation follow between compared views only while their toggle is on; a second prior
// makes a 1×3; the chest radiographs hang PA beside PA and lateral beside lateral, and a
// series dragged onto a prior's view is shown there.
import { expect, test, type Page } from '@playwright/test';
import type { ManifestStudy } from '../dev/sample-data/manifest';
import { readManifest, readStackInfo } from '../dev/stack/stackInfo';
import {
  comparisonOf,
  openAsRadiologist,
  openComparison,
  plane,
  priorRow,
} from './support/comparePage';
import { dragBetween, studyIn, viewerHook, type Point3 } from './support/viewerPage';

const stack = readStackInfo();
const manifest = readManifest(stack);
const ctCase = comparisonOf(manifest, 'ct-thorax-other-frame');
const chestCase = comparisonOf(manifest, 'chest-pa-lateral');
const ctCurrent = studyIn(manifest, ctCase.currentStudy);

test.describe.configure({ timeout: 180_000 });

interface Measurement {
  toolName: string;
  stats: Record<string, unknown>;
  points: Point3[];
  settled: boolean;
}

const measurements = (page: Page) => viewerHook<Measurement[]>(page, 'measurements');

async function pagePoint(page: Page, viewportId: string, world: Point3): Promise<number[]> {
  const [x = 0, y = 0] = await viewerHook<number[]>(page, 'worldToPage', viewportId, world);
  return [Math.round(x), Math.round(y)];
}

/** Draws a length along x at the view's current slice, from x0 to x1 (mm). */
async function drawLength(page: Page, viewportId: string, x0: number, x1: number) {
  const z = (await plane(page, viewportId)).imagePositionPatient?.[2] ?? 0;
  await dragBetween(
    page,
    await pagePoint(page, viewportId, [x0, 0, z]),
    await pagePoint(page, viewportId, [x1, 0, z]),
  );
}

const settledLengths = async (page: Page) =>
  (await measurements(page)).filter((m) => m.settled && typeof m.stats?.length === 'number');

const fr = (n: number, digits: number) =>
  n.toLocaleString('fr-FR', { minimumFractionDigits: digits, maximumFractionDigits: digits });

const presentation = (page: Page, viewportId: string) =>
  viewerHook<{ rotation: number | null; flipHorizontal: boolean }>(
    page,
    'presentation',
    viewportId,
  );
const zoomOf = async (page: Page, viewportId: string) =>
  (await viewerHook<{ zoom: number }>(page, 'state', viewportId)).zoom;

test('a length on today’s CT and one on the prior read the change in mm and %; none is copied', async ({
  page,
}) => {
  await openAsRadiologist(page, manifest, ctCurrent);
  await openComparison(page);
  await page.getByTestId('tool-length').click();

  await drawLength(page, 'drim-stack-0', -50, 50);
  await expect.poll(async () => (await settledLengths(page)).length).toBe(1);
  // Measured on today's images only: the prior's view has none, and the list says so.
  const list = page.getByTestId('measure-compare');
  const row = list.getByTestId('measure-compare-row');
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('measure-change')).toHaveText('—');
  expect(await page.getByTestId('prior1-viewport-0').locator('svg text').count()).toBe(0);

  await drawLength(page, 'drim-prior1-stack-0', -50, 30);
  await expect.poll(async () => (await settledLengths(page)).length).toBe(2);
  const [today, before] = await (async () => {
    const all = await settledLengths(page);
    // Told apart by where each was drawn: today's ends at x = 50 mm, the prior's at 30 mm.
    const byEnd = (x: number) =>
      all.find((m) => Math.abs((m.points[1]?.[0] ?? NaN) - x) < 2)?.stats.length as number;
    return [byEnd(50), byEnd(30)];
  })();
  expect(today).toBeGreaterThan(95);
  expect(before).toBeGreaterThan(75);
  const difference = today - before;
  const percent = Math.round((difference / before) * 100);
  await expect(row.getByTestId('measure-today')).toHaveText(`${fr(today, 1)} mm`);
  await expect(row.getByTestId('measure-change')).toHaveText(
    `+${fr(difference, 1)} mm (+${percent} %)`,
  );
  // Still one row: the prior's length was compared with today's, not added as today's.
  await expect(row).toHaveCount(1);
});

test('zoom and rotation follow between compared views while their toggle is on, not after', async ({
  page,
}) => {
  await openAsRadiologist(page, manifest, ctCurrent);
  await openComparison(page);
  await expect(page.getByTestId('sync-zoomPan')).toBeChecked();
  await expect(page.getByTestId('sync-presentation')).toBeChecked();

  await page.getByTestId('viewport-0-title').click();
  await page.keyboard.press('R');
  await expect.poll(async () => (await presentation(page, 'drim-stack-0')).rotation).toBe(90);
  await expect
    .poll(async () => (await presentation(page, 'drim-prior1-stack-0')).rotation)
    .toBe(90);

  const box = await page.getByTestId('viewport-0').boundingBox();
  if (!box) throw new Error('no current view');
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.getByTestId('tool-zoom').click();
  const zoomBefore = await zoomOf(page, 'drim-stack-0');
  await dragBetween(page, [cx, cy], [cx, cy - 120]);
  await expect.poll(() => zoomOf(page, 'drim-stack-0')).not.toBeCloseTo(zoomBefore, 2);
  const zoomed = await zoomOf(page, 'drim-stack-0');
  await expect.poll(() => zoomOf(page, 'drim-prior1-stack-0')).toBeCloseTo(zoomed, 2);

  // Off: the current turns and zooms alone.
  await page.getByTestId('sync-presentation').uncheck();
  await page.getByTestId('sync-zoomPan').uncheck();
  await page.getByTestId('viewport-0-title').click();
  await page.keyboard.press('R');
  await expect.poll(async () => (await presentation(page, 'drim-stack-0')).rotation).toBe(180);
  await dragBetween(page, [cx, cy], [cx, cy + 150]);
  await expect.poll(() => zoomOf(page, 'drim-stack-0')).not.toBeCloseTo(zoomed, 2);
  // A render of the current has happened since: the prior would have followed by now.
  await expect(page.getByTestId('viewport-0')).toHaveAttribute('data-render-state', 'rendered');
  expect((await presentation(page, 'drim-prior1-stack-0')).rotation).toBe(90);
  expect(await zoomOf(page, 'drim-prior1-stack-0')).toBeCloseTo(zoomed, 2);
});

test('a second prior makes a 1×3 that shows both priors', async ({ page }) => {
  const ctPrior = studyIn(manifest, ctCase.proposedPrior);
  const knee = studyIn(manifest, 'dubois-mr-knee-2025');
  const kneeSeries = knee.series[0];
  if (!kneeSeries) throw new Error('knee study without series');
  await openAsRadiologist(page, manifest, ctCurrent);
  await openComparison(page);
  await priorRow(page, knee).getByTestId('prior-add').click();

  // No protocol hangs a knee MR beside two chest CTs: side by side, the view being read with
  // each prior's series, the knee's own since it has nothing closer to the chest.
  const second = page.getByTestId('prior2-viewport-0');
  await expect(second).toHaveAttribute('data-render-state', 'rendered', { timeout: 60_000 });
  await expect(page.getByTestId('protocol-select')).toHaveValue('sideBySide');
  await expect(page.getByTestId('prior2-viewport-0-header')).toContainText('Antérieur 2');
  const kneeIds = await viewerHook<string[]>(page, 'imageIds', 'drim-prior2-stack-0');
  expect(kneeIds).toHaveLength(kneeSeries.numberOfInstances);
  expect(kneeIds[0]).toContain(kneeSeries.seriesInstanceUID);
  const ctIds = await viewerHook<string[]>(page, 'imageIds', 'drim-prior1-stack-0');
  expect(ctIds[0]).toContain(ctPrior.studyInstanceUID);

  const [a, b, c] = await Promise.all(
    ['viewport-0', 'prior1-viewport-0', 'prior2-viewport-0'].map((id) =>
      page.getByTestId(id).boundingBox(),
    ),
  );
  expect(a!.x).toBeLessThan(b!.x);
  expect(b!.x).toBeLessThan(c!.x);
  expect(Math.abs(a!.y - c!.y)).toBeLessThan(2);
});

test('chest radiographs hang PA beside PA and lateral beside lateral, and re-pair by dragging', async ({
  page,
}) => {
  const current = studyIn(manifest, chestCase.currentStudy);
  const prior = studyIn(manifest, chestCase.proposedPrior);
  const viewOf = (study: ManifestStudy, position: string) => {
    for (const series of study.series) {
      const view = series.views?.find((v) => v.viewPosition === position);
      if (view) return { series, view };
    }
    throw new Error(`no ${position} in ${study.key}`);
  };
  await openAsRadiologist(page, manifest, current);
  await openComparison(page);
  await expect(page.getByTestId('protocol-select')).toHaveValue('chestCompare');

  const places: [string, ManifestStudy, string, string][] = [
    ['viewport-0', current, 'PA', 'drim-stack-0'],
    ['viewport-1', current, 'LL', 'drim-stack-1'],
    ['prior1-viewport-0', prior, 'PA', 'drim-prior1-stack-0'],
    ['prior1-viewport-1', prior, 'LL', 'drim-prior1-stack-1'],
  ];
  for (const [testId, study, position, viewportId] of places) {
    const pane = page.getByTestId(testId);
    await expect(pane).toHaveAttribute('data-render-state', 'rendered', { timeout: 60_000 });
    const ids = await viewerHook<string[]>(page, 'imageIds', viewportId);
    expect(ids, `${testId} shows ${study.key}'s ${position}`).toHaveLength(1);
    expect(ids[0]).toContain(viewOf(study, position).view.sopInstanceUID);
  }
  // Each prior view sits under the current view it is compared with.
  for (const n of [0, 1]) {
    const top = await page.getByTestId(`viewport-${n}`).boundingBox();
    const below = await page.getByTestId(`prior1-viewport-${n}`).boundingBox();
    expect(Math.abs(top!.x - below!.x)).toBeLessThan(2);
    expect(top!.y).toBeLessThan(below!.y);
  }

  // The radiologist wants the prior's lateral under today's PA: dragged onto that view.
  const lateral = viewOf(prior, 'LL');
  await page
    .getByTestId(`prior1-series-${lateral.series.seriesInstanceUID}`)
    .dragTo(page.getByTestId('prior1-viewport-0'));
  await expect
    .poll(async () => (await viewerHook<string[]>(page, 'imageIds', 'drim-prior1-stack-0'))[0])
    .toContain(lateral.view.sopInstanceUID);
  await expect(page.getByTestId('prior1-viewport-0')).toHaveAttribute(
    'data-render-state',
    'rendered',
  );
});

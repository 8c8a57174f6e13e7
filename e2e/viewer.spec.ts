// The image viewer against the local stack, checked on pixel values and viewport state
// (read through the test hook the page installs only under test), never on screenshots.
import { expect, test, type Page } from '@playwright/test';
import type {
  CrossSectionTruth,
  ManifestStudy,
  MovingDiscTruth,
} from '../dev/sample-data/manifest';
import { readManifest, readStackInfo } from '../dev/stack/stackInfo';
import {
  dragBetween,
  openInViewer as openStudy,
  studyIn,
  viewerHook as hook,
  type Point3,
} from './support/viewerPage';

const stack = readStackInfo();
const manifest = readManifest(stack);

const study = (key: string): ManifestStudy => studyIn(manifest, key);

interface ViewState {
  imageIndex: number | null;
  imageCount: number | null;
  voi: { lower: number; upper: number } | null;
  zoom: number;
}

function phantomOf(s: ManifestStudy, index = 0): CrossSectionTruth {
  const phantom = s.series[index]?.phantom;
  if (phantom?.kind !== 'cross-section') throw new Error('cross-section phantom expected');
  return phantom;
}

/** Luminance and value helpers of one viewport. */
const lum = (page: Page, vp: string, p: Point3) => hook<number>(page, 'luminanceAt', vp, p);
const val = (page: Page, vp: string, p: Point3) => hook<number | null>(page, 'valueAtWorld', vp, p);

// Under a loaded 2-core machine SwiftShader rendering is slow: give each test room, and
// wait on conditions (render state, hook values), never on time.
test.describe.configure({ timeout: 180_000 });

test.describe('the image viewer', () => {
  test('opens a CT at its first slice with the phantom’s HU at known points, drawn as windowed', async ({
    page,
  }) => {
    const s = study('dubois-ct-thorax-2026');
    const phantom = phantomOf(s);
    await openStudy(page, s);
    const state = await hook<ViewState>(page, 'state', 'drim-stack-0');
    expect(state.imageIndex).toBe(0);
    expect(state.imageCount).toBe(s.series[0]?.numberOfInstances);
    const z = phantom.firstSliceZ;
    for (const shape of phantom.shapes) {
      if (shape.kind !== 'cylinder') continue;
      const [x, y] = shape.centerMm;
      const value = await val(page, 'drim-stack-0', [x, y, z]);
      expect(value, shape.label).not.toBeNull();
      expect(Math.abs((value ?? 0) - shape.value), shape.label).toBeLessThanOrEqual(
        phantom.noiseAmplitude,
      );
    }
    expect(await val(page, 'drim-stack-0', [0, -190, z])).toBe(phantom.background);

    // Mediastinum window (W 350 / L 50): bone white, soft tissue grey, air black, on screen.
    await page.getByTestId('preset-select').selectOption('mediastinum');
    await expect(page.getByTestId('overlay-window')).toContainText('350');
    const spine = await lum(page, 'drim-stack-0', [0, 80, z]);
    const tissue = await lum(page, 'drim-stack-0', [0, 0, z]);
    const air = await lum(page, 'drim-stack-0', [-70, -20, z]);
    expect(spine).toBeGreaterThan(235);
    expect(air).toBeLessThan(20);
    // 0 HU in [-125, 225] sits at 36 % of the grey scale.
    expect(tissue).toBeGreaterThan(0.36 * 255 - 30);
    expect(tissue).toBeLessThan(0.36 * 255 + 30);
    // Orientation letters of an axial slice: patient right on the viewer's left.
    await expect(page.getByTestId('marker-left')).toHaveText('R');
    await expect(page.getByTestId('marker-top')).toHaveText('A');
  });

  test('a window/level drag changes the viewport’s VOI and the overlay says so', async ({
    page,
  }) => {
    const s = study('dubois-ct-thorax-2026');
    await openStudy(page, s);
    const before = await hook<ViewState>(page, 'state', 'drim-stack-0');
    const text = await page.getByTestId('overlay-window').textContent();
    const box = await page.getByTestId('viewport-0').boundingBox();
    if (!box) throw new Error('viewport not laid out');
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    await dragBetween(page, [cx, cy], [cx + 120, cy + 60]);
    await expect
      .poll(async () => (await hook<ViewState>(page, 'state', 'drim-stack-0')).voi)
      .not.toEqual(before.voi);
    const after = await hook<ViewState>(page, 'state', 'drim-stack-0');
    const width = (v: ViewState) => (v.voi ? v.voi.upper - v.voi.lower : 0);
    expect(width(after)).not.toBeCloseTo(width(before), 0);
    await expect(page.getByTestId('overlay-window')).not.toHaveText(text ?? '');
  });

  test('a length drawn across the phantom body reads its diameter within 1 %', async ({ page }) => {
    const s = study('dubois-ct-thorax-2026');
    const phantom = phantomOf(s);
    const body = phantom.shapes.find((x) => x.label === 'body');
    if (body?.kind !== 'cylinder') throw new Error('body cylinder expected');
    await openStudy(page, s);
    const z = phantom.firstSliceZ;
    const [cx, cy] = body.centerMm;
    const left: Point3 = [cx - body.radiusMm, cy, z];
    const right: Point3 = [cx + body.radiusMm, cy, z];
    // The object really is that wide in the data: tissue just inside each edge, air outside.
    for (const [inside, outside] of [
      [left[0] + 2, left[0] - 2],
      [right[0] - 2, right[0] + 2],
    ] as const) {
      expect(
        Math.abs((await val(page, 'drim-stack-0', [inside, cy, z])) ?? 999),
      ).toBeLessThanOrEqual(phantom.noiseAmplitude);
      expect(await val(page, 'drim-stack-0', [outside, cy, z])).toBe(phantom.background);
    }
    await page.getByTestId('tool-length').click();
    const from = await hook<number[]>(page, 'worldToPage', 'drim-stack-0', left);
    const to = await hook<number[]>(page, 'worldToPage', 'drim-stack-0', right);
    await dragBetween(page, from, to);
    await expect
      .poll(async () => {
        const all = await hook<{ settled?: boolean }[]>(page, 'measurements');
        return all.length === 1 && all[0]?.settled === true;
      })
      .toBe(true);
    const [m] = await hook<{ toolName: string; stats: { length: number; unit: string } }[]>(
      page,
      'measurements',
    );
    const truth = 2 * body.radiusMm;
    expect(m?.toolName).toBe('Length');
    expect(m?.stats.unit).toBe('mm');
    expect(Math.abs((m?.stats.length ?? 0) - truth) / truth).toBeLessThan(0.01);
  });

  test('a rectangular ROI in the phantom’s fat insert reads its HU mean and area', async ({
    page,
  }) => {
    const s = study('dubois-ct-thorax-2026');
    const phantom = phantomOf(s);
    const fat = phantom.shapes.find((x) => x.label === 'fat');
    if (fat?.kind !== 'box') throw new Error('fat box expected');
    await openStudy(page, s);
    const z = phantom.firstSliceZ;
    // 10 mm inside each edge of the insert: a 40 × 20 mm rectangle.
    const a: Point3 = [fat.minMm[0] + 10, fat.minMm[1] + 10, z];
    const b: Point3 = [fat.maxMm[0] - 10, fat.maxMm[1] - 10, z];
    await page.getByTestId('tool-rectangle').click();
    await dragBetween(
      page,
      await hook<number[]>(page, 'worldToPage', 'drim-stack-0', a),
      await hook<number[]>(page, 'worldToPage', 'drim-stack-0', b),
    );
    await expect
      .poll(async () => {
        const [first] = await hook<{ settled?: boolean; stats?: { mean?: number } }[]>(
          page,
          'measurements',
        );
        return first?.settled === true && typeof first.stats?.mean === 'number';
      })
      .toBe(true);
    const [m] = await hook<
      {
        toolName: string;
        stats: { mean: number; stdDev: number; area: number; modalityUnit: string };
      }[]
    >(page, 'measurements');
    expect(m?.toolName).toBe('RectangleROI');
    expect(m?.stats.modalityUnit).toBe('HU');
    expect(Math.abs((m?.stats.mean ?? 0) - fat.value)).toBeLessThan(1.5);
    // Uniform noise in [-5, 5] has an SD of about 3.2.
    expect(m?.stats.stdDev).toBeGreaterThan(2);
    expect(m?.stats.stdDev).toBeLessThan(4.5);
    const area = (b[0] - a[0]) * (b[1] - a[1]);
    expect(Math.abs((m?.stats.area ?? 0) - area) / area).toBeLessThan(0.05);
  });

  test('scrolls with the keyboard and the slider, and lists the shortcuts', async ({ page }) => {
    const s = study('dubois-ct-thorax-2026');
    await openStudy(page, s);
    await page.keyboard.press('ArrowDown');
    await expect(page.getByTestId('viewport-0')).toHaveAttribute('data-image-index', '1');
    await page.keyboard.press('End');
    const last = String((s.series[0]?.numberOfInstances ?? 0) - 1);
    await expect(page.getByTestId('viewport-0')).toHaveAttribute('data-image-index', last);
    await page.getByTestId('slice-slider-0').fill('5');
    await expect(page.getByTestId('viewport-0')).toHaveAttribute('data-image-index', '4');
    await expect(page.getByTestId('overlay-slice')).toHaveText(/5\/40/);
    await page.keyboard.press('?');
    await expect(page.getByRole('dialog', { name: 'Raccourcis clavier' })).toBeVisible();
  });

  test('MPR: the sagittal plane spans the whole series, first slice to last', async ({ page }) => {
    const s = study('dubois-ct-thorax-2026');
    const phantom = phantomOf(s);
    const count = s.series[0]?.numberOfInstances ?? 0;
    await openStudy(page, s);
    await page.getByTestId('mpr-toggle').click();
    await expect(page.getByTestId('mpr')).toHaveAttribute('data-render-state', 'rendered', {
      timeout: 60_000,
    });
    const sagittal = 'drim-mpr-sagittal';
    const zFirst = phantom.firstSliceZ;
    const zLast = phantom.firstSliceZ + (count - 1) * phantom.sliceStepZ;
    const box = await page.getByTestId('mpr-sagittal').boundingBox();
    if (!box) throw new Error('sagittal view not laid out');
    for (const z of [zFirst, zLast]) {
      // Both end slices are in the volume, with the phantom's values…
      await expect.poll(() => val(page, sagittal, [0, 0, z])).not.toBeNull();
      expect(Math.abs((await val(page, sagittal, [0, 0, z])) ?? 999)).toBeLessThanOrEqual(
        phantom.noiseAmplitude,
      );
      // …and on screen inside the sagittal view, body brighter than the air in front of it.
      const [x = -1, y = -1] = await hook<number[]>(page, 'worldToPage', sagittal, [0, 0, z]);
      expect(x).toBeGreaterThan(box.x);
      expect(x).toBeLessThan(box.x + box.width);
      expect(y).toBeGreaterThan(box.y);
      expect(y).toBeLessThan(box.y + box.height);
      const inside = await lum(page, sagittal, [0, 0, z - Math.sign(phantom.sliceStepZ) * 0.5]);
      const outside = await lum(page, sagittal, [0, -170, z]);
      expect(inside).toBeGreaterThan(outside + 20);
    }
  });

  test('plays a US cine: the frame index advances and shows the moving disc', async ({ page }) => {
    const s = study('dubois-us-abdo-2024');
    const truth = s.series[0]?.phantom as MovingDiscTruth | undefined;
    if (truth?.kind !== 'moving-disc') throw new Error('moving disc expected');
    await openStudy(page, s);
    await page.getByTestId('cine-toggle').click();
    await expect
      .poll(async () =>
        Number(await page.getByTestId('viewport-0').getAttribute('data-image-index')),
      )
      .toBeGreaterThan(2);
    await page.getByTestId('cine-toggle').click();
    const { imageIndex } = await hook<ViewState>(page, 'state', 'drim-stack-0');
    const center = truth.centersPx[imageIndex ?? 0];
    if (!center) throw new Error('no centre for that frame');
    const value = await hook<number>(page, 'valueAtPixel', 'drim-stack-0', center[0], center[1]);
    expect(Math.abs(value - truth.discValue)).toBeLessThanOrEqual(truth.noiseAmplitude);
  });

  test('shows a description with markup as text', async ({ page }) => {
    const s = study('robert-ct-html-2025');
    await openStudy(page, s);
    await expect(page.getByTestId('overlay-series')).toContainText('<b>PORTAL</b>');
    await expect(page.getByTestId('viewport-overlay').locator('b')).toHaveCount(0);
  });

  test('warns when measurements are at the detector or in pixels', async ({ page }) => {
    await openStudy(page, study('thomas-dx-chest-2025'));
    await expect(page.getByTestId('scale-warning')).toContainText('pixels');
  });

  test('MONOCHROME1: the dense ruler shows white on a dark background, at the detector', async ({
    page,
  }) => {
    // The only MONOCHROME1 files are in the regional archive: the patient opens her own.
    const s = study('dubois-cr-chest-2016');
    const truth = s.series[0]?.phantom;
    if (truth?.kind !== 'ruler') throw new Error('ruler expected');
    await openStudy(page, s, 'patient1');
    await expect(page.getByTestId('scale-warning')).toContainText('détecteur');
    const mid = Math.round((truth.startPx[0] + truth.endPx[0]) / 2);
    const row = truth.startPx[1];
    expect(await hook<number>(page, 'valueAtPixel', 'drim-stack-0', mid, row)).toBeLessThan(
      truth.background,
    );
    const bar = await hook<number>(page, 'luminanceAtPixel', 'drim-stack-0', mid, row);
    const background = await hook<number>(page, 'luminanceAtPixel', 'drim-stack-0', mid, row + 80);
    expect(bar).toBeGreaterThan(background + 60);
  });

  test('layouts: a second view shows the study’s other series', async ({ page }) => {
    const s = study('martin-ct-thorax-2026');
    await openStudy(page, s);
    await page.getByTestId('layout-1x2').click();
    await expect(page.getByTestId('viewport-1')).toHaveAttribute('data-render-state', 'rendered', {
      timeout: 60_000,
    });
    const counts = await Promise.all(
      ['drim-stack-0', 'drim-stack-1'].map(
        async (id) => (await hook<ViewState>(page, 'state', id)).imageCount,
      ),
    );
    expect(counts).toEqual([40, 40]);
    const series = await page.getByTestId('overlay-series').allTextContents();
    expect(new Set(series).size).toBe(2);
  });
});

test.describe('touch', () => {
  test.use({ hasTouch: true, viewport: { width: 390, height: 844 } });

  test('on a phone, a two-finger pinch zooms the image', async ({ page }) => {
    const s = study('dubois-ct-thorax-2026');
    await openStudy(page, s);
    const before = (await hook<ViewState>(page, 'state', 'drim-stack-0')).zoom;
    const box = await page.getByTestId('viewport-0').boundingBox();
    if (!box) throw new Error('viewport not laid out');
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    const cdp = await page.context().newCDPSession(page);
    const points = (spread: number) => [
      { x: cx - spread, y: cy, id: 1 },
      { x: cx + spread, y: cy, id: 2 },
    ];
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: points(20) });
    for (let spread = 30; spread <= 120; spread += 10) {
      await cdp.send('Input.dispatchTouchEvent', {
        type: 'touchMove',
        touchPoints: points(spread),
      });
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await expect
      .poll(async () => (await hook<ViewState>(page, 'state', 'drim-stack-0')).zoom)
      .toBeGreaterThan(before * 1.2);
  });
});

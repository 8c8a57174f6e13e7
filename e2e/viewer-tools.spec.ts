// The viewer's measurement and view tools against the generator's CT phantom, checked on
// numbers: what a tool measures against the phantom's truth (dev/.data/sample/manifest.json),
// and where a bright object appears on screen after a rotation or a flip (the canvas's
// pixels at a page position), never on screenshots.
import { expect, test, type Page } from '@playwright/test';
import type { CrossSectionTruth, ManifestStudy } from '../dev/sample-data/manifest';
import { readManifest, readStackInfo } from '../dev/stack/stackInfo';
import {
  dragBetween,
  openInViewer,
  studyIn,
  viewerHook as hook,
  type Point3,
} from './support/viewerPage';
import { type Measurement, annotationText, onlyMeasurement } from './support/measurements';

const stack = readStackInfo();
const manifest = readManifest(stack);
const VP = 'drim-stack-0';

function thoraxCt(): { study: ManifestStudy; phantom: CrossSectionTruth; z: number } {
  const study = studyIn(manifest, 'dubois-ct-thorax-2026');
  const phantom = study.series[0]?.phantom;
  if (phantom?.kind !== 'cross-section') throw new Error('cross-section phantom expected');
  return { study, phantom, z: phantom.firstSliceZ };
}

function shape(phantom: CrossSectionTruth, label: string) {
  const found = phantom.shapes.find((s) => s.label === label);
  if (!found) throw new Error(`no ${label} in the phantom`);
  return found;
}

function center(phantom: CrossSectionTruth, label: string, z: number): Point3 {
  const s = shape(phantom, label);
  if (s.kind === 'box') {
    return [(s.minMm[0] + s.maxMm[0]) / 2, (s.minMm[1] + s.maxMm[1]) / 2, z];
  }
  return [s.centerMm[0], s.centerMm[1], z];
}

/** Page position of a world point, rounded to the whole CSS pixel a mouse event carries. */
async function pagePoint(page: Page, world: Point3): Promise<[number, number]> {
  const [x = 0, y = 0] = await hook<number[]>(page, 'worldToPage', VP, world);
  return [Math.round(x), Math.round(y)];
}

/** Where a click at that page pixel lands in the patient (mm). */
async function worldAt(page: Page, at: [number, number]): Promise<Point3> {
  return hook<Point3>(page, 'pageToWorld', VP, at[0], at[1]);
}

/** Millimetres per CSS pixel on screen, measured along the image's x axis. */
async function mmPerPixel(page: Page, z: number): Promise<number> {
  const [ax = 0, ay = 0] = await hook<number[]>(page, 'worldToPage', VP, [0, 0, z]);
  const [bx = 0, by = 0] = await hook<number[]>(page, 'worldToPage', VP, [100, 0, z]);
  return 100 / Math.hypot(bx - ax, by - ay);
}

const fr1 = (n: number) => n.toFixed(1).replace('.', ',');

function angleAt(vertex: Point3, a: Point3, b: Point3): number {
  const u = [a[0] - vertex[0], a[1] - vertex[1]];
  const v = [b[0] - vertex[0], b[1] - vertex[1]];
  const cos =
    ((u[0] ?? 0) * (v[0] ?? 0) + (u[1] ?? 0) * (v[1] ?? 0)) /
    (Math.hypot(u[0] ?? 0, u[1] ?? 0) * Math.hypot(v[0] ?? 0, v[1] ?? 0));
  return (Math.acos(cos) * 180) / Math.PI;
}

// SwiftShader on a shared 2-core machine is slow: room per test, and waits on conditions.
test.describe.configure({ timeout: 180_000 });

test.describe('measurement tools on the CT phantom', () => {
  test('an angle between the spine, the body’s centre and the air insert reads the geometry', async ({
    page,
  }) => {
    const { study, phantom, z } = thoraxCt();
    await openInViewer(page, study);
    const spine = center(phantom, 'spine', z);
    const vertex = center(phantom, 'body', z);
    const air = center(phantom, 'air', z);
    const truth = angleAt(vertex, spine, air);

    await page.getByRole('button', { name: 'Angle', exact: true }).click();
    await expect(page.getByTestId('tool-angle')).toHaveAttribute('aria-pressed', 'true');
    const p1 = await pagePoint(page, spine);
    const p2 = await pagePoint(page, vertex);
    const p3 = await pagePoint(page, air);
    // First arm by a drag, then the third point by a click, as a radiologist draws it.
    await dragBetween(page, p1, p2);
    await page.mouse.move(p3[0], p3[1], { steps: 5 });
    await page.mouse.click(p3[0], p3[1]);

    // The stats are computed while the third point still follows the mouse: the angle to
    // judge is the one the drawn label settled on.
    await onlyMeasurement(page, 'angle');
    await expect
      .poll(async () => {
        const [latest] = await hook<Measurement[]>(page, 'measurements');
        const value = latest?.stats?.angle;
        return typeof value === 'number' && (await annotationText(page)).includes(`${fr1(value)}°`);
      })
      .toBe(true);
    const m = await onlyMeasurement(page, 'angle');
    expect(m.toolName).toBe('Angle');
    const angle = m.stats.angle as number;
    // Each point lands on a whole CSS pixel: up to √2/2 px off, i.e. that many mm over an arm
    // of ≥ 72 mm turns each arm by at most atan(d / arm) — the tolerance is that, twice.
    const arm = Math.min(Math.hypot(spine[0], spine[1]), Math.hypot(air[0], air[1]));
    const d = (Math.SQRT2 / 2) * (await mmPerPixel(page, z));
    const tolerance = ((2 * Math.atan(d / arm)) / Math.PI) * 180;
    expect(Math.abs(angle - truth)).toBeLessThanOrEqual(tolerance);
    // Shown in French, in degrees.
    expect(await annotationText(page)).toContain(`${fr1(angle)}°`);
  });

  test('an ellipse inside the fat insert reads its HU with a small SD and an area of π·a·b', async ({
    page,
  }) => {
    const { study, phantom, z } = thoraxCt();
    const fat = shape(phantom, 'fat');
    if (fat.kind !== 'box') throw new Error('fat box expected');
    await openInViewer(page, study);
    // 5 mm inside the insert's edges: semi-axes 25 mm (x) and 15 mm (y).
    const c = center(phantom, 'fat', z);
    const a = (fat.maxMm[0] - fat.minMm[0]) / 2 - 5;
    const b = (fat.maxMm[1] - fat.minMm[1]) / 2 - 5;

    await page.getByTestId('tool-ellipse').click();
    await expect(page.getByTestId('tool-ellipse')).toHaveAttribute('aria-pressed', 'true');
    // The ellipse is drawn from its centre out to a corner of its bounding box.
    const from = await pagePoint(page, c);
    const to = await pagePoint(page, [c[0] + a, c[1] + b, z]);
    await dragBetween(page, from, to);

    const m = await onlyMeasurement(page, 'mean');
    expect(m.toolName).toBe('EllipticalROI');
    expect(m.stats.modalityUnit).toBe('HU');
    expect(m.stats.areaUnit).toBe('mm²');
    // ~2 000 pixels of uniform noise in [-5, 5] (SD √10 ≈ 3.2): the mean is within 0.2 HU of
    // truth nineteen times in twenty; 1.5 HU would still catch a wrong rescale or region.
    expect(Math.abs((m.stats.mean as number) - fat.value)).toBeLessThan(1.5);
    expect(m.stats.stdDev as number).toBeGreaterThan(2);
    expect(m.stats.stdDev as number).toBeLessThan(4.5);
    expect((m.stats.min as number) >= fat.value - phantom.noiseAmplitude).toBe(true);
    expect((m.stats.max as number) <= fat.value + phantom.noiseAmplitude).toBe(true);

    // The area is π·a·b of the ellipse the mouse drew (its corners on whole pixels), to 1 %…
    const [w0, w1] = [await worldAt(page, from), await worldAt(page, to)];
    const drawnA = Math.abs(w1[0] - w0[0]);
    const drawnB = Math.abs(w1[1] - w0[1]);
    const area = m.stats.area as number;
    expect(Math.abs(area - Math.PI * drawnA * drawnB) / (Math.PI * drawnA * drawnB)).toBeLessThan(
      0.01,
    );
    // …and that ellipse is the planned one, to the pixel: each of its two defining points
    // was rounded by up to half a pixel.
    const onePixel = (await mmPerPixel(page, z)) + 1e-6;
    expect(Math.abs(drawnA - a)).toBeLessThanOrEqual(onePixel);
    expect(Math.abs(drawnB - b)).toBeLessThanOrEqual(onePixel);

    // What the user reads: French words, mm² and HU.
    const text = await annotationText(page);
    expect(text).toContain('Aire :');
    expect(text).toContain('mm²');
    expect(text).toContain(`Moyenne : ${fr1(m.stats.mean as number)} HU`);
    expect(text).toContain('Écart type :');
    expect(text).not.toContain('Area');
  });

  test('a rectangle ROI in the body’s soft tissue reads 0 HU with its area in mm²', async ({
    page,
  }) => {
    const { study, phantom, z } = thoraxCt();
    await openInViewer(page, study);
    // Soft tissue only (0 HU): right of the spine, above the fat insert and the bone sphere.
    const corner1: Point3 = [-110, 20, z];
    const corner2: Point3 = [-40, 60, z];
    await page.getByRole('button', { name: 'ROI rectangulaire' }).click();
    const from = await pagePoint(page, corner1);
    const to = await pagePoint(page, corner2);
    await dragBetween(page, from, to);
    const m = await onlyMeasurement(page, 'mean');
    expect(m.toolName).toBe('RectangleROI');
    expect(Math.abs(m.stats.mean as number)).toBeLessThan(1.5);
    expect(m.stats.areaUnit).toBe('mm²');
    const [w0, w1] = [await worldAt(page, from), await worldAt(page, to)];
    const drawn = Math.abs(w1[0] - w0[0]) * Math.abs(w1[1] - w0[1]);
    expect(Math.abs((m.stats.area as number) - drawn) / drawn).toBeLessThan(0.02);
    expect(m.stats.modalityUnit).toBe(phantom.units);
  });

  test('the probe reads the HU of the spine and of the fat insert at their centres', async ({
    page,
  }) => {
    const { study, phantom, z } = thoraxCt();
    await openInViewer(page, study);
    await page.keyboard.press('o');
    await expect(page.getByTestId('tool-probe')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('tool-windowLevel')).toHaveAttribute('aria-pressed', 'false');

    const spine = shape(phantom, 'spine');
    const at = await pagePoint(page, center(phantom, 'spine', z));
    await page.mouse.click(at[0], at[1]);
    const m = await onlyMeasurement(page, 'value');
    expect(m.toolName).toBe('Probe');
    expect(m.stats.modalityUnit).toBe('HU');
    expect(Math.abs((m.stats.value as number) - spine.value)).toBeLessThanOrEqual(
      phantom.noiseAmplitude,
    );
    expect(await annotationText(page)).toContain(' HU');

    // The fat insert is below 0: the rescale's sign is right too.
    await page.getByTestId('tool-clear').click();
    await expect.poll(async () => (await hook<Measurement[]>(page, 'measurements')).length).toBe(0);
    const fat = shape(phantom, 'fat');
    const fatAt = await pagePoint(page, center(phantom, 'fat', z));
    await page.mouse.click(fatAt[0], fatAt[1]);
    const f = await onlyMeasurement(page, 'value');
    expect(Math.abs((f.stats.value as number) - fat.value)).toBeLessThanOrEqual(
      phantom.noiseAmplitude,
    );
  });
});

test.describe('view tools on the CT phantom', () => {
  /** Opens the CT in the mediastinum window: spine white, soft tissue grey, air black. */
  async function openWindowed(page: Page) {
    const ct = thoraxCt();
    await openInViewer(page, ct.study);
    await page.getByTestId('preset-select').selectOption('mediastinum');
    await expect(page.getByTestId('overlay-window')).toContainText('350');
    return ct;
  }

  const lumAt = (page: Page, p: readonly number[]) =>
    hook<number>(page, 'luminanceAtPage', VP, p[0], p[1]);

  test('rotate 90° turns the image clockwise: the spine moves from below the centre to its left', async ({
    page,
  }) => {
    const { phantom, z } = await openWindowed(page);
    const c = await hook<number[]>(page, 'worldToPage', VP, [0, 0, z]);
    const spine = await hook<number[]>(page, 'worldToPage', VP, center(phantom, 'spine', z));
    const [cx = 0, cy = 0] = c;
    const [sx = 0, sy = 0] = spine;
    // Clockwise on screen (y down): (dx, dy) → (−dy, dx).
    const turned = [cx - (sy - cy), cy + (sx - cx)];
    expect(await lumAt(page, spine)).toBeGreaterThan(235);
    const before = await lumAt(page, turned);
    expect(before).toBeLessThan(150);

    await page.getByRole('button', { name: 'Pivoter de 90°' }).click();
    await expect.poll(() => lumAt(page, turned)).toBeGreaterThan(235);
    // Where the spine was now shows soft tissue (grey, not white).
    expect(await lumAt(page, spine)).toBeLessThan(150);
    expect((await hook<{ rotation: number }>(page, 'presentation', VP)).rotation).toBe(90);
    // The orientation letters turn with the image: anterior is now on the right.
    await expect(page.getByTestId('marker-right')).toHaveText('A');
    await expect(page.getByTestId('marker-top')).toHaveText('R');
  });

  test('flip H mirrors left and right, flip V top and bottom', async ({ page }) => {
    const { phantom, z } = await openWindowed(page);
    const [cx = 0, cy = 0] = await hook<number[]>(page, 'worldToPage', VP, [0, 0, z]);
    // Inside the air insert, 10 mm off its centre so that its mirror image is soft tissue.
    const air = await hook<number[]>(page, 'worldToPage', VP, [-70, -10, z]);
    const [ax = 0, ay = 0] = air;
    const mirroredH = [2 * cx - ax, ay];
    expect(await lumAt(page, air)).toBeLessThan(20);
    expect(await lumAt(page, mirroredH)).toBeGreaterThan(40);
    await expect(page.getByTestId('marker-left')).toHaveText('R');

    await page.getByRole('button', { name: 'Miroir horizontal' }).click();
    await expect.poll(() => lumAt(page, mirroredH)).toBeLessThan(20);
    expect(await lumAt(page, air)).toBeGreaterThan(40);
    await expect(page.getByTestId('marker-left')).toHaveText('L');

    // Back, then top–bottom: the spine (below the centre) goes above it.
    await page.getByRole('button', { name: 'Miroir horizontal' }).click();
    await expect.poll(() => lumAt(page, air)).toBeLessThan(20);
    const spine = await hook<number[]>(page, 'worldToPage', VP, center(phantom, 'spine', z));
    const [sx = 0, sy = 0] = spine;
    const mirroredV = [sx, 2 * cy - sy];
    expect(await lumAt(page, mirroredV)).toBeLessThan(150);
    await page.getByRole('button', { name: 'Miroir vertical' }).click();
    await expect.poll(() => lumAt(page, mirroredV)).toBeGreaterThan(235);
    expect(await lumAt(page, spine)).toBeLessThan(150);
    await expect(page.getByTestId('marker-top')).toHaveText('P');
  });

  test('invert turns the white spine black and the black air white, and Échap undoes it', async ({
    page,
  }) => {
    const { phantom, z } = await openWindowed(page);
    const spine = await hook<number[]>(page, 'worldToPage', VP, center(phantom, 'spine', z));
    const air = await hook<number[]>(page, 'worldToPage', VP, center(phantom, 'air', z));
    expect(await lumAt(page, spine)).toBeGreaterThan(235);
    expect(await lumAt(page, air)).toBeLessThan(20);

    await page.getByRole('button', { name: 'Inverser' }).click();
    await expect.poll(() => lumAt(page, spine)).toBeLessThan(20);
    expect(await lumAt(page, air)).toBeGreaterThan(235);
    expect((await hook<{ invert: boolean }>(page, 'state', VP)).invert).toBe(true);

    await page.keyboard.press('Escape');
    await expect.poll(() => lumAt(page, spine)).toBeGreaterThan(235);
  });
});

test.describe('the toolbar, for keyboard and screen-reader users', () => {
  test('every tool has a French name and the chosen one is announced as pressed', async ({
    page,
  }) => {
    const { study } = thoraxCt();
    await openInViewer(page, study);
    const names = [
      'Fenêtrage',
      'Déplacer',
      'Zoom',
      'Défiler',
      'Longueur',
      'Angle',
      'ROI elliptique',
      'ROI rectangulaire',
      'Sonde',
    ];
    const group = page.getByRole('group', { name: 'Outil du bouton gauche' });
    for (const name of names) {
      await expect(group.getByRole('button', { name, exact: true })).toBeVisible();
    }
    await expect(group.getByRole('button', { pressed: true })).toHaveText('Fenêtrage');
    for (const name of ['Inverser', 'Pivoter de 90°', 'Miroir horizontal', 'Miroir vertical']) {
      await expect(page.getByRole('button', { name, exact: true })).toBeVisible();
    }
    // Chosen from the keyboard: Tab to the button, Entrée.
    const ellipse = group.getByRole('button', { name: 'ROI elliptique' });
    await ellipse.focus();
    await page.keyboard.press('Enter');
    await expect(ellipse).toHaveAttribute('aria-pressed', 'true');
    await expect(group.getByRole('button', { pressed: true })).toHaveCount(1);
    // And by its shortcut letter, which a screen reader hears through a live region.
    await page.locator('body').press('a');
    await expect(group.getByRole('button', { name: 'Angle', exact: true })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await expect(page.getByTestId('active-tool')).toHaveText('Outil actif : Angle');
    await expect(page.getByTestId('active-tool')).toHaveAttribute('aria-live', 'polite');
  });
});

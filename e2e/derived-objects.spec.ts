// SEG, RTSTRUCT and RTDOSE drawn over the images (issue 20), on the real stack, checked
// against the sample's truth (dev/sample-data/manifest.ts): the segmentation's colour lies
// over the phantom shape its segment covers and nowhere else, and its toggle gives the CT's
// pixels back; a structure's contour runs along the shape's edge; the dose under the probe
// at the grid's maximum reads the maximum; the real SEG and RTDOSE files, whose series the
// sample lacks, are drawn on their own geometry instead of a message.
//
// Pixels are read from a screenshot of the page (what the user sees: Cornerstone's canvas
// with the overlay's canvas on top), at page points the test hook maps from patient mm.
import { expect, test, type Page } from '@playwright/test';
import { PNG } from 'pngjs';
import type { ManifestSeries, PhantomShape } from '../dev/sample-data/manifest';
import { readManifest, readStackInfo } from '../dev/stack/stackInfo';
import { openStudyAs } from './support/openStudyAs';
import { openInViewer, studyIn, viewerHook, type Point3 } from './support/viewerPage';

const manifest = readManifest(readStackInfo());
const study = studyIn(manifest, 'thomas-ct-tap-2026');
const structureSet = study.structureSets?.[0];
const dose = study.doses?.[0];

type Rgb = [number, number, number];

async function viewportIdOf(page: Page): Promise<string> {
  const id = await page.getByTestId('viewport-0').getAttribute('data-viewport-id');
  if (!id) throw new Error('viewport-0 has no viewport id');
  return id;
}

/** The colours on screen around a page point (a (2r+1)² block), row after row. */
async function colours(page: Page, [x, y]: number[], r = 0): Promise<Rgb[]> {
  const cx = Math.round(x ?? 0);
  const cy = Math.round(y ?? 0);
  const shot = await page.screenshot({
    clip: { x: cx - r, y: cy - r, width: 2 * r + 1, height: 2 * r + 1 },
  });
  const png = PNG.sync.read(shot);
  const out: Rgb[] = [];
  for (let i = 0; i < png.width * png.height; i++) {
    out.push([png.data[i * 4] ?? 0, png.data[i * 4 + 1] ?? 0, png.data[i * 4 + 2] ?? 0]);
  }
  return out;
}

async function colourAt(page: Page, point: number[]): Promise<Rgb> {
  const [c] = await colours(page, point, 0);
  if (!c) throw new Error('no pixel');
  return c;
}

const distance = (a: Rgb, b: Rgb) => Math.max(...a.map((v, i) => Math.abs(v - (b[i] ?? 0))));

/** What alpha blending `colour` at `alpha` over `under` gives. */
const blend = (under: Rgb, colour: Rgb, alpha: number): Rgb =>
  under.map((u, i) => u * (1 - alpha) + (colour[i] ?? 0) * alpha) as Rgb;

function referencedCt(uid: string): ManifestSeries {
  const ct = study.series.find((s) => s.seriesInstanceUID === uid);
  if (!ct) throw new Error(`no series ${uid}`);
  return ct;
}

function shapeOf(ct: ManifestSeries, label: string): PhantomShape {
  const phantom = ct.phantom;
  if (phantom?.kind !== 'cross-section') throw new Error('no cross-section phantom');
  const shape = phantom.shapes.find((s) => s.label === label);
  if (!shape) throw new Error(`no shape ${label}`);
  return shape;
}

/** Shows the slice of the stack nearest z; returns that slice's z. */
async function goToZ(page: Page, z: number): Promise<number> {
  const id = await viewportIdOf(page);
  const positions = await viewerHook<(number[] | null)[]>(page, 'stackPositions', id);
  let best = 0;
  positions.forEach((p, i) => {
    if (p && Math.abs((p[2] ?? 0) - z) < Math.abs((positions[best]?.[2] ?? Infinity) - z)) best = i;
  });
  await page.getByTestId('slice-slider-0').fill(String(best + 1));
  const pane = page.getByTestId('viewport-0');
  await expect(pane).toHaveAttribute('data-image-index', String(best));
  await expect(pane.getByTestId('derived-overlay')).toHaveAttribute(
    'data-image-index',
    String(best),
  );
  return positions[best]?.[2] ?? z;
}

async function showSeries(page: Page, seriesInstanceUID: string): Promise<void> {
  const button = page.getByTestId(`series-${seriesInstanceUID}`);
  await expect(button).toBeEnabled({ timeout: 60_000 });
  await button.click();
  const pane = page.getByTestId('viewport-0');
  await expect(pane.getByTestId('derived-overlay')).toBeVisible({ timeout: 30_000 });
  await expect(pane).toHaveAttribute('data-render-state', 'rendered');
}

test.describe('derived objects over the 320-slice CT', () => {
  test.beforeEach(() => {
    test.setTimeout(180_000);
  });

  for (const segmentation of study.segmentations ?? []) {
    test(`the ${segmentation.segmentationType} SEG’s segments cover their phantom inserts, and each toggle hides its segment`, async ({
      page,
    }) => {
      await openInViewer(page, study);
      await showSeries(page, segmentation.seriesInstanceUID);
      const ct = referencedCt(segmentation.referencedSeriesInstanceUID);
      const id = await viewportIdOf(page);
      for (const segment of segmentation.segments) {
        const shape = shapeOf(ct, segment.covers);
        const z = await goToZ(page, segment.centerMm[2]);
        // The shape's radius on this slice (a sphere is narrower off its centre).
        const dz = shape.kind === 'sphere' ? z - shape.centerMm[2] : 0;
        const radius = 'radiusMm' in shape ? Math.sqrt(shape.radiusMm ** 2 - dz ** 2) : 0;
        const [cx, cy] = segment.centerMm;
        const inside: Point3[] = [
          [cx, cy, z],
          [cx + 0.6 * radius, cy, z],
          [cx, cy - 0.6 * radius, z],
        ];
        // Outside the shape, still on the phantom's body: left of it (the other segment lies
        // elsewhere — the spine is the posterior cylinder, the bone sphere anterior-left).
        const outside: Point3[] = [[cx - radius - 6, cy, z]];
        const toggle = page.getByTestId(
          `segment-toggle-${segmentation.seriesInstanceUID}-${segment.number}`,
        );
        const opacity =
          Number(
            await page
              .getByTestId(`segment-opacity-${segmentation.seriesInstanceUID}-${segment.number}`)
              .inputValue(),
          ) / 100;
        const points = [...inside, ...outside];
        const pagePoints = await Promise.all(
          points.map((p) => viewerHook<number[]>(page, 'worldToPage', id, p)),
        );
        const shown = await Promise.all(pagePoints.map((p) => colourAt(page, p)));
        await toggle.uncheck();
        const overlay = page.getByTestId('derived-overlay');
        await expect(toggle).not.toBeChecked();
        await expect(overlay).toHaveAttribute('data-image-index', /\d+/);
        const ctOnly = await Promise.all(pagePoints.map((p) => colourAt(page, p)));
        await toggle.check();
        for (let i = 0; i < inside.length; i++) {
          const expected = blend(ctOnly[i]!, segment.colorRgb, opacity);
          const detail = `${segment.label} at ${JSON.stringify(inside[i])}: shown ${shown[i]}, CT ${ctOnly[i]}, expected ${expected.map(Math.round)}`;
          expect(distance(shown[i]!, expected), detail).toBeLessThanOrEqual(6);
          expect(distance(shown[i]!, ctOnly[i]!), detail).toBeGreaterThan(20);
          test.info().annotations.push({ type: 'inside', description: detail });
        }
        for (let i = inside.length; i < points.length; i++) {
          expect(
            distance(shown[i]!, ctOnly[i]!),
            `outside ${segment.label}: ${shown[i]} vs ${ctOnly[i]}`,
          ).toBeLessThanOrEqual(2);
        }
      }
    });
  }

  test('an RTSTRUCT contour runs along its shape’s edge', async ({ page }) => {
    if (!structureSet) throw new Error('the manifest has no structure set');
    await openInViewer(page, study);
    await showSeries(page, structureSet.seriesInstanceUID);
    const ct = referencedCt(structureSet.referencedSeriesInstanceUID);
    const id = await viewportIdOf(page);
    for (const roi of structureSet.rois) {
      const shape = shapeOf(ct, roi.covers);
      const z = await goToZ(page, roi.centerMm[2]);
      const dz = shape.kind === 'sphere' ? z - shape.centerMm[2] : 0;
      const radius = 'radiusMm' in shape ? Math.sqrt(shape.radiusMm ** 2 - dz ** 2) : 0;
      const [cx, cy] = roi.centerMm;
      const near = (c: Rgb) => distance(c, roi.colorRgb) <= 40;
      for (const x of [cx - radius, cx + radius]) {
        const p = await viewerHook<number[]>(page, 'worldToPage', id, [x, cy, z]);
        const block = await colours(page, p, 3);
        expect(block.some(near), `${roi.name}: its colour on the edge at x=${x.toFixed(1)}`).toBe(
          true,
        );
      }
      const centre = await viewerHook<number[]>(page, 'worldToPage', id, [cx, cy, z]);
      const block = await colours(page, centre, 3);
      expect(block.some(near), `${roi.name}: not at the centre`).toBe(false);
    }
  });

  test('the RTDOSE maximum reads within 1 %, with a colour wash and a legend in Gy', async ({
    page,
  }) => {
    if (!dose) throw new Error('the manifest has no dose');
    await openInViewer(page, study);
    await showSeries(page, dose.seriesInstanceUID);
    const pane = page.getByTestId('viewport-0');
    const max = Number(await pane.getByTestId('dose-max').getAttribute('data-dose'));
    expect(Math.abs(max - dose.maxGy) / dose.maxGy).toBeLessThan(0.01);
    await expect(pane.getByTestId('derived-info')).toContainText('Gy');
    await goToZ(page, dose.maxAtMm[2]);
    const id = await viewportIdOf(page);
    const [x = 0, y = 0] = await viewerHook<number[]>(page, 'worldToPage', id, dose.maxAtMm);
    await page.mouse.move(x, y);
    const probe = pane.getByTestId('dose-probe');
    await expect(probe).toHaveAttribute('data-dose', /\d/);
    const read = Number(await probe.getAttribute('data-dose'));
    expect(Math.abs(read - dose.maxGy) / dose.maxGy, `probe read ${read} Gy`).toBeLessThan(0.01);
    await expect(probe).toContainText('Gy');
    // The hottest point is washed in the top of the colour map (red), not left grey.
    const [r, g, b] = await colourAt(page, [x + 12, y + 12]);
    expect(r, `wash at the maximum: ${r},${g},${b}`).toBeGreaterThan(b + 30);
  });
});

test.describe('the real SEG and RTDOSE files render their objects', () => {
  for (const name of ['liver_1frame.dcm', 'rtdose.dcm']) {
    test(name, async ({ page }) => {
      test.setTimeout(120_000);
      const file = manifest.realFiles.find((f) => f.file === name);
      if (!file) throw new Error(`${name} is not in the manifest`);
      await page.addInitScript(() => {
        (window as unknown as { __drimViewerTestEnabled: boolean }).__drimViewerTestEnabled = true;
      });
      await openStudyAs(page, 'medecin', {
        studyInstanceUID: file.studyInstanceUID,
        sourceIds: [manifest.realFilesSourceId],
      });
      const button = page.getByTestId(`series-${file.seriesInstanceUID}`);
      await expect(button).toBeVisible({ timeout: 90_000 });
      if ((await button.getAttribute('aria-pressed')) !== 'true') await button.click();
      const pane = page.getByTestId('viewport-0');
      const alone = pane.getByTestId('derived-alone');
      await expect(alone).toBeVisible({ timeout: 60_000 });
      await expect(pane).toHaveAttribute('data-render-state', 'rendered');
      await expect(pane.getByRole('alert')).toHaveCount(0);
      // Said to be drawn alone, in French.
      await expect(pane.getByTestId('derived-info')).toContainText(/fond noir/);
      // Drawn: coloured pixels on the black background.
      const box = await alone.boundingBox();
      if (!box) throw new Error('no box');
      const png = PNG.sync.read(await page.screenshot({ clip: box }));
      let coloured = 0;
      for (let i = 0; i < png.width * png.height; i++) {
        const [r = 0, g = 0, b = 0] = [png.data[i * 4], png.data[i * 4 + 1], png.data[i * 4 + 2]];
        if (Math.max(r, g, b) - Math.min(r, g, b) > 40) coloured++;
      }
      expect(coloured, `${name}: coloured pixels drawn`).toBeGreaterThan(100);
    });
  }
});

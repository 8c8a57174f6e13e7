// The generator's multi-frame NM (a bone scan's whole-body views on two heads), checked on
// numbers against the manifest (ManifestSeries.nm): each frame shown on its own with its
// detector and energy window named, its hot spot where the truth puts it (values and screen
// pixels), lengths in mm from its PixelSpacing, and a colour map drawn in colour.
import { expect, test, type Page } from '@playwright/test';
import type { ManifestNmTruth, ManifestSeries } from '../dev/sample-data/manifest';
import { readManifest, readStackInfo } from '../dev/stack/stackInfo';
import { dragBetween, openStudyUnderTest, studyIn, viewerHook as hook } from './support/viewerPage';
import { type Measurement } from './support/measurements';

const stack = readStackInfo();
const manifest = readManifest(stack);
const VP = 'drim-stack-0';

function nmStatic(): { series: ManifestSeries; truth: ManifestNmTruth } {
  const study = studyIn(manifest, 'thomas-nm-bone-2026');
  const series = study.series.find((s) => s.nm?.kind === 'static' && s.nm.frames.length >= 2);
  if (!series?.nm) throw new Error('no static multi-frame NM in the manifest');
  return { series, truth: series.nm };
}

async function openNm(page: Page) {
  const study = studyIn(manifest, 'thomas-nm-bone-2026');
  const { series, truth } = nmStatic();
  await openStudyUnderTest(page, study);
  await page.getByTestId(`series-${series.seriesInstanceUID}`).click({ timeout: 90_000 });
  await expect
    .poll(async () => {
      const ids = await hook<string[] | null>(page, 'imageIds', VP);
      return ids?.length === truth.frames.length && ids[0]?.includes(series.seriesInstanceUID);
    })
    .toBe(true);
  await expect(page.getByTestId('viewport-0')).toHaveAttribute('data-render-state', 'rendered', {
    timeout: 90_000,
  });
  return { series, truth };
}

async function goToFrame(page: Page, frame: number): Promise<void> {
  await page.getByTestId('slice-slider-0').fill(String(frame));
  await expect(page.getByTestId('viewport-0')).toHaveAttribute(
    'data-image-index',
    String(frame - 1),
  );
}

const value = (page: Page, [column, row]: [number, number]) =>
  hook<number | null>(page, 'valueAtPixel', VP, column, row);
const luminance = (page: Page, [column, row]: [number, number]) =>
  hook<number | null>(page, 'luminanceAtPixel', VP, column, row);

test.describe.configure({ timeout: 180_000 });

test.describe('NM multi-frame', () => {
  test('shows frame by frame, naming each frame’s detector and energy window', async ({ page }) => {
    const { truth } = await openNm(page);
    for (const f of truth.frames) {
      await goToFrame(page, f.frame);
      await expect(page.getByTestId('overlay-slice')).toContainText(
        `${f.frame}/${truth.frames.length}`,
      );
      await expect(page.getByTestId('overlay-nm-frame')).toHaveText(
        new RegExp(`^Détecteur ${f.detector} — fenêtre ${f.energyWindow}\\b`),
      );
    }
  });

  test('a dynamic frame says when it starts, from its phase and time slice', async ({ page }) => {
    const study = studyIn(manifest, 'thomas-nm-bone-2026');
    const series = study.series.find((s) => s.nm?.kind === 'dynamic');
    const frames = series?.nm?.frames ?? [];
    if (!series || frames.length < 3) throw new Error('no dynamic NM in the manifest');
    await openStudyUnderTest(page, study);
    await page.getByTestId(`series-${series.seriesInstanceUID}`).click({ timeout: 90_000 });
    await expect
      .poll(async () => (await hook<string[] | null>(page, 'imageIds', VP))?.length)
      .toBe(frames.length);
    for (const f of [frames[0], frames[2], frames[frames.length - 1]]) {
      if (!f || f.startMs === undefined) throw new Error('a dynamic frame without its start');
      await goToFrame(page, f.frame);
      const seconds = (f.startMs / 1000).toLocaleString('fr', { maximumFractionDigits: 1 });
      await expect(page.getByTestId('overlay-nm-frame')).toHaveText(
        new RegExp(`^Détecteur ${f.detector} — fenêtre ${f.energyWindow}\\b.* · t = ${seconds} s$`),
      );
      // Its hot spot moves frame by frame, as the truth says.
      expect(await value(page, f.hotSpotCenterPx)).toBe(f.hotSpotCounts);
    }
  });

  test('frame 2’s hot spot is where the manifest puts it, in values and on screen', async ({
    page,
  }) => {
    const { truth } = await openNm(page);
    const [first, second] = truth.frames;
    if (!first || !second) throw new Error('two frames expected');
    // A background point well away from both frames' hot spots.
    const away: [number, number] = [
      Math.round((first.hotSpotCenterPx[0] + second.hotSpotCenterPx[0]) / 2),
      Math.round((first.hotSpotCenterPx[1] + second.hotSpotCenterPx[1]) / 2),
    ];
    await goToFrame(page, second.frame);
    expect(await value(page, second.hotSpotCenterPx)).toBe(second.hotSpotCounts);
    expect(await value(page, away)).toBe(truth.background);
    // Frame 1's spot is not on frame 2: the frames are not one image repeated.
    expect(await value(page, first.hotSpotCenterPx)).toBe(truth.background);
    // On screen, in inverted grey: the spot darker than the background around it.
    const spot = await luminance(page, second.hotSpotCenterPx);
    const ground = await luminance(page, away);
    expect((ground ?? 0) - (spot ?? 255)).toBeGreaterThan(60);

    // Rainbow: the spot's pixels in colour, the background still black-ish (the map's start).
    await page.getByTestId('colormap-select').selectOption({ label: 'Arc-en-ciel' });
    await expect
      .poll(async () => {
        const world = await hook<number[] | null>(
          page,
          'pixelToPage',
          VP,
          ...second.hotSpotCenterPx,
        );
        if (!world) return false;
        const [x = 0, y = 0] = world;
        const at = await hook<number[]>(page, 'pageToWorld', VP, x, y);
        const [r = 0, g = 0, b = 0] = await hook<number[]>(page, 'colourAt', VP, at);
        return Math.max(r, g, b) - Math.min(r, g, b) > 80;
      })
      .toBe(true);
  });

  test('a length along the image reads its PixelSpacing in mm', async ({ page }) => {
    const { truth } = await openNm(page);
    await goToFrame(page, 1);
    await page.getByRole('button', { name: 'Longueur', exact: true }).click();
    // Along a row, 40 pixels apart, from the drawn pixels' own page positions.
    const row = Math.round(truth.frames[0]?.hotSpotCenterPx[1] ?? 0);
    const [ax = 0, ay = 0] = await hook<number[]>(page, 'pixelToPage', VP, 20, row);
    const [bx = 0, by = 0] = await hook<number[]>(page, 'pixelToPage', VP, 60, row);
    const from = [Math.round(ax), Math.round(ay)];
    const to = [Math.round(bx), Math.round(by)];
    await dragBetween(page, from, to);
    await expect
      .poll(async () => {
        const all = await hook<Measurement[]>(page, 'measurements');
        return (
          all.length === 1 && all[0]?.settled === true && typeof all[0].stats?.length === 'number'
        );
      })
      .toBe(true);
    const [m] = await hook<Measurement[]>(page, 'measurements');
    expect(m?.stats.unit).toBe('mm');
    // 40 columns × the column spacing; the mouse lands on whole CSS pixels, each end up to
    // half a CSS pixel off, i.e. that many image pixels at this zoom.
    const [, columnSpacing] = truth.pixelSpacingMm;
    const cssPerImagePixel = Math.hypot(bx - ax, by - ay) / 40;
    const tolerance = (columnSpacing / cssPerImagePixel) * 1;
    expect(Math.abs((m?.stats.length as number) - 40 * columnSpacing)).toBeLessThanOrEqual(
      tolerance,
    );
  });
});

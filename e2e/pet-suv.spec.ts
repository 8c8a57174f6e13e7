// The PET of the generator's PET/CT read in SUVbw, checked on numbers against the manifest's
// truth (ManifestSeries.pet): an ROI and a probe on the hottest sphere, the unit the tools and
// the overlay give, and the colour the hot iron map draws the sphere in (canvas pixels, not a
// screenshot).
import { expect, test, type Page } from '@playwright/test';
import type { CrossSectionTruth, ManifestSeries } from '../dev/sample-data/manifest';
import { readManifest, readStackInfo } from '../dev/stack/stackInfo';
import {
  dragBetween,
  openStudyUnderTest,
  studyIn,
  viewerHook as hook,
  type Point3,
} from './support/viewerPage';
import { annotationText, onlyMeasurement } from './support/measurements';

const stack = readStackInfo();
const manifest = readManifest(stack);
const VP = 'drim-stack-0';

function petStudy() {
  const study = studyIn(manifest, 'thomas-pt-2026');
  const series = study.series.find((s) => s.modality === 'PT');
  const truth = series?.pet;
  if (!series || !truth) throw new Error('the PET/CT has no PET truth in the manifest');
  const hottest = [...truth.spheres].sort((a, b) => b.suvbw - a.suvbw)[0];
  if (!hottest) throw new Error('no sphere in the PET truth');
  return { study, series, truth, hottest };
}

/** Shows the series in the first view from the series panel, and waits for its image. */
async function showSeries(page: Page, series: ManifestSeries): Promise<void> {
  await page.getByTestId(`series-${series.seriesInstanceUID}`).click({ timeout: 90_000 });
  await expect
    .poll(async () => {
      const ids = await hook<string[] | null>(page, 'imageIds', VP);
      return ids?.[0]?.includes(series.seriesInstanceUID) ?? false;
    })
    .toBe(true);
  await expect(page.getByTestId('viewport-0')).toHaveAttribute('data-render-state', 'rendered', {
    timeout: 90_000,
  });
}

/** The stack index of the slice nearest a z (mm), from the stack's own positions. */
async function sliceNearest(page: Page, z: number): Promise<number> {
  const positions = await hook<(number[] | null)[]>(page, 'stackPositions', VP);
  let best = -1;
  positions.forEach((p, i) => {
    const d = Math.abs((p?.[2] ?? Infinity) - z);
    if (best < 0 || d < Math.abs((positions[best]?.[2] ?? Infinity) - z)) best = i;
  });
  return best;
}

async function goToSlice(page: Page, index: number): Promise<void> {
  await page.getByTestId('slice-slider-0').fill(String(index + 1));
  await expect(page.getByTestId('viewport-0')).toHaveAttribute('data-image-index', String(index));
}

async function pagePoint(page: Page, world: Point3): Promise<[number, number]> {
  const [x = 0, y = 0] = await hook<number[]>(page, 'worldToPage', VP, world);
  return [Math.round(x), Math.round(y)];
}

/** The phantom's value (Bq/ml) at a point: the last shape holding it, else background. */
function phantomValueAt(phantom: CrossSectionTruth, p: Point3): number {
  let value = phantom.background;
  for (const s of phantom.shapes) {
    const inside =
      s.kind === 'box'
        ? p[0] >= s.minMm[0] && p[0] <= s.maxMm[0] && p[1] >= s.minMm[1] && p[1] <= s.maxMm[1]
        : s.kind === 'cylinder'
          ? Math.hypot(p[0] - s.centerMm[0], p[1] - s.centerMm[1]) <= s.radiusMm
          : Math.hypot(p[0] - s.centerMm[0], p[1] - s.centerMm[1], p[2] - s.centerMm[2]) <=
            s.radiusMm;
    if (inside) value = s.value;
  }
  return value;
}

const within = (value: number, truth: number, fraction: number) =>
  Math.abs(value - truth) <= fraction * Math.abs(truth);

/** The sphere's centre on the slice shown (its z is the slice's own). */
async function centreOnSlice(page: Page, centre: [number, number, number]): Promise<Point3> {
  const plane = await hook<{ imagePositionPatient: number[] | null }>(page, 'imagePlane', VP);
  return [centre[0], centre[1], plane.imagePositionPatient?.[2] ?? centre[2]];
}

async function openPetOnHottest(page: Page) {
  const pet = petStudy();
  await openStudyUnderTest(page, pet.study);
  await showSeries(page, pet.series);
  const index = await sliceNearest(page, pet.hottest.centerMm[2]);
  await goToSlice(page, index);
  const centre = await centreOnSlice(page, pet.hottest.centerMm);
  return { ...pet, centre };
}

// SwiftShader on a shared 2-core machine is slow: room per test, and waits on conditions.
test.describe.configure({ timeout: 180_000 });

test.describe('PET in SUV', () => {
  test('an ellipse on the hottest sphere reads its SUVmax and SUVmean in SUV', async ({ page }) => {
    const { hottest, centre } = await openPetOnHottest(page);
    // The frame's values themselves are SUV: the loader scaled them (no Bq/ml left).
    const atCentre = await hook<number | null>(page, 'valueAtWorld', VP, centre);
    expect(atCentre).not.toBeNull();
    expect(within(atCentre ?? 0, hottest.suvbw, 0.02)).toBe(true);

    await page.getByRole('button', { name: 'ROI elliptique' }).click();
    await expect(page.getByTestId('tool-ellipse')).toHaveAttribute('aria-pressed', 'true');
    // Half the sphere's radius around its centre: inside it on this slice, whatever the
    // slice's offset from the centre (≤ half a slice, 2 mm, against a 22 mm radius).
    const r = hottest.radiusMm / 2;
    const from = await pagePoint(page, centre);
    const to = await pagePoint(page, [centre[0] + r, centre[1] + r, centre[2]]);
    await dragBetween(page, from, to);
    const m = await onlyMeasurement(page, 'max');
    expect(m.toolName).toBe('EllipticalROI');
    expect(m.stats.modalityUnit).toBe('SUV');
    const max = m.stats.max as number;
    const mean = m.stats.mean as number;
    expect(within(max, hottest.suvbw, 0.02), `SUVmax ${max} vs ${hottest.suvbw}`).toBe(true);
    expect(within(mean, hottest.suvbw, 0.02), `SUVmean ${mean} vs ${hottest.suvbw}`).toBe(true);
    // As the user reads it: French decimals to the hundredth, in SUV.
    const fr2 = (n: number) => n.toFixed(2).replace('.', ',');
    await expect.poll(() => annotationText(page)).toContain(`${fr2(max)} SUV`);
  });

  test('the probe at the sphere’s centre reads its SUV; the first slice is in SUV too', async ({
    page,
  }) => {
    const { truth, series, hottest, centre } = await openPetOnHottest(page);
    await page.keyboard.press('o');
    await expect(page.getByTestId('tool-probe')).toHaveAttribute('aria-pressed', 'true');
    const at = await pagePoint(page, centre);
    await page.mouse.click(at[0], at[1]);
    const m = await onlyMeasurement(page, 'value');
    expect(m.toolName).toBe('Probe');
    expect(m.stats.modalityUnit).toBe('SUV');
    expect(within(m.stats.value as number, hottest.suvbw, 0.02)).toBe(true);
    expect(await annotationText(page)).toContain(' SUV');

    // The series' first image (asked for early, before the rest of the series was
    // registered): its background reads Bq/ml × bqmlToSuvbw, not Bq/ml.
    const phantom = series.phantom;
    if (phantom?.kind !== 'cross-section') throw new Error('cross-section phantom expected');
    await goToSlice(page, 0);
    const plane = await hook<{ imagePositionPatient: number[] | null }>(page, 'imagePlane', VP);
    const z = plane.imagePositionPatient?.[2] ?? 0;
    // A point of the body away from the spheres: the phantom's own value there.
    const inBody: Point3 = [0, 0, z];
    const value = await hook<number | null>(page, 'valueAtWorld', VP, inBody);
    const expected = phantomValueAt(phantom, inBody) * truth.bqmlToSuvbw;
    const noise = phantom.noiseAmplitude * truth.bqmlToSuvbw;
    expect(Math.abs((value ?? Infinity) - expected)).toBeLessThanOrEqual(noise + 1e-6);
  });

  test('the overlay names SUVbw and the SUV window; presets and hot iron recolour the sphere', async ({
    page,
  }) => {
    const { hottest, centre } = await openPetOnHottest(page);
    await expect(page.getByTestId('overlay-pet-unit')).toHaveText('SUVbw');
    await expect(page.getByTestId('overlay-suv-unavailable')).toHaveCount(0);
    // A PET in SUV opens on 0–5, written in SUV.
    await expect(page.getByTestId('overlay-window')).toHaveText('Fenêtre SUV 0 – 5');
    await expect(page.getByTestId('colormap-select')).toHaveValue('greyInverted');

    // A window where the sphere sits below the top of the map (hot iron is white at its
    // top, as grey is): the smallest SUV preset with the sphere under 80 % of it.
    const upper = [3, 5, 10, 15].find((u) => hottest.suvbw / u <= 0.8);
    if (upper === undefined) throw new Error(`no SUV preset above ${hottest.suvbw}`);
    await page.getByTestId('preset-select').selectOption(`suv${upper}`);
    await expect(page.getByTestId('overlay-window')).toHaveText(`Fenêtre SUV 0 – ${upper}`);

    const rgb = () => hook<[number, number, number]>(page, 'colourAt', VP, centre);
    // Inverted grey: a grey, darker the hotter (the sphere over half the window).
    const [gr, gg, gb] = await rgb();
    expect(Math.max(Math.abs(gr - gg), Math.abs(gr - gb))).toBeLessThan(8);
    expect(gr).toBeLessThan(128);

    await page.getByTestId('colormap-select').selectOption({ label: 'Fer chaud' });
    await expect.poll(() => hook<string | null>(page, 'colormapName', VP)).toBe('drim_hot_iron');
    // Hot iron: red first, then yellow, blue last — the sphere's pixels turn warm.
    await expect
      .poll(async () => {
        const [r, g, b] = await rgb();
        return r > 200 && r >= g && r - b > 100;
      })
      .toBe(true);

    // Reset goes back to how the PET opened: inverted grey, 0–5.
    await page.getByTestId('tool-reset').click();
    await expect(page.getByTestId('colormap-select')).toHaveValue('greyInverted');
    await expect(page.getByTestId('overlay-window')).toHaveText('Fenêtre SUV 0 – 5');
  });
});

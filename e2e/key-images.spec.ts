// Key images (issue 5's keyImagesOnly): a GP's IID link with keyImagesOnly=true opens the
// viewer on exactly the images the radiologist flagged in the study's KO document, checked
// against the manifest's truth through the page's test hook; a study without KO says so
// and shows everything.
import { expect, test, type Page } from '@playwright/test';
import type { ManifestStudy } from '../dev/sample-data/manifest';
import { readManifest, readStackInfo } from '../dev/stack/stackInfo';
import { openStudyAs } from './support/openStudyAs';
import { viewerHook as hook } from './support/viewerPage';

const stack = readStackInfo();
const manifest = readManifest(stack);
// On a loaded 2-core machine the IdP's page and a page decoding CT slices answer slowly.
const SLOW_PAGE_MS = 60_000;

const studyOf = (key: string): ManifestStudy => {
  const s = manifest.studies.find((x) => x.key === key);
  if (!s) throw new Error(`manifest has no study ${key}`);
  return s;
};

/** The SOP Instance UID a WADO-RS frame image id names. */
const sopOf = (imageId: string): string =>
  /\/instances\/([0-9.]+)\/frames\//.exec(imageId)?.[1] ?? '';

async function enableTestHook(page: Page): Promise<void> {
  await page.addInitScript(() => {
    (window as { __drimViewerTestEnabled?: boolean }).__drimViewerTestEnabled = true;
  });
}

/** A GP clicks an IID link in their patient-record software and logs in. */
async function launchIid(page: Page, query: string, username = 'medecin'): Promise<void> {
  await enableTestHook(page);
  await page.goto(`${stack.gatewayUrl}/IHEInvokeImageDisplay?${query}`);
  await expect(page.getByLabel('Identifiant')).toBeVisible({ timeout: SLOW_PAGE_MS });
  await page.getByLabel('Identifiant').fill(username);
  await page.getByLabel('Mot de passe').fill('demo');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page).toHaveURL(/\/study\/[^/]+$/, { timeout: 30_000 });
}

async function expectRendered(page: Page): Promise<void> {
  // A cold viewer decodes its first image in WebAssembly on a shared 2-core machine.
  await expect(page.getByTestId('viewport-0')).toHaveAttribute('data-render-state', 'rendered', {
    timeout: 90_000,
  });
}

/** What the first view's stack holds: its SOP Instance UIDs, in order. */
async function stackSops(page: Page): Promise<string[]> {
  const ids = await hook<string[] | null>(page, 'imageIds', 'drim-stack-0');
  return (ids ?? []).map(sopOf);
}

const imageCount = async (page: Page): Promise<number> =>
  (await hook<{ imageCount: number }>(page, 'state', 'drim-stack-0')).imageCount;

test.describe.configure({ timeout: 240_000 });

test.describe('key images (KO)', () => {
  for (const key of ['thomas-ct-tap-2026', 'martin-ct-thorax-2026']) {
    test(`an IID link with keyImagesOnly=true opens ${key} on exactly its key images`, async ({
      page,
    }) => {
      const s = studyOf(key);
      const ko = s.keyObjects[0];
      if (!ko) throw new Error(`${key} has no key object in the manifest`);
      expect(ko.images.length).toBeGreaterThan(0);
      await launchIid(page, `requestType=STUDY&studyUID=${s.studyInstanceUID}&keyImagesOnly=true`);
      expect(page.url()).not.toContain(s.studyInstanceUID);
      await expectRendered(page);

      // The stack is the radiologist's selection, in their order, and nothing else.
      await expect
        .poll(() => stackSops(page), { timeout: SLOW_PAGE_MS })
        .toEqual(ko.images.map((i) => i.sopInstanceUID));
      const state = await hook<{ imageIndex: number; imageCount: number }>(
        page,
        'state',
        'drim-stack-0',
      );
      expect(state).toMatchObject({ imageIndex: 0, imageCount: ko.images.length });

      const entry = page.getByTestId('series-key-images');
      await expect(entry).toHaveAttribute('aria-pressed', 'true');
      await expect(entry).toContainText('Images clés');
      await expect(entry).toContainText(`${ko.images.length} images choisies par le radiologue`);
      await expect(entry).toContainText(ko.description);
      await expect(page.getByTestId('key-images-notice')).toHaveText(
        'Seules les images clés sont affichées ; les séries complètes restent à gauche.',
      );
      // The KO series itself is never offered as a series.
      await expect(page.getByTestId(`series-${ko.seriesInstanceUID}`)).toHaveCount(0);
      for (const series of s.series) {
        await expect(page.getByTestId(`series-${series.seriesInstanceUID}`)).toBeVisible();
      }

      // Scrolling walks the key images only: the last one is the manifest's last.
      await page.getByTestId('viewport-0').click();
      await page.keyboard.press('End');
      await expect
        .poll(() => hook<{ imageIndex: number }>(page, 'state', 'drim-stack-0'), {
          timeout: SLOW_PAGE_MS,
        })
        .toMatchObject({ imageIndex: ko.images.length - 1 });

      // The whole series is one click away.
      const main = s.series[0];
      if (!main) throw new Error(`${key} has no image series`);
      await page.getByTestId(`series-${main.seriesInstanceUID}`).click();
      await expect
        .poll(() => imageCount(page), { timeout: SLOW_PAGE_MS })
        .toBe(main.numberOfInstances);
      await expect(entry).toHaveAttribute('aria-pressed', 'false');
    });
  }

  test('an IID link with keyImagesOnly=true on a study without KO says so and shows all its images', async ({
    page,
  }) => {
    const s = studyOf('dubois-mr-knee-2025');
    expect(s.keyObjects).toEqual([]);
    const series = s.series[0];
    if (!series) throw new Error('no image series');
    await launchIid(page, `requestType=STUDY&studyUID=${s.studyInstanceUID}&keyImagesOnly=true`);
    await expectRendered(page);
    await expect(page.getByTestId('key-images-notice')).toHaveText(
      'Aucune image clé pour cet examen : toutes les images sont affichées.',
    );
    await expect
      .poll(() => imageCount(page), { timeout: SLOW_PAGE_MS })
      .toBe(series.numberOfInstances);
    await expect(page.getByTestId('series-key-images')).toHaveCount(0);
    await expect(page.getByTestId(`series-${series.seriesInstanceUID}`)).toHaveAttribute(
      'aria-pressed',
      'true',
    );
  });

  test('without keyImagesOnly the study opens whole, and « Images clés » shows the selection', async ({
    page,
  }) => {
    const s = studyOf('dubois-ct-thorax-2026');
    const ko = s.keyObjects[0];
    const series = s.series[0];
    if (!ko || !series) throw new Error('dubois-ct-thorax-2026 needs a KO and an image series');
    await enableTestHook(page);
    await openStudyAs(page, 'medecin', s);
    await expectRendered(page);
    await expect
      .poll(() => imageCount(page), { timeout: SLOW_PAGE_MS })
      .toBe(series.numberOfInstances);
    await expect(page.getByTestId('key-images-notice')).toHaveText('');

    const entry = page.getByTestId('series-key-images');
    await expect(entry).toBeEnabled({ timeout: 60_000 });
    await entry.click();
    await expect
      .poll(() => stackSops(page), { timeout: SLOW_PAGE_MS })
      .toEqual(ko.images.map((i) => i.sopInstanceUID));
    await expect(entry).toHaveAttribute('aria-pressed', 'true');
    // Each key image is drawn at its own slice: the overlay's position is the truth's z.
    const phantom = series.phantom;
    if (phantom?.kind !== 'cross-section') throw new Error('expected a CT phantom');
    const overlay = page.getByTestId('viewport-0').getByTestId('viewport-overlay');
    for (const [i, image] of ko.images.entries()) {
      if (i > 0) await page.keyboard.press('ArrowDown');
      const z = phantom.firstSliceZ + (image.instanceNumber - 1) * phantom.sliceStepZ;
      const mm = z.toLocaleString('fr-FR', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
      await expect(overlay).toContainText(`Position ${mm} mm`);
    }
  });

  test.describe('on a phone', () => {
    test.use({ hasTouch: true, viewport: { width: 390, height: 844 } });

    test('the key images and the notice fit the screen', async ({ page }) => {
      const s = studyOf('dubois-ct-thorax-2026');
      const ko = s.keyObjects[0];
      if (!ko) throw new Error('dubois-ct-thorax-2026 needs a KO');
      await launchIid(page, `requestType=STUDY&studyUID=${s.studyInstanceUID}&keyImagesOnly=true`);
      await expectRendered(page);
      await expect
        .poll(() => stackSops(page), { timeout: SLOW_PAGE_MS })
        .toEqual(ko.images.map((i) => i.sopInstanceUID));
      const notice = page.getByTestId('key-images-notice');
      await expect(notice).toBeVisible();
      const entry = page.getByTestId('series-key-images');
      await entry.scrollIntoViewIfNeeded();
      await expect(entry).toBeVisible();
      for (const box of [await notice.boundingBox(), await entry.boundingBox()]) {
        expect(box).not.toBeNull();
        expect((box?.x ?? -1) >= 0 && (box?.x ?? 0) + (box?.width ?? 0) <= 390).toBe(true);
      }
      // The French sentence wraps inside the screen rather than being cut.
      expect(await notice.evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);
    });
  });
});

// Series thumbnails (src/features/viewer/components/SeriesThumbnail.tsx): the source renders
// the series' middle image (WADO-RS /rendered) and the panel shows it; only when the source
// cannot render it is the image decoded in the browser — a second WebGL rendering that would
// compete with the series' background loading. Checked on the thumbnail's pixels: the
// phantom's body is lighter than the air around it.
import { expect, test, type Page } from '@playwright/test';
import { readManifest, readStackInfo } from '../dev/stack/stackInfo';
import { openInViewer, studyIn } from './support/viewerPage';

test.describe.configure({ timeout: 180_000 });

const manifest = readManifest(readStackInfo());
const THUMBNAIL_REQUEST = /\/instances\/[0-9.]+\/rendered\?viewport=\d+,\d+$/;

/** Mean grey of the thumbnail's centre and of its corners, read from its decoded pixels. */
async function thumbnailGreys(page: Page, seriesUID: string) {
  const img = page.getByTestId(`series-${seriesUID}`).locator('img');
  await expect(img).toHaveJSProperty('complete', true);
  return img.evaluate((el: HTMLImageElement) => {
    const w = el.naturalWidth;
    const h = el.naturalHeight;
    const canvas = document.createElement('canvas');
    canvas.width = w;
    canvas.height = h;
    const ctx = canvas.getContext('2d');
    if (!ctx || w === 0 || h === 0) return null;
    ctx.drawImage(el, 0, 0);
    const { data } = ctx.getImageData(0, 0, w, h);
    const mean = (x0: number, y0: number, x1: number, y1: number) => {
      let sum = 0;
      let count = 0;
      for (let y = Math.floor(y0 * h); y < Math.floor(y1 * h); y++) {
        for (let x = Math.floor(x0 * w); x < Math.floor(x1 * w); x++) {
          const i = (y * w + x) * 4;
          sum += ((data[i] ?? 0) + (data[i + 1] ?? 0) + (data[i + 2] ?? 0)) / 3;
          count++;
        }
      }
      return count ? sum / count : 0;
    };
    return {
      src: el.src.slice(0, 16),
      width: w,
      centre: mean(0.4, 0.4, 0.6, 0.6),
      corner: mean(0, 0, 0.08, 0.08),
    };
  });
}

test('a series thumbnail is the source’s rendering of its middle image', async ({ page }) => {
  const study = studyIn(manifest, 'dubois-ct-thorax-2026');
  const seriesUID = study.series[0]?.seriesInstanceUID ?? '';
  const answered = page.waitForResponse((r) => THUMBNAIL_REQUEST.test(r.url()));
  await openInViewer(page, study);
  const response = await answered;
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('image/jpeg');

  const greys = await thumbnailGreys(page, seriesUID);
  expect(greys?.src).toMatch(/^blob:/);
  expect(greys?.width).toBeGreaterThanOrEqual(64);
  // Air at the corners is black at the series' window; the body is well above it.
  expect(greys?.corner ?? 255).toBeLessThan(20);
  expect((greys?.centre ?? 0) - (greys?.corner ?? 0)).toBeGreaterThan(40);
});

test('when the source cannot render a thumbnail, it is decoded in the browser', async ({
  page,
}) => {
  const study = studyIn(manifest, 'dubois-ct-thorax-2026');
  const seriesUID = study.series[0]?.seriesInstanceUID ?? '';
  // What Orthanc without GDCM answers for a JPEG 2000 image.
  await page.route(THUMBNAIL_REQUEST, (route) =>
    route.fulfill({ status: 400, contentType: 'application/json', body: '{}' }),
  );
  await openInViewer(page, study);

  const greys = await thumbnailGreys(page, seriesUID);
  expect(greys?.src).toMatch(/^data:image\/png/);
  expect(greys?.corner ?? 255).toBeLessThan(20);
  expect((greys?.centre ?? 0) - (greys?.corner ?? 0)).toBeGreaterThan(40);
});

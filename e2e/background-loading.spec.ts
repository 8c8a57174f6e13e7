// Background loading of a whole series (src/lib/cornerstone/framePrefetch.ts): the large CT
// comes in one streamed series retrieve rather than one request per frame, and every frame
// lands in the image cache with its own pixels — checked against the phantom's truth
// (dev/.data/sample/manifest.json) slice by slice, so a frame filed under another slice's id
// would show. When that one request fails, the frames are loaded one by one all the same;
// when the first image, or the first series, fails, the rest still loads.
import { expect, test, type Page } from '@playwright/test';
import type { CrossSectionTruth, ManifestStudy } from '../dev/sample-data/manifest';
import { readManifest, readStackInfo } from '../dev/stack/stackInfo';
import { openInViewer, openStudyInApp, viewerHook } from './support/viewerPage';

test.describe.configure({ timeout: 240_000 });

const SERIES_RETRIEVE = /\/dicomweb\/[^/]+\/studies\/[0-9.]+\/series\/[0-9.]+$/;
const FRAME_REQUEST = /\/frames\/[0-9]+$/;

function largeCt(): { study: ManifestStudy; phantom: CrossSectionTruth; seriesUid: string } {
  const study = readManifest(readStackInfo()).studies.find((s) => s.tags.includes('large-ct'));
  const series = study?.series[0];
  const phantom = series?.phantom;
  if (!study || !series || phantom?.kind !== 'cross-section') {
    throw new Error('the manifest needs a large-ct study with a CT phantom');
  }
  return { study, phantom, seriesUid: series.seriesInstanceUID };
}

function shapeValue(phantom: CrossSectionTruth, label: string): number {
  const found = phantom.shapes.find((s) => s.label === label);
  if (!found) throw new Error(`no ${label} in the phantom`);
  return found.value;
}

/** Paths of the DICOMweb requests the page makes, as they are made. */
function recordRequests(page: Page): string[] {
  const paths: string[] = [];
  page.on('request', (r) => paths.push(new URL(r.url()).pathname));
  return paths;
}

async function waitForWholeSeries(page: Page, seriesUid: string): Promise<string[]> {
  await expect(page.getByTestId(`series-progress-${seriesUid}`)).toHaveAttribute(
    'data-complete',
    'true',
    { timeout: 180_000 },
  );
  return viewerHook<string[]>(page, 'imageIds', 'drim-stack-0');
}

/** Every frame's value at the bone sphere's centre line, the body centre and the spine. */
async function expectPhantomInEveryFrame(
  page: Page,
  imageIds: string[],
  phantom: CrossSectionTruth,
): Promise<void> {
  const sphere = phantom.shapes.find((s) => s.kind === 'sphere');
  const spine = phantom.shapes.find((s) => s.label === 'spine');
  if (sphere?.kind !== 'sphere' || spine?.kind !== 'cylinder') throw new Error('phantom shapes');
  const [sx, sy, sz] = sphere.centerMm;
  const atSphere = await viewerHook<(number | null)[]>(page, 'cachedValuesAt', imageIds, sx, sy);
  const atSpine = await viewerHook<(number | null)[]>(
    page,
    'cachedValuesAt',
    imageIds,
    spine.centerMm[0],
    spine.centerMm[1],
  );
  const body = shapeValue(phantom, 'body');
  const near = (v: number | null, expected: number) =>
    v !== null && Math.abs(v - expected) <= phantom.noiseAmplitude;
  let sphereSlices = 0;
  for (const [i, id] of imageIds.entries()) {
    // The stack is in slice order; instance i+1 is at firstSliceZ + i × step (generator).
    const z = phantom.firstSliceZ + i * phantom.sliceStepZ;
    const dz = Math.abs(z - sz);
    expect(near(atSpine[i] ?? null, spine.value), `spine in frame ${i + 1} (${id})`).toBe(true);
    if (dz < sphere.radiusMm - 1.5) {
      sphereSlices++;
      expect(near(atSphere[i] ?? null, sphere.value), `sphere in frame ${i + 1}`).toBe(true);
    } else if (dz > sphere.radiusMm + 1.5) {
      expect(near(atSphere[i] ?? null, body), `no sphere in frame ${i + 1}`).toBe(true);
    }
  }
  expect(sphereSlices).toBeGreaterThan(20);
}

test('a whole series loads in one request, every frame with its own pixels', async ({ page }) => {
  const { study, phantom, seriesUid } = largeCt();
  const requests = recordRequests(page);
  await openInViewer(page, study);
  const imageIds = await waitForWholeSeries(page, seriesUid);
  expect(imageIds).toHaveLength(study.series[0]?.numberOfInstances ?? -1);
  expect(await viewerHook<number>(page, 'imagesCached', imageIds)).toBe(imageIds.length);
  expect(requests.filter((p) => SERIES_RETRIEVE.test(p))).toHaveLength(1);
  // Its metadata too, once for the preview, Cornerstone and the background loading alike.
  expect(requests.filter((p) => p.endsWith(`/series/${seriesUid}/metadata`))).toHaveLength(1);
  // The viewport asks for what it shows itself; the rest came with the series.
  expect(requests.filter((p) => FRAME_REQUEST.test(p)).length).toBeLessThan(10);
  await expectPhantomInEveryFrame(page, imageIds, phantom);
});

test('when the series request fails, every frame is loaded one by one', async ({ page }) => {
  const { study, phantom, seriesUid } = largeCt();
  await page.route(SERIES_RETRIEVE, (route) => route.abort('connectionreset'));
  const requests = recordRequests(page);
  await openInViewer(page, study);
  const imageIds = await waitForWholeSeries(page, seriesUid);
  expect(await viewerHook<number>(page, 'imagesCached', imageIds)).toBe(imageIds.length);
  expect(requests.filter((p) => FRAME_REQUEST.test(p)).length).toBeGreaterThanOrEqual(
    imageIds.length,
  );
  await expectPhantomInEveryFrame(page, imageIds, phantom);
});

test('a first image that cannot be loaded does not hold back the rest of its series', async ({
  page,
}) => {
  const { study, seriesUid } = largeCt();
  // Every frame asked for on its own fails, the image the view opens on among them; the rest
  // of the series comes with the series request, which is left alone.
  await page.route(FRAME_REQUEST, (route) =>
    route.fulfill({ status: 500, contentType: 'text/plain', body: 'panne' }),
  );
  await page.addInitScript(() => {
    (window as { __drimViewerTestEnabled?: boolean }).__drimViewerTestEnabled = true;
  });
  await openStudyInApp(page, 'radiologue', study);
  const pane = page.getByTestId('viewport-0');
  await expect(pane).toHaveAttribute('data-render-state', 'error', { timeout: 90_000 });
  await expect(pane.getByRole('alert')).toBeVisible();

  const imageIds = await waitForWholeSeries(page, seriesUid);
  expect(imageIds).toHaveLength(study.series[0]?.numberOfInstances ?? -1);
  // All but the one that failed are in memory, ready to be scrolled to.
  expect(await viewerHook<number>(page, 'imagesCached', imageIds.slice(1))).toBe(
    imageIds.length - 1,
  );
});

test('a first series whose metadata cannot be read does not hold back the next one', async ({
  page,
}) => {
  const study = readManifest(readStackInfo()).studies.find(
    (s) => s.key === 'bernard-mr-brain-2026',
  );
  const [first, second] = study?.series ?? [];
  if (!study || !first || !second) throw new Error('the manifest needs a study of two series');
  await page.route(`**/series/${first.seriesInstanceUID}/metadata`, (route) =>
    route.fulfill({ status: 500, contentType: 'text/plain', body: 'panne' }),
  );
  await page.addInitScript(() => {
    (window as { __drimViewerTestEnabled?: boolean }).__drimViewerTestEnabled = true;
  });
  await openStudyInApp(page, 'radiologue', study);
  await expect(page.getByTestId('viewport-0')).toContainText(
    'Les informations de cette série n’ont pas pu être lues',
    { timeout: 90_000 },
  );
  // Nothing was drawn, and the next series loads all the same, ready to be shown.
  await expect(page.getByTestId(`series-progress-${second.seriesInstanceUID}`)).toHaveAttribute(
    'data-complete',
    'true',
    { timeout: 120_000 },
  );
  await expect(page.getByTestId(`series-progress-${second.seriesInstanceUID}`)).toHaveAttribute(
    'value',
    String(second.numberOfInstances),
  );
  await page.getByTestId(`series-${second.seriesInstanceUID}`).click();
  await expect(page.getByTestId('viewport-0')).toHaveAttribute('data-render-state', 'rendered', {
    timeout: 60_000,
  });
});

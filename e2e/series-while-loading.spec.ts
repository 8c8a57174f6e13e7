// A series chosen while the study's first one is still loading. The layout may change under
// the click (the PET/CT's fusion row giving way to the user's own), so the view is set up
// again under the same id; the first series' image, when it comes at last, must not be
// drawn into it (src/lib/cornerstone/stackViewport.ts, forgetStack).
import { expect, test } from '@playwright/test';
import { readManifest, readStackInfo } from '../dev/stack/stackInfo';
import { holdRequests } from './support/holdRequests';
import { openStudyUnderTest, studyIn, viewerHook as hook } from './support/viewerPage';

test.describe.configure({ timeout: 180_000 });

const stack = readStackInfo();
const manifest = readManifest(stack);
const VP = 'drim-stack-0';

test('the PET chosen while the CT loads opens fitted, and stays so when the CT’s images come', async ({
  page,
}) => {
  const study = studyIn(manifest, 'thomas-pt-2026');
  const ct = study.series.find((s) => s.modality === 'CT');
  const pet = study.series.find((s) => s.modality === 'PT');
  if (!ct || !pet) throw new Error('the PET/CT has no CT or no PET');
  const uid = ct.seriesInstanceUID.replace(/\./g, '\\.');
  // The CT's pixels, frame by frame or the whole series at once.
  const release = await holdRequests(
    page,
    new RegExp(`/series/${uid}(/instances/[0-9.]+/frames/\\d+)?$`),
  );
  await openStudyUnderTest(page, study);
  await page.getByTestId(`series-${pet.seriesInstanceUID}`).click({ timeout: 90_000 });
  release();

  const view = page.getByTestId('viewport-0');
  await expect(view).toHaveAttribute('data-render-state', 'rendered', { timeout: 90_000 });
  await expect
    .poll(async () => (await hook<string[]>(page, 'imageIds', VP))[0] ?? '')
    .toContain(pet.seriesInstanceUID);
  // Every CT image is in, the one the first view was waiting for among them.
  await expect(page.getByTestId(`series-progress-${ct.seriesInstanceUID}`)).toHaveAttribute(
    'data-complete',
    'true',
    { timeout: 90_000 },
  );
  await page.evaluate(
    () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
  );
  const state = await hook<{ zoom: number; imageCount: number }>(page, 'state', VP);
  expect(state.imageCount).toBe(pet.numberOfInstances);
  // Fitted as a new stack opens, not the dot a stale zoom leaves (1/300 was seen).
  expect(state.zoom).toBeGreaterThan(0.9);
  expect(state.zoom).toBeLessThan(1.1);
  await expect(view.getByTestId('overlay-zoom')).toHaveText('Zoom 1,00×');
});

// What the viewer specs share: opening a study with the page's test hook installed, calling
// that hook (pixel values, luminance on screen, measurements, camera), and mouse gestures
// between page points.
import { expect, type Page } from '@playwright/test';
import type { Manifest, ManifestStudy } from '../../dev/sample-data/manifest';
import { loginThroughIdp } from './login';
import { studyKeyFor } from './openStudyAs';

export type Point3 = [number, number, number];

export function studyIn(manifest: Manifest, key: string): ManifestStudy {
  const found = manifest.studies.find((s) => s.key === key);
  if (!found) throw new Error(`no study ${key} in the manifest`);
  return found;
}

/**
 * Logs in as `username` and opens the study inside the app, as a click in the study list
 * does. `page.goto` would reload the page, drop the session kept in memory and make every
 * viewer test depend on a silent renewal — seen timing out here under heavy load.
 */
export async function openStudyInApp(
  page: Page,
  username: string,
  study: { studyInstanceUID: string; sourceIds: string[] },
): Promise<void> {
  const key = await studyKeyFor(username, study.studyInstanceUID, study.sourceIds);
  await loginThroughIdp(page, username);
  await page.evaluate((path) => {
    window.history.pushState({}, '', path);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, `/study/${key}`);
  await expect(page).toHaveURL(/\/study\//);
}

/**
 * Opens the study with the test hook on, without waiting for a first view: a PET/CT may open
 * in the fusion view (hanging protocol), which the series panel leaves for a stack view.
 */
export async function openStudyUnderTest(
  page: Page,
  study: { studyInstanceUID: string; sourceIds: string[] },
  username = 'radiologue',
): Promise<void> {
  await page.addInitScript(() => {
    (window as { __drimViewerTestEnabled?: boolean }).__drimViewerTestEnabled = true;
  });
  await openStudyInApp(page, username, study);
}

/** Opens the study as `username` with the test hook on, and waits for its first image. */
export async function openInViewer(
  page: Page,
  study: ManifestStudy,
  username = 'radiologue',
): Promise<void> {
  await page.addInitScript(() => {
    (window as { __drimViewerTestEnabled?: boolean }).__drimViewerTestEnabled = true;
  });
  await openStudyInApp(page, username, study);
  // A condition, not a speed check: with several stacks and browsers on two cores (load
  // average 20–40 seen), the viewer chunk and first frame can take most of a minute.
  await expect(page.getByTestId('viewport-0')).toHaveAttribute('data-render-state', 'rendered', {
    timeout: 90_000,
  });
}

/** Calls the page's test hook (src/lib/cornerstone/testHook.ts). */
export function viewerHook<T>(page: Page, method: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(
    ([m, a]) => {
      const api = (
        window as unknown as { __drimViewerTest: Record<string, (...x: unknown[]) => unknown> }
      ).__drimViewerTest;
      return api[m as string]?.(...(a as unknown[])) as T;
    },
    [method, args] as const,
  );
}

/** Press at `from`, move in steps (so tools see a drag), release at `to`. */
export async function dragBetween(page: Page, from: number[], to: number[]): Promise<void> {
  const [x0 = 0, y0 = 0] = from;
  const [x1 = 0, y1 = 0] = to;
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  await page.mouse.move((x0 + x1) / 2, (y0 + y1) / 2, { steps: 5 });
  await page.mouse.move(x1, y1, { steps: 5 });
  await page.mouse.up();
}

// Holding requests back in a test until it lets them go: the viewer's states in between
// (the preview before Cornerstone's code, the report before the first image) can then be
// looked at without racing the network.
import type { Page } from '@playwright/test';

/** Cornerstone's chunk, which the image viewer's workspace waits for. */
export const CORNERSTONE_CHUNK = /\/assets\/prepareViewer-[^/]+\.js$/;

/** Every way Cornerstone's pixels arrive: a frame, or the whole series in one streamed answer. */
export const IMAGE_DATA = /\/frames\/\d+$|\/series\/[\d.]+$/;

/** Requests matching `pattern` (as page.route reads it) wait until the returned function is called. */
export async function holdRequests(
  page: Page,
  pattern: RegExp | ((url: URL) => boolean),
): Promise<() => void> {
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(pattern, async (route) => {
    await held;
    // The page may be gone by then (a test that never lets go).
    await route.continue().catch(() => undefined);
  });
  return release;
}

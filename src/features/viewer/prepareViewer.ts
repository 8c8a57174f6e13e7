// Cornerstone's side of the viewer, as one chunk: its start-up, and what a study's session
// (session/viewerSession.ts) hands to it — series to register, frames to load. Only
// session/imagingChunk.ts imports this module, dynamically: for a study's session once the
// first image's preview is on screen. Evaluating Cornerstone's code holds the page's only
// thread for about a second.
//
// The workspace also imports it (imageCacheBudget), statically: its chunk then depends on
// this one, so Cornerstone's code lands here, in `prepareViewer-*.js`, which the e2e specs
// hold back (e2e/support/holdRequests.ts) and bench/viewer.ts times.
import { imageCacheBytes } from '../../domain/viewer/cacheBudget';
import { loadFirstImageEarly } from '../../lib/cornerstone/firstImage';
import { prefetchFrames } from '../../lib/cornerstone/framePrefetch';
import { registerSeries } from '../../lib/cornerstone/registerSeries';
import { prepareViewerEngine } from '../../lib/cornerstone/renderingEngine';
import { startCornerstone } from '../../lib/cornerstone/startCornerstone';
import { markViewerPhase } from '../../lib/viewerTimeline';
import type { ViewerImaging } from './session/viewerImaging';

markViewerPhase('cornerstone-code');

/** Build-time override of the image cache (MB), e.g. for a kiosk or a phone-only region. */
const CONFIGURED_CACHE_MB = Number(import.meta.env['VITE_IMAGE_CACHE_MB'] ?? '') || undefined;

export function imageCacheBudget(): number {
  return imageCacheBytes({
    deviceMemoryGb: (navigator as { deviceMemory?: number }).deviceMemory,
    configuredMb: CONFIGURED_CACHE_MB,
  });
}

export const viewerImaging: ViewerImaging = { registerSeries, loadFirstImageEarly, prefetchFrames };

export async function prepareViewer(): Promise<void> {
  await startCornerstone({ cacheBytes: imageCacheBudget() });
  markViewerPhase('cornerstone-ready');
  // A task later: the first frame, asked for as soon as Cornerstone is ready, goes first.
  setTimeout(prepareViewerEngine, 0);
}

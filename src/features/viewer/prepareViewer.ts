// Cornerstone's start-up, callable before the workspace mounts: the route starts it as soon
// as this code is loaded, while the study's metadata is still on its way.
import { imageCacheBytes } from '../../domain/viewer/cacheBudget';
import { startCornerstone } from '../../lib/cornerstone/startCornerstone';
import { markViewerPhase } from '../../lib/viewerTimeline';

markViewerPhase('cornerstone-code');

/** Build-time override of the image cache (MB), e.g. for a kiosk or a phone-only region. */
const CONFIGURED_CACHE_MB = Number(import.meta.env['VITE_IMAGE_CACHE_MB'] ?? '') || undefined;

export function imageCacheBudget(): number {
  return imageCacheBytes({
    deviceMemoryGb: (navigator as { deviceMemory?: number }).deviceMemory,
    configuredMb: CONFIGURED_CACHE_MB,
  });
}

export async function prepareViewer(accessToken: () => string | null): Promise<void> {
  await startCornerstone({ accessToken, cacheBytes: imageCacheBudget() });
  markViewerPhase('cornerstone-ready');
}

// The study's first image is asked for as soon as its series is registered, before any
// viewport exists: its fetch and its decoding (in the loader's worker) then overlap the
// WebGL set-up on the page's thread instead of waiting for it. The viewport asks for the
// same image id later and is handed this very load by Cornerstone's cache.
import { Enums, imageLoader } from '@cornerstonejs/core';
import { cornerstoneStarted } from './startCornerstone';

export function loadFirstImageEarly(imageId: string): void {
  const started = cornerstoneStarted();
  if (!started) return;
  void started
    .then(() =>
      imageLoader.loadAndCacheImage(imageId, {
        requestType: Enums.RequestType.Interaction,
        priority: -5,
      }),
    )
    // The viewport asks again and says what went wrong, in its own place.
    .catch(() => undefined);
}

// Loads a series' frames into the image cache in the background, through Cornerstone's
// request pool so that what the user is looking at (Interaction requests) always goes
// first, and reports how many frames are in (a few times a second, not per frame: see
// progressReports). Stops at the frames the cache budget allows: loading more would only
// evict what was just loaded.
import { Enums, cache, imageLoadPoolManager, imageLoader } from '@cornerstonejs/core';
import { progressReports } from './progressReports';

export interface PrefetchProgress {
  loaded: number;
  failed: number;
  total: number;
}

export interface PrefetchHandle {
  cancel: () => void;
  done: Promise<PrefetchProgress>;
}

// Loopback or LAN sources answer fast; decoding is what limits, so a few at a time suffice.
imageLoadPoolManager.setMaxSimultaneousRequests(Enums.RequestType.Prefetch, 6);

const PROGRESS_INTERVAL_MS = 250;

export function prefetchFrames(
  imageIds: readonly string[],
  options: { limit: number; priority: number; onProgress: (p: PrefetchProgress) => void },
): PrefetchHandle {
  const progress: PrefetchProgress = { loaded: 0, failed: 0, total: imageIds.length };
  let cancelled = false;
  const wanted = imageIds.slice(0, Math.max(0, options.limit));
  let pending = wanted.length;
  let finish: (p: PrefetchProgress) => void = () => undefined;
  const done = new Promise<PrefetchProgress>((resolve) => {
    finish = resolve;
  });
  const reports = progressReports(options.onProgress, PROGRESS_INTERVAL_MS);
  const settle = (ok: boolean) => {
    if (ok) progress.loaded++;
    else progress.failed++;
    pending--;
    if (!cancelled) reports.push({ ...progress }, pending === 0);
    if (pending === 0) finish({ ...progress });
  };
  if (pending === 0) finish({ ...progress });
  for (const imageId of wanted) {
    if (cache.getImageLoadObject(imageId)) {
      // Already loaded or on its way (the viewport asked for it): wait for that one.
      void cache.getImageLoadObject(imageId)?.promise.then(
        () => settle(true),
        () => settle(false),
      );
      continue;
    }
    imageLoadPoolManager.addRequest(
      () => {
        if (cancelled) {
          settle(false);
          return Promise.resolve();
        }
        return imageLoader
          .loadAndCacheImage(imageId, {
            priority: options.priority,
            requestType: Enums.RequestType.Prefetch,
          })
          .then(
            () => settle(true),
            () => settle(false),
          );
      },
      Enums.RequestType.Prefetch,
      { imageId },
      options.priority,
    );
  }
  return {
    cancel: () => {
      cancelled = true;
      reports.cancel();
      imageLoadPoolManager.clearRequestStack(Enums.RequestType.Prefetch);
    },
    done,
  };
}

export function cacheBytesInUse(): number {
  return cache.getCacheSize();
}

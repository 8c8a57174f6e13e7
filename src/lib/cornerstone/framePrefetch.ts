// Loads a series' frames into the image cache in the background, through Cornerstone's
// request pool so that what the user is looking at (Interaction requests) always goes
// first, and reports how many frames are in (a few times a second, not per frame: see
// progressReports). Stops at the frames the cache budget allows: loading more would only
// evict what was just loaded.
//
// A series that fits the budget whole is fetched in one streamed request
// (wholeSeriesRetrieve.ts): each frame is decoded as soon as its instance is in. Frames
// that request does not bring in a form the loader decodes right as stored — or all of
// them, if it fails — are then loaded one by one, the way the viewport loads them.
//
// Decoding can be held back (`decodeWhen`) while the stream already runs: the first view's
// WebGL set-up and render then have the CPU to themselves, and the transfer — about a
// second for a 300-slice CT here — is over by the time the decoders start, instead of
// pacing them.
import { Enums, cache, imageLoadPoolManager, imageLoader } from '@cornerstonejs/core';
import { progressReports } from './progressReports';
import { currentAccessToken } from '../api/accessToken';
import {
  holdFrame,
  releaseFrame,
  retrieveWholeSeries,
  seriesOfImageIds,
} from './wholeSeriesRetrieve';

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
/** Below this, one request per frame costs less than a whole-series answer would. */
const WHOLE_SERIES_MIN_FRAMES = 4;

export function prefetchFrames(
  imageIds: readonly string[],
  options: {
    limit: number;
    priority: number;
    onProgress: (p: PrefetchProgress) => void;
    /** No frame is decoded (nor asked for one by one) before this settles. */
    decodeWhen?: Promise<unknown>;
  },
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

  /** Frames not yet asked for, by this load or by anyone else. */
  const notAsked = new Set<string>();
  /** Settles once, whoever loads the frame; false when it was not ours to settle any more. */
  const waitFor = (imageId: string): boolean => {
    const inFlight = cache.getImageLoadObject(imageId);
    if (!inFlight) return false;
    notAsked.delete(imageId);
    void inFlight.promise.then(
      () => settle(true),
      () => settle(false),
    );
    return true;
  };
  let decoding = options.decodeWhen === undefined;
  /** Frames to load once decoding may start, in the order they came. */
  const waiting: string[] = [];
  const load = (imageId: string) => {
    notAsked.delete(imageId);
    if (!decoding) {
      waiting.push(imageId);
      return;
    }
    imageLoadPoolManager.addRequest(
      () => {
        if (cancelled) {
          releaseFrame(imageId);
          settle(false);
          return Promise.resolve();
        }
        // Already loaded or on its way (the viewport asked for it): wait for that one.
        if (waitFor(imageId)) {
          releaseFrame(imageId);
          return Promise.resolve();
        }
        const promise = imageLoader.loadAndCacheImage(imageId, {
          priority: options.priority,
          requestType: Enums.RequestType.Prefetch,
        });
        // The loader read the held bytes (if any) synchronously: they are not needed again.
        releaseFrame(imageId);
        return promise.then(
          () => settle(true),
          () => settle(false),
        );
      },
      Enums.RequestType.Prefetch,
      { imageId },
      options.priority,
    );
  };

  for (const imageId of wanted) {
    if (!waitFor(imageId)) notAsked.add(imageId);
  }
  const series = seriesOfImageIds(wanted);
  const abort = new AbortController();
  const whole =
    series !== null &&
    wanted.length === imageIds.length &&
    notAsked.size >= WHOLE_SERIES_MIN_FRAMES;
  if (whole) {
    void retrieveWholeSeries(series.url, {
      accessToken: currentAccessToken(),
      signal: abort.signal,
      parseWhen: options.decodeWhen,
      onFrame: (sop, frame, pixelData, transferSyntax) => {
        const imageId = series.frameIdOf(sop, frame);
        if (cancelled || !notAsked.has(imageId)) return;
        if (waitFor(imageId)) return;
        holdFrame(imageId, pixelData, transferSyntax);
        load(imageId);
      },
    })
      .catch(() => undefined)
      .finally(() => {
        // Whatever the stream did not bring (or brought in a form left to the per-frame path).
        if (!cancelled) for (const imageId of [...notAsked]) load(imageId);
      });
  } else {
    for (const imageId of [...notAsked]) load(imageId);
  }
  if (!decoding) {
    const start = () => {
      decoding = true;
      if (cancelled) return;
      for (const imageId of waiting.splice(0)) load(imageId);
    };
    void options.decodeWhen?.then(start, start);
  }
  return {
    cancel: () => {
      cancelled = true;
      abort.abort();
      reports.cancel();
      imageLoadPoolManager.clearRequestStack(Enums.RequestType.Prefetch);
      for (const imageId of wanted) releaseFrame(imageId);
    },
    done,
  };
}

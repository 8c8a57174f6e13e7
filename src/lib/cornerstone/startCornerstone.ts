// Starts Cornerstone3D once per page: core, then the DICOM image loader (its web workers
// and the wadors: scheme), then the tools — the order each expects (STACK-NOTES.md).
// Frames are fetched by the loader's own XHRs, so the bearer token is added here, in
// beforeSend, read at request time (lib/api/accessToken.ts): a token renewed during a
// session is picked up.
import {
  Enums,
  cache,
  eventTarget,
  getConfiguration,
  init as initCore,
  setConfiguration,
} from '@cornerstonejs/core';
import { init as initLoader } from '@cornerstonejs/dicom-image-loader';
import { annotation, init as initTools } from '@cornerstonejs/tools';
import { authorizationHeader, currentAccessToken } from '../api/accessToken';
import { onLogout } from '../auth/onLogout';
import { markViewerPhase } from '../viewerTimeline';
import { warmDecodeWorkers } from './codecWarmUp';
import { frameAnswerBytes, frameRequestHeaders, installFrameRetrieval } from './frameRetrieval';
import { installPixelDataStandIn } from './pixelDataStandIn';
import { forgetRegisteredSeries } from './registerSeries';
import { registerViewerTools } from './viewerTools';

export interface CornerstoneOptions {
  /** Upper bound of decoded images kept in memory. */
  cacheBytes: number;
}

let started: Promise<void> | null = null;

function workerCount(): number {
  const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2;
  // Decoding JPEG-LS/J2K in workers; beyond two, one core stays for the page. Measured on
  // 2 cores (bench/backgroundLoadCpu.ts, whole-series loading): once the page stopped
  // copying each decoded frame (setPixelDataType.ts), a CT frame costs ~5 ms on the page's
  // thread and ~9 ms in a worker, so one worker became the bound: with two, the 320-slice
  // CT loads in 3.2-4.7 s instead of 4.9-5.3 s, the page's thread still idle 40 % of it.
  return Math.max(2, Math.min(4, cores - 1));
}

/** Cornerstone's start-up, if it was begun (see startCornerstone). */
export function cornerstoneStarted(): Promise<void> | null {
  return started;
}

export function startCornerstone(options: CornerstoneOptions): Promise<void> {
  cache.setMaxCacheSize(options.cacheBytes);
  started ??= (async () => {
    // Cornerstone's default pool holds 7 WebGL contexts, each created up front: with a
    // software rasteriser (and on phones) every one costs a few hundred ms before the first
    // image. One context renders up to the four views of a 2×2 layout in turn.
    initCore();
    const config = getConfiguration();
    setConfiguration({ ...config, rendering: { ...config.rendering, webGlContextCount: 1 } });
    const workers = workerCount();
    initLoader({
      maxWebWorkers: workers,
      beforeSend: (xhr, imageId) => {
        const token = currentAccessToken();
        return {
          ...frameRequestHeaders(xhr, imageId),
          ...(token ? authorizationHeader(token) : {}),
        };
      },
      beforeProcessing: frameAnswerBytes,
    });
    void warmDecodeWorkers(workers);
    // Before any other wrapper of `wadors:`, which then builds on it (frameRetrieval.ts).
    installFrameRetrieval();
    installPixelDataStandIn(currentAccessToken);
    initTools();
    registerViewerTools();
    // A session's decoded images, instance metadata and measurements must not outlive it.
    onLogout(() => {
      cache.purgeCache();
      forgetRegisteredSeries();
      annotation.state.removeAllAnnotations();
    });
    const onFirstFrame = () => {
      markViewerPhase('first-frame');
      eventTarget.removeEventListener(Enums.Events.IMAGE_LOADED, onFirstFrame);
    };
    eventTarget.addEventListener(Enums.Events.IMAGE_LOADED, onFirstFrame);
  })();
  return started;
}

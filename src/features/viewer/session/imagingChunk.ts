// The one way Cornerstone's chunk (../prepareViewer.ts) is loaded and run: by a study's
// session when its viewer may run, or by a launch whose first image is on screen already.
// Once per page: the route's session and each compared prior's get the same start.
import type { ImagingStart } from './viewerImaging';

let start: Promise<ImagingStart> | null = null;

export function loadImagingChunk(): Promise<ImagingStart> {
  start ??= import('../prepareViewer').then(
    (chunk) => ({ imaging: chunk.viewerImaging, started: chunk.prepareViewer() }),
    (error: unknown) => {
      // A chunk that did not come (network) is asked again by the next caller.
      start = null;
      throw error;
    },
  );
  return start;
}

/**
 * Runs Cornerstone's chunk now, before any study's session asks for it: for a launch whose
 * first image the gateway wrote into the page (features/launch takeLaunchShot). No preview
 * is left for its evaluation (~0.3 s of the page's thread here) to hold back, so it overlaps
 * the claim's handover and the metadata's way in instead of following the viewer's own
 * preview. Measured on the IID link (bench:launch-ab, two A/Bs of 9 runs a side): the canvas
 * 64–92 ms sooner, cold and warm. A failure is the session's to report, when it asks.
 */
export function runImagingChunkAhead(): void {
  void loadImagingChunk().then(
    ({ started }) => started.catch(() => undefined),
    () => undefined,
  );
}

/** Cornerstone's chunk was asked to run in this page: a viewer opened now need not wait. */
export function imagingChunkAsked(): boolean {
  return start !== null;
}

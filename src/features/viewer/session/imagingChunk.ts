// The one way Cornerstone's chunk (../prepareViewer.ts) is loaded and run: by a study's
// session when its viewer may run. Once per page: the route's session and each compared
// prior's get the same start.
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

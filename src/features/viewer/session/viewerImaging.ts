// What a session asks of Cornerstone's side of the viewer. The session is the route's code,
// which must not carry Cornerstone (≈1 MB gzipped, a second of evaluation): it reaches these
// through the prepareViewer chunk, loaded when the viewer's code may run.
import type { loadFirstImageEarly } from '../../../lib/cornerstone/firstImage';
import type { prefetchFrames } from '../../../lib/cornerstone/framePrefetch';
import type { registerSeries } from '../../../lib/cornerstone/registerSeries';

export interface ViewerImaging {
  registerSeries: typeof registerSeries;
  loadFirstImageEarly: typeof loadFirstImageEarly;
  prefetchFrames: typeof prefetchFrames;
}

export interface ImagingStart {
  imaging: ViewerImaging;
  /** Cornerstone is initialised (core, image loader and its workers, tools). */
  started: Promise<void>;
}

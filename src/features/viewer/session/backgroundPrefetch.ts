// Background loading of a study's series into the image cache: one series at a time, in the
// contents' order (the first series first), each within what is left of the cache budget —
// loading more would only evict what was just loaded. Decoding waits for the first image to
// be on screen (`decodeWhen`); the first series' frames are already on their way by then.
import { framesThatFit } from '../../../domain/viewer/cacheBudget';
import type { PrefetchHandle } from '../../../lib/cornerstone/framePrefetch';
import type { SeriesProgressStore } from '../hooks/seriesProgress';
import type { SeriesState } from './seriesState';
import type { ViewerImaging } from './viewerImaging';

export interface BackgroundPrefetchDeps {
  imaging: ViewerImaging;
  firstSeriesUID: string;
  budgetBytes: number;
  contents: () => ReadonlyMap<string, SeriesState>;
  progress: SeriesProgressStore;
  decodeWhen: Promise<void>;
  /** The first series is in the cache, or has nothing of it to load. */
  firstSeriesIn: () => void;
}

interface SeriesLoad {
  handle: PrefetchHandle;
  finished: boolean;
}

export class BackgroundPrefetch {
  private readonly loads = new Map<string, SeriesLoad>();
  private budget: number;
  private budgetLeft: number;
  private cancelled = false;

  constructor(private readonly deps: BackgroundPrefetchDeps) {
    this.budget = deps.budgetBytes;
    this.budgetLeft = deps.budgetBytes;
  }

  /** Starts the next series' load unless one is running; called at every change. */
  next(): void {
    if (this.cancelled) return;
    if ([...this.loads.values()].some((load) => !load.finished)) return;
    const { firstSeriesUID } = this.deps;
    for (const [uid, state] of this.deps.contents()) {
      if (this.loads.has(uid)) continue;
      if (state.state === 'loading') return; // keep the order: wait for this one's metadata
      if (state.state !== 'ready') {
        if (uid === firstSeriesUID) this.deps.firstSeriesIn();
        continue;
      }
      const series = state.series;
      const frameBytes = Math.max(1, series.facts.decodedFrameBytes);
      const limit = Math.min(
        series.imageIds.length,
        this.loads.size === 0
          ? framesThatFit(this.budgetLeft, frameBytes)
          : Math.max(0, Math.floor(this.budgetLeft / frameBytes)),
      );
      this.budgetLeft -= limit * frameBytes;
      const load: SeriesLoad = {
        handle: this.deps.imaging.prefetchFrames(series.imageIds, {
          limit,
          priority: this.loads.size,
          onProgress: (p) => this.deps.progress.set(uid, p),
          decodeWhen: this.deps.decodeWhen,
        }),
        finished: false,
      };
      this.loads.set(uid, load);
      void load.handle.done.then(() => {
        if (uid === firstSeriesUID) this.deps.firstSeriesIn();
        load.finished = true;
        this.next();
      });
      return;
    }
  }

  /**
   * Another study now shares the cache (a comparison): series not begun yet load within
   * the new budget; what is loaded stays, and the cache evicts the least recently used.
   */
  setBudget(budgetBytes: number): void {
    this.budgetLeft += budgetBytes - this.budget;
    this.budget = budgetBytes;
  }

  cancel(): void {
    this.cancelled = true;
    for (const load of this.loads.values()) load.handle.cancel();
  }
}

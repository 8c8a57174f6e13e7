// Background-loading progress per series, kept outside React state: a progress tick (a few
// a second while a series loads) re-renders the one row that shows it, not the workspace
// around it — toolbar, views and overlays included, which it did when the progress was the
// workspace's state.
import { useCallback, useSyncExternalStore } from 'react';
import type { PrefetchProgress } from '../../../lib/cornerstone/framePrefetch';

export interface SeriesProgressStore {
  set: (seriesInstanceUID: string, progress: PrefetchProgress) => void;
  get: (seriesInstanceUID: string) => PrefetchProgress | undefined;
  subscribe: (seriesInstanceUID: string, listener: () => void) => () => void;
}

export function createSeriesProgressStore(): SeriesProgressStore {
  const values = new Map<string, PrefetchProgress>();
  const listeners = new Map<string, Set<() => void>>();
  return {
    set(uid, progress) {
      values.set(uid, progress);
      for (const listener of listeners.get(uid) ?? []) listener();
    },
    get: (uid) => values.get(uid),
    subscribe(uid, listener) {
      let set = listeners.get(uid);
      if (!set) listeners.set(uid, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(uid);
      };
    },
  };
}

/** The progress of one series, re-rendering its caller when that series' progress moves. */
export function useSeriesProgress(
  store: SeriesProgressStore,
  seriesInstanceUID: string,
): PrefetchProgress | undefined {
  const subscribe = useCallback(
    (listener: () => void) => store.subscribe(seriesInstanceUID, listener),
    [store, seriesInstanceUID],
  );
  const get = () => store.get(seriesInstanceUID);
  return useSyncExternalStore(subscribe, get, get);
}

// The study's frames load in the background once a view can draw (its rendering engine
// exists): started earlier, the stream would compete with the WebGL set-up. Studies compared
// share the image cache: each loads within its share of it.
import { useEffect } from 'react';
import { imageCacheBudget } from '../prepareViewer';
import type { ViewerSession } from '../session/viewerSession';

export function useBackgroundPrefetch(
  session: ViewerSession | null,
  canDraw: boolean,
  /** How many studies share the cache (1 unless compared). */
  sharedBy = 1,
): void {
  useEffect(() => {
    if (!session) return;
    const budget = Math.floor(imageCacheBudget() / Math.max(1, sharedBy));
    session.setPrefetchBudget(budget);
    if (canDraw) session.prefetchInBackground(budget);
  }, [session, canDraw, sharedBy]);
}

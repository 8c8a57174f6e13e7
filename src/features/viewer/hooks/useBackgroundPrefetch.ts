// The study's frames load in the background once a view can draw (its rendering engine
// exists): started earlier, the stream would compete with the WebGL set-up.
import { useEffect } from 'react';
import { imageCacheBudget } from '../prepareViewer';
import type { ViewerSession } from '../session/viewerSession';

export function useBackgroundPrefetch(session: ViewerSession, canDraw: boolean): void {
  useEffect(() => {
    if (canDraw) session.prefetchInBackground(imageCacheBudget());
  }, [session, canDraw]);
}

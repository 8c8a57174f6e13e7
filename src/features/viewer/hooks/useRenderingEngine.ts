// The workspace's rendering engine. Its WebGL set-up is long on a slow GPU, so it is made
// once the first series is registered and its first image asked for: that image travels
// and decodes meanwhile. Destroyed with the workspace.
import { useEffect, useState } from 'react';
import { createViewerEngine, type ViewerEngine } from '../../../lib/cornerstone/renderingEngine';
import type { ViewerSession } from '../session/viewerSession';

export function useRenderingEngine(
  session: ViewerSession,
  firstSeriesSettled: boolean,
): { engine: ViewerEngine | null; failed: boolean } {
  const [engine, setEngine] = useState<ViewerEngine | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!firstSeriesSettled) return;
    let made: ViewerEngine | null = null;
    let cancelled = false;
    void session
      .startCornerstone()
      .then(() => {
        if (cancelled) return;
        made = createViewerEngine();
        setEngine(made);
      })
      .catch(() => {
        if (cancelled) return;
        setFailed(true);
        // Nothing will load: what waits for the first series stops waiting.
        session.imagesAreIn();
      });
    return () => {
      cancelled = true;
      made?.destroy();
    };
  }, [session, firstSeriesSettled]);
  return { engine, failed };
}

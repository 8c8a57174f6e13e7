// The comparison's links, kept on the workspace's rendering engine for as long as views are
// compared (syncLinks.ts says which, lib/cornerstone/viewportLinks.ts moves them and makes a
// prior's view take the current view's state once it has drawn).
import { useEffect, useRef } from 'react';
import type { ViewerEngine } from '../../../lib/cornerstone/renderingEngine';
import {
  createViewportLinks,
  type ViewportLink,
  type ViewportLinks,
} from '../../../lib/cornerstone/viewportLinks';

export function usePaneSync(engine: ViewerEngine | null, links: readonly ViewportLink[]): void {
  const holder = useRef<ViewportLinks | null>(null);
  useEffect(() => {
    if (!engine) return;
    const made = createViewportLinks(engine);
    holder.current = made;
    return () => {
      made.dispose();
      holder.current = null;
    };
  }, [engine]);
  useEffect(() => {
    holder.current?.set(links);
  }, [engine, links]);
}

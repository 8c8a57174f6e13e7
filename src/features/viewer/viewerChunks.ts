// Starts the download of the viewer's chunks without running them (the list is written
// into index.html at build time by build/viewerChunkList.ts): ViewerRoute runs them once the
// first image's preview is on screen, so Cornerstone's long evaluation does not hold it.
// The Vite dev server writes no list: the chunks then load when they are imported.

import { VIEWER_CHUNKS_ELEMENT_ID } from '../../domain/viewer/viewerChunkListElement';

const CHUNK_PATH = /^\/assets\/[\w.-]+\.js$/;

export function viewerChunkPaths(json: string | null | undefined): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json ?? '');
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  return parsed.filter((p): p is string => typeof p === 'string' && CHUNK_PATH.test(p));
}

/**
 * `prefetch` downloads only; `modulepreload` also compiles on arrival, which a launch wants
 * (the claim's network wait covers it) and a study opened from the list does not (measured:
 * it delayed that preview by ~0.3 s, build/viewerChunkList.ts).
 */
export function preloadViewerChunks(rel: 'prefetch' | 'modulepreload' = 'prefetch'): void {
  const element = document.getElementById(VIEWER_CHUNKS_ELEMENT_ID);
  const present = new Set(
    [
      ...document.querySelectorAll<HTMLLinkElement>(
        'link[rel="prefetch"], link[rel="modulepreload"]',
      ),
    ].map((l) => new URL(l.href, window.location.href).pathname),
  );
  for (const path of viewerChunkPaths(element?.textContent)) {
    if (present.has(path)) continue;
    const link = document.createElement('link');
    link.rel = rel;
    if (rel === 'prefetch') link.as = 'script';
    // As the module loader will ask for it (same-origin credentials), so the copy is reused.
    link.crossOrigin = 'anonymous';
    link.href = path;
    document.head.append(link);
  }
}

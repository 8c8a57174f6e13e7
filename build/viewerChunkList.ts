// Writes into index.html the list of the viewer's chunks (Cornerstone3D and the workspace,
// with what they import), as inert JSON. Opening a study then starts their download at
// once with <link rel="prefetch"> — into the HTTP cache, neither compiled nor run — and
// runs them only once the first image's preview is on screen: compiling and evaluating
// Cornerstone's 4 MB holds the page's only thread for about a second here (longer on a
// phone), and the preview must not wait behind it (src/features/viewer/viewerChunks.ts;
// measured: modulepreload, which compiles on arrival, delayed the preview by ~0.3 s).
// index.html is served no-cache, so the list always names the current build's files.
import type { Plugin } from 'vite';
import { VIEWER_CHUNKS_ELEMENT_ID } from '../src/domain/viewer/viewerChunkListElement.ts';
import { APP_MODULE } from './appChunkPreload.ts';
import { indexHtmlChunks, isChunkOf } from './bundleChunks.ts';

/** The lazy modules whose chunks make up the viewer proper. */
const VIEWER_ENTRIES = [
  '/src/features/viewer/ViewerWorkspace.tsx',
  '/src/features/viewer/prepareViewer.ts',
];

export function viewerChunkList(): Plugin {
  return {
    name: 'drim-viewer-chunk-list',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const chunks = indexHtmlChunks(ctx);
        if (!chunks) return;
        const byName = new Map(chunks.map((c) => [c.fileName, c]));
        // Whatever the page's entry already loads is not the viewer's to fetch.
        const loaded = new Set<string>();
        const walk = (name: string, into: Set<string>) => {
          if (into.has(name)) return;
          into.add(name);
          for (const dep of byName.get(name)?.imports ?? []) walk(dep, into);
        };
        // …nor what the app's own chunk, imported by the entry at once, loads.
        for (const c of chunks) if (c.isEntry || isChunkOf(c, APP_MODULE)) walk(c.fileName, loaded);
        const viewer = new Set<string>();
        for (const c of chunks) {
          if (VIEWER_ENTRIES.some((entry) => isChunkOf(c, entry))) walk(c.fileName, viewer);
        }
        const files = [...viewer].filter((f) => !loaded.has(f)).map((f) => `/${f}`);
        if (files.length === 0) throw new Error('viewer chunk list: no viewer chunk in the build');
        return [
          {
            tag: 'script',
            attrs: { type: 'application/json', id: VIEWER_CHUNKS_ELEMENT_ID },
            children: JSON.stringify(files),
            injectTo: 'head',
          },
        ];
      },
    },
  };
}

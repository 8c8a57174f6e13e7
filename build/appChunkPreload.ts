// The entry (src/main.tsx) only starts the silent sign-in and then imports the app
// (src/app/renderApp.tsx) as its own chunk. Named here in index.html as modulepreload, that
// chunk and what it imports download with the entry instead of one round trip after it.
import type { Plugin } from 'vite';
import { indexHtmlChunks, isChunkOf, type ChunkLike } from './bundleChunks.ts';

/** The app's chunk, imported by the entry once the sign-in has started. */
export const APP_MODULE = '/src/app/renderApp.tsx';

/** The chunk of `moduleId` and every chunk it statically imports, not already `loaded`. */
export function chunksOf(
  chunks: readonly ChunkLike[],
  moduleId: string,
  loaded: ReadonlySet<string>,
): string[] {
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const out = new Set<string>();
  const walk = (name: string) => {
    if (out.has(name) || loaded.has(name)) return;
    out.add(name);
    for (const dep of byName.get(name)?.imports ?? []) walk(dep);
  };
  for (const c of chunks) if (isChunkOf(c, moduleId)) walk(c.fileName);
  return [...out];
}

export function appChunkPreload(): Plugin {
  return {
    name: 'drim-app-chunk-preload',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const chunks = indexHtmlChunks(ctx);
        if (!chunks) return;
        const entry = new Set<string>();
        for (const c of chunks) {
          if (!c.isEntry) continue;
          entry.add(c.fileName);
          for (const dep of c.imports) entry.add(dep);
        }
        const files = chunksOf(chunks, APP_MODULE, entry);
        if (files.length === 0) throw new Error('app chunk preload: no app chunk in the build');
        return files.map((f) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `/${f}` },
          injectTo: 'head' as const,
        }));
      },
    },
  };
}

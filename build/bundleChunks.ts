// What the HTML plugins of the build (appChunkPreload.ts, viewerChunkList.ts) read of the
// bundle: its JS chunks, when index.html is being written after the bundle.
import type { IndexHtmlTransformContext } from 'vite';

export interface ChunkLike {
  type: 'chunk';
  fileName: string;
  facadeModuleId: string | null;
  imports: string[];
  isEntry: boolean;
}

/** The bundle's chunks while index.html is written; null for any other page or pass. */
export function indexHtmlChunks(ctx: IndexHtmlTransformContext): ChunkLike[] | null {
  if (!ctx.bundle || !ctx.path.endsWith('/index.html')) return null;
  return Object.values(ctx.bundle).filter((c): c is typeof c & ChunkLike => c.type === 'chunk');
}

/** Whether the chunk is the facade of the module at `moduleId` (a path from the root). */
export function isChunkOf(chunk: ChunkLike, moduleId: string): boolean {
  return chunk.facadeModuleId?.replaceAll('\\', '/').endsWith(moduleId) ?? false;
}

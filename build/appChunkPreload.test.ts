import { describe, expect, it } from 'vitest';
import { APP_MODULE, chunksOf } from './appChunkPreload';

const chunk = (fileName: string, facadeModuleId: string | null, imports: string[] = []) => ({
  type: 'chunk' as const,
  fileName,
  facadeModuleId,
  imports,
  isEntry: false,
});

describe('the app chunk named for modulepreload', () => {
  const chunks = [
    chunk('assets/main.js', '/repo/src/main.tsx', ['assets/oidc.js']),
    chunk('assets/renderApp.js', `/repo${APP_MODULE}`, ['assets/react.js', 'assets/oidc.js']),
    chunk('assets/react.js', null),
    chunk('assets/oidc.js', null),
    chunk('assets/viewer.js', '/repo/src/features/viewer/ViewerRoute.tsx', ['assets/react.js']),
  ];

  it('is the app chunk and what it imports, less what the entry already loads', () => {
    const loaded = new Set(['assets/main.js', 'assets/oidc.js']);
    expect(chunksOf(chunks, APP_MODULE, loaded).sort()).toEqual([
      'assets/react.js',
      'assets/renderApp.js',
    ]);
  });

  it('is nothing when the build has no app chunk (the plugin then fails the build)', () => {
    expect(chunksOf(chunks.slice(2), APP_MODULE, new Set())).toEqual([]);
  });
});

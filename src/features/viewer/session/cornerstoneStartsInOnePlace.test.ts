// Cornerstone is started from one place: lib's startCornerstone is called only by
// prepareViewer.ts (the chunk that carries Cornerstone), and that chunk is loaded and run
// in one place (session/imagingChunk.ts, for a study's session).
// Read from the source, so a second path fails here at once.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../../..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Files (relative to src/) whose code matches `pattern`, comments left out. */
function filesWhere(pattern: RegExp): string[] {
  return sourceFiles(SRC)
    .filter((file) => {
      const code = fs
        .readFileSync(file, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/^\s*\/\/.*$/gm, '');
      return pattern.test(code);
    })
    .map((file) => path.relative(SRC, file).replaceAll(path.sep, '/'))
    .sort();
}

describe('Cornerstone’s start', () => {
  it('is called by prepareViewer.ts alone', () => {
    // The lib's function, called: not its definition, nor the session's method of that name.
    expect(filesWhere(/(?<![.\w]|function )startCornerstone\((?!\)\s*:)/)).toEqual([
      'features/viewer/prepareViewer.ts',
    ]);
  });

  it('whose chunk is loaded and run in one place', () => {
    expect(filesWhere(/import\(\s*['"][./]*(?:\w+\/)*prepareViewer['"]\s*\)/)).toEqual([
      'features/viewer/session/imagingChunk.ts',
    ]);
    expect(filesWhere(/(?<!function )\bprepareViewer\(/)).toEqual([
      'features/viewer/session/imagingChunk.ts',
    ]);
  });
});

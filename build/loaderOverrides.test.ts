import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loaderOverrides } from './loaderOverrides';

const LOADER = path.join(
  '/repo',
  'node_modules',
  '@cornerstonejs',
  'dicom-image-loader',
  'dist',
  'esm',
);
const createImage = path.join(LOADER, 'imageLoader', 'createImage.js');

type Hook = (this: unknown, ...args: unknown[]) => unknown;
const call = (hook: unknown, ctx: unknown, ...args: unknown[]) => (hook as Hook).call(ctx, ...args);

describe('loaderOverrides', () => {
  it('replaces the loader’s setPixelDataType for createImage only', () => {
    const plugin = loaderOverrides('/repo');
    expect(call(plugin.resolveId, {}, './setPixelDataType.js', createImage)).toBe(
      path.resolve('/repo', 'src/lib/cornerstone/setPixelDataType.ts'),
    );
    expect(
      call(plugin.resolveId, {}, './setPixelDataType.js', path.join(LOADER, 'index.js')),
    ).toBeNull();
    expect(call(plugin.resolveId, {}, './other.js', createImage)).toBeNull();
    expect(call(plugin.resolveId, {}, './setPixelDataType.js', '/repo/src/x.ts')).toBeNull();
    // Inside the decode worker, comlink is ours: it transfers the decoded pixels.
    expect(
      call(plugin.resolveId, {}, 'comlink', path.join(LOADER, 'decodeImageFrameWorker.js')),
    ).toBe(path.resolve('/repo', 'src/lib/cornerstone/decodeWorkerComlink.ts'));
    expect(call(plugin.resolveId, {}, 'comlink', path.join(LOADER, 'init.js'))).toBeNull();
  });

  it('fails the build when the loader no longer makes a replaced import', () => {
    const plugin = loaderOverrides('/repo');
    const errors: string[] = [];
    const ctx = { error: (message: string) => errors.push(message) };
    // The loader was built, but createImage never asked for setPixelDataType.
    call(plugin.resolveId, ctx, './decodeImageFrame.js', createImage);
    call(plugin.buildEnd, ctx);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('./setPixelDataType.js');

    const ok = loaderOverrides('/repo');
    const none: string[] = [];
    call(ok.resolveId, ctx, './setPixelDataType.js', createImage);
    call(ok.buildEnd, { error: (m: string) => none.push(m) });
    // A build without the loader at all (the list route's chunks alone) is not a failure.
    call(loaderOverrides('/repo').buildEnd, { error: (m: string) => none.push(m) });
    expect(none).toEqual([]);
  });
});

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { unusedLibraryParts } from './unusedLibraryParts';

const modules = path.join('/repo', 'node_modules');
const volumeProfile = path.join(
  modules,
  '@kitware',
  'vtk.js',
  'Rendering',
  'Profiles',
  'Volume.js',
);
const mesh = path.join(
  modules,
  '@cornerstonejs',
  'core',
  'dist',
  'esm',
  'cache',
  'classes',
  'Mesh.js',
);

type Hook = (this: unknown, ...args: unknown[]) => unknown;
const call = (hook: unknown, ctx: unknown, ...args: unknown[]) => (hook as Hook).call(ctx, ...args);

describe('unusedLibraryParts', () => {
  it('stands in for vtk’s WebGPU back end and mesh readers, and nothing else', () => {
    const plugin = unusedLibraryParts();
    const webgpu = call(plugin.resolveId, {}, '../WebGPU/Profiles/Volume.js', volumeProfile);
    expect(webgpu).toEqual(expect.stringMatching(/^\0drim-unused-part:/));
    expect(call(plugin.resolveId, {}, '../OpenGL/Profiles/Volume.js', volumeProfile)).toBeNull();
    const reader = '@kitware/vtk.js/IO/XML/XMLPolyDataReader.js';
    expect(call(plugin.resolveId, {}, reader, mesh)).toEqual(
      expect.stringMatching(/^\0drim-unused-part:/),
    );
    expect(call(plugin.resolveId, {}, '@kitware/vtk.js/Rendering/Core/Actor.js', mesh)).toBeNull();
    // The same import from any other module is left alone.
    expect(call(plugin.resolveId, {}, reader, path.join('/repo', 'src', 'x.ts'))).toBeNull();
  });

  it('stands in a module that says what is missing if it is ever reached', async () => {
    const plugin = unusedLibraryParts();
    const id = call(plugin.resolveId, {}, '@kitware/vtk.js/IO/Geometry/STLReader.js', mesh);
    const code = call(plugin.load, {}, id) as string;
    const module = (await import(`data:text/javascript,${encodeURIComponent(code)}`)) as {
      default: { newInstance: () => unknown };
    };
    expect(() => module.default.newInstance()).toThrow(/not in this build: mesh files/);
  });

  it('fails the build when a library no longer makes a stood-in import', () => {
    const plugin = unusedLibraryParts();
    const errors: string[] = [];
    const ctx = { error: (message: string) => errors.push(message) };
    // vtk's profile was built, but it no longer asks for the WebGPU one.
    call(plugin.resolveId, ctx, '../OpenGL/Profiles/Volume.js', volumeProfile);
    call(plugin.buildEnd, ctx);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('Rendering/Profiles/Volume.js');

    const ok = unusedLibraryParts();
    const none: string[] = [];
    call(ok.resolveId, ctx, '../WebGPU/Profiles/Volume.js', volumeProfile);
    call(ok.buildEnd, { error: (m: string) => none.push(m) });
    // A build without vtk at all (the worker's) is not a failure either.
    call(unusedLibraryParts().buildEnd, { error: (m: string) => none.push(m) });
    expect(none).toEqual([]);
  });
});

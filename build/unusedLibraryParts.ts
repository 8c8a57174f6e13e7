// Stands empty modules in for parts of Cornerstone's libraries the viewer never runs but that
// their modules import at the top, so that they are evaluated with Cornerstone's chunk on the
// way to the first image:
// - vtk.js's WebGPU back end (Cornerstone renders with WebGL; vtk's profiles import both);
// - vtk.js's mesh readers (PLY, STL, OBJ, VTP: Cornerstone's Mesh class and orientation
//   marker), whose XML reader brings xmlbuilder2, @oozcitak/* and js-yaml — ~1 MB of source.
// Together ~0.55 MB of the chunk's 3.7 MB (now 3.15 MB). The build fails if a stood-in import
// is not met any more, so that a library upgrade makes this list be looked at again.
import path from 'node:path';
import type { Plugin } from 'vite';

interface Unused {
  /** The importing module, as a path ending inside node_modules. */
  importer: string;
  /** The imports of it that are stood in for. */
  source: RegExp;
  /** What a caller would have reached. */
  why: string;
}

export const UNUSED_PARTS: Unused[] = [
  {
    importer: '@kitware/vtk.js/Rendering/Profiles/Volume.js',
    source: /^\.\.\/WebGPU\//,
    why: 'WebGPU volume rendering',
  },
  {
    importer: '@kitware/vtk.js/Rendering/Profiles/Geometry.js',
    source: /^\.\.\/WebGPU\//,
    why: 'WebGPU geometry rendering',
  },
  {
    importer: '@cornerstonejs/core/dist/esm/cache/classes/Mesh.js',
    source: /^@kitware\/vtk\.js\/IO\//,
    why: 'mesh files (PLY, STL, OBJ, VTP)',
  },
  {
    importer: '@cornerstonejs/tools/dist/esm/tools/OrientationMarkerTool.js',
    source: /^@kitware\/vtk\.js\/IO\//,
    why: 'the orientation marker’s VTP model',
  },
];

const STAND_IN = '\0drim-unused-part:';

function modulePath(id: string): string {
  return id.split('?')[0]?.split(path.sep).join('/') ?? '';
}

export function unusedLibraryParts(): Plugin {
  const met = new Set<Unused>();
  const seen = new Set<Unused>();
  return {
    name: 'drim-unused-library-parts',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!importer) return null;
      const from = modulePath(importer);
      const part = UNUSED_PARTS.find((u) => from.endsWith(`/node_modules/${u.importer}`));
      if (!part) return null;
      seen.add(part);
      if (!part.source.test(source)) return null;
      met.add(part);
      return STAND_IN + UNUSED_PARTS.indexOf(part);
    },
    load(id) {
      if (!id.startsWith(STAND_IN)) return null;
      const part = UNUSED_PARTS[Number(id.slice(STAND_IN.length))];
      // Should a caller ever reach it, it says what is missing instead of failing silently.
      const message = JSON.stringify(`not in this build: ${part?.why ?? 'unused part'}`);
      return `export default { newInstance() { throw new Error(${message}); } };`;
    },
    buildEnd(error) {
      if (error) return;
      const missed = [...seen].filter((u) => !met.has(u));
      if (missed.length > 0) {
        this.error(
          `${missed.map((u) => u.importer).join(', ')} no longer import what build/unusedLibraryParts.ts stands in for: review it`,
        );
      }
    },
  };
}

// Puts our own modules in place of a few of @cornerstonejs/dicom-image-loader's internal
// ones, where the library has no option for what we need (each replacement says why). The
// build fails if a replaced import is not met any more — after a library upgrade, the
// override must be looked at again rather than silently dropped.
import path from 'node:path';
import type { Plugin } from 'vite';

const LOADER_DIR = `${path.sep}@cornerstonejs${path.sep}dicom-image-loader${path.sep}dist${path.sep}esm${path.sep}`;

interface Override {
  /** The importing module, relative to the loader's dist/esm. */
  importer: string;
  /** The import as written there. */
  source: string;
  /** Ours, relative to the repository. */
  replacement: string;
}

export const LOADER_OVERRIDES: Override[] = [
  {
    importer: path.join('imageLoader', 'createImage.js'),
    source: './setPixelDataType.js',
    replacement: 'src/lib/cornerstone/setPixelDataType.ts',
  },
  {
    importer: 'decodeImageFrameWorker.js',
    source: 'comlink',
    replacement: 'src/lib/cornerstone/decodeWorkerComlink.ts',
  },
];

export function loaderOverrides(root = process.cwd()): Plugin {
  const met = new Set<Override>();
  // The worker's bundle holds none of createImage's imports, the page's none of the
  // worker's: only an importer this build did see must have made its replaced import.
  const seen = new Set<string>();
  return {
    name: 'drim-loader-overrides',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!importer) return null;
      const at = importer.indexOf(LOADER_DIR);
      if (at === -1) return null;
      const inLoader = importer.slice(at + LOADER_DIR.length).split('?')[0] ?? '';
      seen.add(inLoader);
      const override = LOADER_OVERRIDES.find((o) => o.importer === inLoader && o.source === source);
      if (!override) return null;
      met.add(override);
      return path.resolve(root, override.replacement);
    },
    buildEnd(error) {
      if (error) return;
      const missed = LOADER_OVERRIDES.filter((o) => seen.has(o.importer) && !met.has(o));
      if (missed.length > 0) {
        this.error(
          `dicom-image-loader no longer imports ${missed.map((o) => `${o.source} from ${o.importer}`).join(', ')}: review build/loaderOverrides.ts`,
        );
      }
    },
  };
}

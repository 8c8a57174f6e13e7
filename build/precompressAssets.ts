// Writes a Brotli and a gzip copy beside each text or wasm file of the built SPA, which the
// gateway serves to browsers that accept them (server/http/spa.ts, preCompressed). The
// viewer's code is 3.15 MB as built and under 1 MB compressed: over a GP's 4G link that is
// seconds before the first image. Compressed once at build time, not at every request.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Plugin } from 'vite';

const COMPRESSIBLE = /\.(?:js|css|html|svg|json|wasm)$/;
/** Below this, a compressed copy saves less than its headers and a file read cost. */
const MIN_BYTES = 1024;

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

export function precompressFile(file: string): void {
  const bytes = fs.readFileSync(file);
  if (bytes.byteLength < MIN_BYTES) return;
  // Quality 9, not 11: within a few % of the best size, at a fraction of the build time.
  const br = zlib.brotliCompressSync(bytes, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 9,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength,
    },
  });
  const gz = zlib.gzipSync(bytes, { level: 9 });
  // A copy that is not smaller would only cost the browser its decompression.
  if (br.byteLength < bytes.byteLength) fs.writeFileSync(`${file}.br`, br);
  if (gz.byteLength < bytes.byteLength) fs.writeFileSync(`${file}.gz`, gz);
}

export function precompressAssets(): Plugin {
  let outDir = 'dist';
  // closeBundle runs after a failed build too, when the output folder may not exist: reading
  // it then would hide the build's own error behind an ENOENT.
  let written = false;
  return {
    name: 'drim-precompress-assets',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    writeBundle() {
      written = true;
    },
    closeBundle() {
      if (!written) return;
      for (const file of filesUnder(outDir)) {
        if (COMPRESSIBLE.test(file)) precompressFile(file);
      }
    },
  };
}

import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { loaderOverrides } from './build/loaderOverrides.ts';
import { nodeOnlyImports } from './build/nodeOnlyImports.ts';
import { precompressAssets } from './build/precompressAssets.ts';
import { unusedLibraryParts } from './build/unusedLibraryParts.ts';
import { appChunkPreload } from './build/appChunkPreload.ts';
import { inlineLaunchSignIn } from './build/inlineLaunchSignIn.ts';
import { viewerChunkList } from './build/viewerChunkList.ts';
import { VITE_DEV_PORT } from './build/viteDevServer.ts';

// `npm run dev:spa` serves the SPA with hot reload against a running demo stack: the
// gateway (config, API, DICOMweb) is reached through this proxy, as in production where
// the gateway serves both from one origin. DRIM_GATEWAY_URL points it at another profile's
// gateway (test: http://localhost:18080).
const GATEWAY = process.env.DRIM_GATEWAY_URL ?? 'http://localhost:8080';

const LOADER = '@cornerstonejs/dicom-image-loader';

// Rolldown's report of slow plugin callbacks names Vite's import analysis and our
// precompression, both expected; the build's time is logged where it matters
// (dev/stack/spaBuild.ts).
const NO_TIMING_REPORT = { bundlerTimings: false };

export default defineConfig({
  plugins: [
    unusedLibraryParts(),
    loaderOverrides(),
    nodeOnlyImports(),
    react(),
    appChunkPreload(),
    inlineLaunchSignIn(import.meta.dirname),
    viewerChunkList(),
    precompressAssets(),
  ],
  server: {
    port: VITE_DEV_PORT,
    strictPort: true,
    proxy: {
      '/config.json': GATEWAY,
      '/api': GATEWAY,
      '/dicomweb': GATEWAY,
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // The viewer's chunk (Cornerstone3D, ~3.15 MB, ~0.87 MB gzipped) is over Vite's 500 kB
    // warning by design: it loads only when a study opens, prefetched while its preview shows
    // (build/viewerChunkList.ts). The limit sits just above it, so growth beyond still warns.
    chunkSizeWarningLimit: 3200,
    rolldownOptions: {
      // The IdP's silent sign-in answer lands in a page of its own (src/app/silentRenewPage.ts),
      // served by the gateway at /auth/silent, so a hidden iframe does not boot the whole app.
      input: { main: 'index.html', silentRenew: 'src/app/silent-renew.html' },
      checks: NO_TIMING_REPORT,
    },
  },
  // Cornerstone3D (STACK-NOTES.md): the image loader's worker is located with
  // `new URL(…, import.meta.url)`, which pre-bundling breaks, so the loader is excluded;
  // its CommonJS codecs then have to be pre-bundled on its behalf.
  optimizeDeps: {
    exclude: [LOADER],
    include: [
      `${LOADER} > @cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs`,
      `${LOADER} > @cornerstonejs/codec-charls/decodewasmjs`,
      `${LOADER} > @cornerstonejs/codec-openjpeg/decodewasmjs`,
      `${LOADER} > @cornerstonejs/codec-openjph/wasmjs`,
      `${LOADER} > @cornerstonejs/codec-libjxl/decodewasmjs`,
      `${LOADER} > pako`,
      `${LOADER} > comlink`,
      'dicom-parser',
    ],
  },
  worker: {
    format: 'es',
    plugins: () => [loaderOverrides(), nodeOnlyImports()],
    rolldownOptions: { checks: NO_TIMING_REPORT },
  },
});

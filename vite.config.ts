import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { loaderOverrides } from './dev/loaderOverrides';
import { precompressAssets } from './dev/precompressAssets';
import { viewerChunkList } from './dev/viewerChunkList';
import { VITE_DEV_PORT } from './dev/viteDevServer';

// `npm run dev:spa` serves the SPA with hot reload against a running demo stack: the
// gateway (config, API, DICOMweb) is reached through this proxy, as in production where
// the gateway serves both from one origin. DRIM_GATEWAY_URL points it at another profile's
// gateway (test: http://localhost:18080).
const GATEWAY = process.env.DRIM_GATEWAY_URL ?? 'http://localhost:8080';

const LOADER = '@cornerstonejs/dicom-image-loader';

export default defineConfig({
  plugins: [loaderOverrides(), react(), viewerChunkList(), precompressAssets()],
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
    // The IdP's silent sign-in answer lands in a page of its own (src/silentRenewPage.ts),
    // served by the gateway at /auth/silent, so a hidden iframe does not boot the whole app.
    rollupOptions: {
      input: { main: 'index.html', silentRenew: 'silent-renew.html' },
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
    plugins: () => [loaderOverrides()],
  },
});

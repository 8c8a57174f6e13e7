// Starts Cornerstone3D once per page: core, then the DICOM image loader (its web workers
// and the wadors: scheme), then the tools — the order each expects (STACK-NOTES.md).
// Frames are fetched by the loader's own XHRs, so the bearer token is added here, in
// beforeSend, read at request time: a token renewed during a session is picked up.
import { cache, init as initCore } from '@cornerstonejs/core';
import { init as initLoader } from '@cornerstonejs/dicom-image-loader';
import { init as initTools } from '@cornerstonejs/tools';
import { onLogout } from '../auth/onLogout';
import { registerViewerTools } from './viewerTools';

export interface CornerstoneOptions {
  /** Current access token, read for every frame request. */
  accessToken: () => string | null;
  /** Upper bound of decoded images kept in memory. */
  cacheBytes: number;
}

/** Frames stored big endian make Orthanc answer 500 for `transfer-syntax=*` (STACK-NOTES). */
const EXPLICIT_LITTLE_ENDIAN_ACCEPT =
  'multipart/related; type=application/octet-stream; transfer-syntax=1.2.840.10008.1.2.1';

const explicitLittleEndianUris = new Set<string>();

/** Asks for this frame in explicit little endian from now on (after a source refused `*`). */
export function preferExplicitLittleEndian(imageId: string): void {
  explicitLittleEndianUris.add(imageId.slice(imageId.indexOf(':') + 1));
}

let tokenSource: () => string | null = () => null;
let started: Promise<void> | null = null;

function workerCount(): number {
  const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2;
  // One core stays for the page (rendering, scrolling); decoding JPEG-LS/J2K uses the
  // others. Measured on 2 cores (bench/viewer.ts): a second worker made the series slower.
  return Math.max(1, Math.min(4, cores - 1));
}

export function startCornerstone(options: CornerstoneOptions): Promise<void> {
  tokenSource = options.accessToken;
  cache.setMaxCacheSize(options.cacheBytes);
  started ??= (async () => {
    initCore();
    initLoader({
      maxWebWorkers: workerCount(),
      beforeSend: (_xhr, imageId) => {
        const headers: Record<string, string> = {};
        const token = tokenSource();
        if (token) headers['Authorization'] = `Bearer ${token}`;
        const uri = imageId.slice(imageId.indexOf(':') + 1);
        if (explicitLittleEndianUris.has(uri)) headers['Accept'] = EXPLICIT_LITTLE_ENDIAN_ACCEPT;
        return headers;
      },
    });
    initTools();
    registerViewerTools();
    // A session's decoded images must not outlive it in this page's memory.
    onLogout(() => cache.purgeCache());
  })();
  return started;
}

// Background loading of a whole series in one request: WADO-RS series retrieve (the
// instances as stored, through the gateway) read as a stream, each instance cut into its
// frames as soon as it is in (instanceFrames.ts). A frame's bytes are then held under its
// `wadors:` image id in the image loader's compressed-frame registry (read by
// `wadors.loadImage` before any network request, dicom-image-loader 5.14): loading that
// image id decodes them, and the image lands in Cornerstone's cache exactly as if
// `/frames/N` had answered — same id, same events, same fallback to the network if they do
// not decode. One request and one main-thread hop per instance instead of one XHR, one
// multipart parse and one retry chain per frame.
import { Enums, metaData } from '@cornerstonejs/core';
import { MultipartStream } from '../../domain/viewer/multipartStream';
import { authorizationHeader } from '../api/accessToken';
import { onLogout } from '../auth/onLogout';
import { boundaryOf } from './multipartBody';
import { framesOfInstance } from './instanceFrames';

const SERIES_ACCEPT = 'multipart/related; type="application/dicom"; transfer-syntax=*';
const COMPRESSED_FRAME_DATA = Enums.MetadataModules.COMPRESSED_FRAME_DATA as string;

interface HeldFrame {
  pixelData: Uint8Array<ArrayBuffer>;
  transferSyntaxUid: string;
}

/** Image id → frame bytes waiting to be decoded. Emptied as frames are loaded. */
const heldFrames = new Map<string, HeldFrame>();
let providerAdded = false;

function addRegistryProvider(): void {
  if (providerAdded) return;
  providerAdded = true;
  // Asked first: for ids it does not hold it answers nothing and the next provider is asked.
  metaData.addProvider((type: string, imageId: unknown) => {
    if (type !== COMPRESSED_FRAME_DATA || typeof imageId !== 'string') return undefined;
    return heldFrames.get(imageId);
  }, 10_000);
  // Frame bytes are a patient's images: they do not outlive the session.
  onLogout(() => heldFrames.clear());
}

/** Makes the next load of this image id decode these bytes instead of asking the source. */
export function holdFrame(
  imageId: string,
  pixelData: Uint8Array<ArrayBuffer>,
  transferSyntax: string,
): void {
  addRegistryProvider();
  heldFrames.set(imageId, { pixelData, transferSyntaxUid: transferSyntax });
}

/** Forgets held bytes (loaded, or not wanted any more). */
export function releaseFrame(imageId: string): void {
  heldFrames.delete(imageId);
}

/**
 * The series' WADO-RS URL (`…/studies/X/series/Y`) and frame image-id prefix shared by these
 * `wadors:` image ids, or null when they are not all frames of one series' instances.
 */
export function seriesOfImageIds(
  imageIds: readonly string[],
): { url: string; frameIdOf: (sop: string, frame: number) => string } | null {
  let url: string | null = null;
  for (const id of imageIds) {
    const m = /^wadors:(.+\/series\/[0-9.]+)\/instances\/[0-9.]+\/frames\/[0-9]+$/.exec(id);
    if (!m?.[1] || (url !== null && m[1] !== url)) return null;
    url = m[1];
  }
  if (url === null) return null;
  const base = url;
  return {
    url: base,
    frameIdOf: (sop, frame) => `wadors:${base}/instances/${sop}/frames/${frame}`,
  };
}

export interface SeriesRetrieveOptions {
  accessToken: string | null;
  signal: AbortSignal;
  /**
   * Until this settles, the answer is read but only its first instance is looked at: the
   * rest waits, unparsed, and is handed over a chunk per task afterwards. Reading keeps the
   * transfer going; parsing (~0.6 ms of the page's thread per CT instance) would compete
   * with the first view's render.
   */
  parseWhen?: Promise<unknown>;
  /** Called for every frame the stream brings that the loader can decode as stored. */
  onFrame: (
    sopInstanceUID: string,
    frame: number,
    pixelData: Uint8Array<ArrayBuffer>,
    transferSyntax: string,
  ) => void;
}

/**
 * Streams the series and hands over its frames as they arrive. Rejects when the request
 * fails, the answer is cut short or malformed, or its first image is in a syntax left to
 * the per-frame path: the caller then loads whatever did not come per frame.
 */
export async function retrieveWholeSeries(
  url: string,
  options: SeriesRetrieveOptions,
): Promise<void> {
  const res = await fetch(url, {
    headers: {
      Accept: SERIES_ACCEPT,
      ...(options.accessToken ? authorizationHeader(options.accessToken) : {}),
    },
    credentials: 'omit',
    signal: options.signal,
  });
  if (!res.ok || !res.body) throw new Error(`series retrieve: HTTP ${res.status}`);
  const boundary = boundaryOf(res.headers.get('content-type') ?? '');
  if (!boundary) throw new Error('series retrieve: not a multipart answer');
  const parts = new MultipartStream(boundary);
  const reader = res.body.getReader();
  let firstImage = true;
  let parsing = options.parseWhen === undefined;
  const gate = options.parseWhen?.then(
    () => undefined,
    () => undefined,
  );
  void gate?.then(() => {
    parsing = true;
  });
  const unparsed: Uint8Array[] = [];
  /** Parses a chunk; false when the series must go the per-frame way. */
  const take = (chunk: Uint8Array): boolean => {
    for (const part of parts.push(chunk)) {
      const instance = framesOfInstance(part.data);
      if (!instance) continue;
      // A series is nearly always stored in one syntax: if its first image goes the
      // per-frame way, the rest would be downloaded for nothing.
      if (firstImage && instance.frames.length === 0) return false;
      firstImage = false;
      instance.frames.forEach((bytes, i) => {
        options.onFrame(instance.sopInstanceUID, i + 1, bytes, instance.transferSyntax);
      });
    }
    return true;
  };
  // Chunks wait only once the first image has passed the check above: take() cannot refuse
  // them. One chunk per task, so that the page stays responsive while a backlog is parsed.
  const drain = async (): Promise<void> => {
    for (let chunk = unparsed.shift(); chunk; chunk = unparsed.shift()) {
      if (options.signal.aborted) return;
      take(chunk);
      if (unparsed.length > 0) await nextTask();
    }
  };
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!parsing && !firstImage) {
      unparsed.push(value);
      continue;
    }
    await drain();
    if (!take(value)) {
      await reader.cancel();
      throw new Error('series retrieve: stored in a syntax left to the per-frame path');
    }
  }
  if (gate && !options.signal.aborted) {
    // A viewer left before its first image must not keep the answer waiting for it.
    const left = new Promise<void>((resolve) => {
      options.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    await Promise.race([gate, left]);
  }
  if (options.signal.aborted) throw new Error('series retrieve: cancelled');
  await drain();
  parts.end();
}

function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

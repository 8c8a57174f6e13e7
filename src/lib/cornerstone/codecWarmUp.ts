// Each decode worker compiles its codec's WebAssembly the first time it decodes a frame in
// that syntax: for the study's first frame, that compilation (and the codec's download)
// sat between the frame's arrival and its draw. Here every worker decodes a tiny frame as
// soon as Cornerstone starts, while the page still waits for the network: a 2×2 synthetic
// image, no patient's, made once with CharLS's encoder (codec-charls), 16-bit signed.
import { Enums, getWebWorkerManager } from '@cornerstonejs/core';

/** JPEG-LS lossless, the syntax regional sources store CT and MR in. */
const JPEG_LS_LOSSLESS = '1.2.840.10008.1.2.4.80';
const TINY_JPEG_LS = '/9j/9wALEAACAAIBAREA//gADQH//wASAEMBFABA/9oACAEBAAAAAJ859Agg/9k=';

/** The synthetic frame, as the workers get it. */
export function tinyFrame(): Uint8Array {
  const binary = atob(TINY_JPEG_LS);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/**
 * Has each of the loader's `workers` decode the tiny frame once. Call right after the
 * loader's init; settles when every worker has (never rejects: a failed warm-up only
 * leaves the compilation to the first real frame).
 */
export function warmDecodeWorkers(workers: number): Promise<void> {
  const manager = getWebWorkerManager();
  // Sent together: the manager hands each to its least loaded worker, so one each.
  const tasks = Array.from({ length: workers }, () =>
    manager
      .executeTask(
        'dicomImageLoader',
        'decodeTask',
        {
          imageFrame: {
            rows: 2,
            columns: 2,
            bitsAllocated: 16,
            bitsStored: 16,
            pixelRepresentation: 1,
            samplesPerPixel: 1,
            photometricInterpretation: 'MONOCHROME2',
          },
          transferSyntax: JPEG_LS_LOSSLESS,
          pixelData: tinyFrame(),
          options: { preScale: { enabled: false } },
          decodeConfig: {},
        },
        // Sent at start, before any real frame is asked for: no image waits behind it.
        { requestType: Enums.RequestType.Compute },
      )
      .then(
        () => undefined,
        () => undefined,
      ),
  );
  return Promise.all(tasks).then(() => undefined);
}

// Stands in for `comlink` inside dicom-image-loader's decode worker (dev/loaderOverrides.ts
// puts it there). The worker answers each frame with the decoded pixels, and comlink
// copies them — structured clone, once when the worker sends and again when the page
// reads the message: about 3 ms of the page's thread per CT frame (CPU profile). Here the
// decoded buffer is transferred instead, when the frame owns it whole: a worker-side array
// that is a view into a larger buffer (a codec's WebAssembly memory, say) is copied as
// before, since giving that away would break the worker.
import { expose as comlinkExpose, transfer } from 'comlink';

export * from 'comlink';

interface DecodedFrame {
  pixelData?: unknown;
}

/** The buffers a decoded frame may give away to the page. */
export function transferablesOf(frame: unknown): ArrayBuffer[] {
  const data = (frame as DecodedFrame | null)?.pixelData;
  if (!ArrayBuffer.isView(data)) return [];
  const { buffer } = data;
  if (!(buffer instanceof ArrayBuffer)) return [];
  if (data.byteOffset !== 0 || data.byteLength !== buffer.byteLength) return [];
  return [buffer];
}

type DecodeApi = { decodeTask: (...args: unknown[]) => unknown } & Record<string, unknown>;

export const expose: typeof comlinkExpose = (obj, ep, allowedOrigins) => {
  const api = obj as DecodeApi;
  if (typeof api?.decodeTask !== 'function') {
    comlinkExpose(obj, ep, allowedOrigins);
    return;
  }
  const decodeTask = api.decodeTask.bind(api);
  comlinkExpose(
    {
      ...api,
      async decodeTask(...args: unknown[]) {
        const frame = await decodeTask(...args);
        const buffers = transferablesOf(frame);
        return buffers.length > 0 ? transfer(frame, buffers) : frame;
      },
    },
    ep,
    allowedOrigins,
  );
};

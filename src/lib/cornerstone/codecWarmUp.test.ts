// The warm-up frame is a real JPEG-LS stream (decoded here by the same CharLS the workers
// run), and every worker is sent one, without a failure reaching the caller.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const executeTask = vi.fn();
vi.mock('@cornerstonejs/core', () => ({
  Enums: { RequestType: { Compute: 'compute' } },
  getWebWorkerManager: () => ({ executeTask }),
}));

const { tinyFrame, warmDecodeWorkers } = await import('./codecWarmUp');

interface CharLS {
  JpegLSDecoder: new () => {
    getEncodedBuffer: (length: number) => Uint8Array;
    decode: () => void;
    getFrameInfo: () => { width: number; height: number; bitsPerSample: number };
    getDecodedBuffer: () => Uint8Array;
  };
}
// The package ships no types: named through a variable, its module is typed here.
const CHARLS = '@cornerstonejs/codec-charls/decodewasmjs';
const charlsFactory = ((await import(CHARLS)) as { default: () => Promise<CharLS> }).default;

beforeEach(() => executeTask.mockReset());

describe('the decode workers’ warm-up', () => {
  it('decodes as a 2×2 16-bit signed JPEG-LS image', async () => {
    const codec = await charlsFactory();
    const decoder = new codec.JpegLSDecoder();
    const frame = tinyFrame();
    decoder.getEncodedBuffer(frame.length).set(frame);
    decoder.decode();
    expect(decoder.getFrameInfo()).toMatchObject({ width: 2, height: 2, bitsPerSample: 16 });
    const decoded = decoder.getDecodedBuffer();
    expect([...new Int16Array(decoded.slice().buffer)]).toEqual([0, -1000, 1000, 32]);
  });

  it('sends one frame per worker, in JPEG-LS lossless, and never rejects', async () => {
    executeTask.mockResolvedValueOnce({}).mockRejectedValueOnce(new Error('no codec'));
    await expect(warmDecodeWorkers(2)).resolves.toBeUndefined();
    expect(executeTask).toHaveBeenCalledTimes(2);
    for (const [worker, method, args] of executeTask.mock.calls) {
      expect(worker).toBe('dicomImageLoader');
      expect(method).toBe('decodeTask');
      expect(args).toMatchObject({
        transferSyntax: '1.2.840.10008.1.2.4.80',
        imageFrame: { rows: 2, columns: 2, bitsAllocated: 16, pixelRepresentation: 1 },
      });
    }
  });
});

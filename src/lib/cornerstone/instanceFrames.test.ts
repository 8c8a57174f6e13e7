import { describe, expect, it } from 'vitest';
import { framesOfInstance } from './instanceFrames';
import { element, encapsulated, j2k, part10 } from './syntheticPart10';

describe('framesOfInstance', () => {
  it('cuts native frames by their byte ranges', () => {
    const pixels = Array.from({ length: 16 }, (_, k) => k + 1); // 2 frames × 4 pixels × 2 bytes
    const got = framesOfInstance(
      part10({
        transferSyntax: '1.2.840.10008.1.2.1',
        frames: 2,
        pixelData: element(0x7fe00010, 'OW', new Uint8Array(pixels)),
      }),
    );
    expect(got?.sopInstanceUID).toBe('1.2.3.4');
    expect(got?.transferSyntax).toBe('1.2.840.10008.1.2.1');
    expect(got?.frames.map((f) => [...f])).toEqual([pixels.slice(0, 8), pixels.slice(8)]);
  });

  it('joins the fragments of a single compressed frame', () => {
    const got = framesOfInstance(
      part10({
        transferSyntax: '1.2.840.10008.1.2.4.80',
        pixelData: encapsulated(
          [],
          [
            [1, 2, 3, 4],
            [5, 6],
          ],
        ),
      }),
    );
    expect(got?.frames.map((f) => [...f])).toEqual([[1, 2, 3, 4, 5, 6]]);
  });

  it('separates the frames of a multi-frame compressed instance by its offset table', () => {
    const got = framesOfInstance(
      part10({
        transferSyntax: '1.2.840.10008.1.2.5',
        frames: 2,
        pixelData: encapsulated(
          [0, 12],
          [
            [1, 2, 3, 4],
            [9, 8, 7, 6],
          ],
        ),
      }),
    );
    expect(got?.frames.map((f) => [...f])).toEqual([
      [1, 2, 3, 4],
      [9, 8, 7, 6],
    ]);
    // Each may be transferred to a decoding worker without taking the other with it.
    expect(got?.frames[0]?.buffer).not.toBe(got?.frames[1]?.buffer);
  });

  it('leaves to the per-frame path the syntaxes it must mend', () => {
    const jpeg12Bit = framesOfInstance(
      part10({
        transferSyntax: '1.2.840.10008.1.2.4.51',
        pixelData: encapsulated([], [[1, 2, 3, 4]]),
      }),
    );
    expect(jpeg12Bit?.sopInstanceUID).toBe('1.2.3.4');
    expect(jpeg12Bit?.frames).toEqual([]);
  });

  it('takes JPEG 2000 only when the stream agrees with PixelRepresentation on the sign', () => {
    const of = (signed: boolean, pixelRepresentation: number) =>
      framesOfInstance(
        part10({
          transferSyntax: '1.2.840.10008.1.2.4.90',
          pixelRepresentation,
          pixelData: encapsulated([], [j2k(signed)]),
        }),
      )?.frames.length;
    expect(of(false, 0)).toBe(1);
    expect(of(true, 1)).toBe(1);
    expect(of(true, 0)).toBe(0);
  });

  it('gives nothing for a native frame shorter than its size, or for bytes that are no DICOM', () => {
    const short = framesOfInstance(
      part10({
        transferSyntax: '1.2.840.10008.1.2.1',
        frames: 2,
        pixelData: element(0x7fe00010, 'OW', new Uint8Array(10)),
      }),
    );
    expect(short?.frames).toEqual([]);
    expect(framesOfInstance(new Uint8Array([1, 2, 3]))).toBeNull();
  });
});

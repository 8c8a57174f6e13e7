// Colour stored with half-width chroma (YBR_FULL_422, YBR_PARTIAL_422: two bytes per pixel
// on average, PS3.3 C.7.6.3.1.2). Orthanc 1.10 sizes a native frame as rows × columns ×
// samples per pixel, so it refuses to cut a frame out of such pixel data (HTTP 400 « Bad
// file format ») — while it serves the same photometric JPEG-compressed without trouble.
// The PixelData bulk data of a single-frame instance is that one frame, so it can stand in
// for `/frames/1`. Multi-frame pixel data would need slicing by frame; none is seen yet.
//
// Cornerstone's loader (5.14) then mis-sizes native 4:2:2 itself (its 4:2:2 and 4:2:0
// length checks are swapped, so it skips the colour conversion and shows the raw bytes):
// the chroma is brought to full resolution here first, and the frame is handed over as
// YBR_FULL, which it converts like dcmtk does (PS3.3 C.7.6.3.1.2 equations).
import { num, str, type DicomDataset } from '../dicom/dicomJson';

const PHOTOMETRIC_INTERPRETATION = '00280004';
const NUMBER_OF_FRAMES = '00280008';
const BITS_ALLOCATED = '00280100';

const SUBSAMPLED = new Set(['YBR_FULL_422', 'YBR_PARTIAL_422']);

export function isSubsampledColour(photometricInterpretation: string): boolean {
  return SUBSAMPLED.has(photometricInterpretation.trim().toUpperCase());
}

/** Whether the instance's PixelData bulk data may be read in place of its only frame. */
export function pixelDataMayStandInForFrame(ds: DicomDataset): boolean {
  const frames = num(ds, NUMBER_OF_FRAMES) ?? 1;
  const bits = num(ds, BITS_ALLOCATED) ?? 8;
  return frames <= 1 && bits === 8 && isSubsampledColour(str(ds, PHOTOMETRIC_INTERPRETATION));
}

/**
 * 8-bit 4:2:2 samples (Y1 Y2 Cb Cr for each pair of pixels of a row) as full-resolution
 * YBR (Y Cb Cr for every pixel, each pair sharing its chroma). Throws when the bytes are
 * fewer than the image needs: a truncated frame is an error, not a picture.
 */
export function fullResolutionChroma(
  samples: Uint8Array,
  rows: number,
  columns: number,
): Uint8Array {
  const pixels = rows * columns;
  if (!Number.isInteger(pixels) || pixels <= 0 || samples.length < pixels * 2) {
    throw new Error(`4:2:2 pixel data too short: ${samples.length} bytes for ${rows}×${columns}`);
  }
  const out = new Uint8Array(pixels * 3);
  for (let p = 0; p < pixels; p += 2) {
    const at = p * 2;
    const cb = samples[at + 2] ?? 128;
    const cr = samples[at + 3] ?? 128;
    out.set([samples[at] ?? 0, cb, cr], p * 3);
    if (p + 1 < pixels) out.set([samples[at + 1] ?? 0, cb, cr], (p + 1) * 3);
  }
  return out;
}

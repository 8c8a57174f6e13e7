// Which frames of a whole-series retrieve (the instances as stored, `transfer-syntax=*`)
// may be handed to the image loader as they are: only those the loader decodes to the
// reference pixels from the stored bytes. Every other frame is left to the per-frame path
// (frameRetrieval.ts, pixelDataStandIn.ts), which knows how to mend it: big endian and
// deflated (the source decodes them), 12-bit JPEG (decoded wrong in the browser), native
// 4:2:2 colour (chroma brought to full resolution first), JPEG 2000 whose stream contradicts
// PixelRepresentation about the sign (checked per frame by the caller).
import { isSubsampledColour } from './subsampledColour';

const IMPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2';
const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
const JPEG_BASELINE = '1.2.840.10008.1.2.4.50';

const NATIVE = new Set([IMPLICIT_VR_LITTLE_ENDIAN, EXPLICIT_VR_LITTLE_ENDIAN]);

const ENCAPSULATED = new Set([
  JPEG_BASELINE,
  '1.2.840.10008.1.2.4.57', // JPEG lossless, process 14
  '1.2.840.10008.1.2.4.70', // JPEG lossless, first-order prediction
  '1.2.840.10008.1.2.4.80', // JPEG-LS lossless
  '1.2.840.10008.1.2.4.81', // JPEG-LS near-lossless
  '1.2.840.10008.1.2.4.90', // JPEG 2000 lossless
  '1.2.840.10008.1.2.4.91', // JPEG 2000
  '1.2.840.10008.1.2.5', // RLE lossless
]);

export interface StoredPixels {
  transferSyntax: string;
  photometricInterpretation: string;
  bitsAllocated: number;
}

/** True when the stored frames go to the loader untouched; false sends them per frame. */
export function loadsFromWholeSeries(p: StoredPixels): boolean {
  if (NATIVE.has(p.transferSyntax)) {
    // 1-bit pixel data is packed across frame boundaries: no frame is a byte range.
    return p.bitsAllocated >= 8 && !isSubsampledColour(p.photometricInterpretation);
  }
  if (p.transferSyntax === JPEG_BASELINE) return p.bitsAllocated === 8;
  return ENCAPSULATED.has(p.transferSyntax);
}

export function isNativeSyntax(transferSyntax: string): boolean {
  return NATIVE.has(transferSyntax);
}

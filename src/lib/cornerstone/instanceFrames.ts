// The frames of one DICOM Part 10 instance (a part of a whole-series retrieve), as the
// bytes a `/frames/N` request would have answered: each compressed frame's fragments, or
// each native frame's byte range. Only frames the image loader decodes right as stored
// come out (domain/viewer/wholeSeriesSyntaxes.ts); for the others `frames` is empty and
// they are left to the per-frame path.
import dicomParser from 'dicom-parser';
import { jpeg2000Header, signednessDiffers } from '../../domain/viewer/jpeg2000Stream';
import { isJpeg2000 } from '../../domain/viewer/transferSyntaxRules';
import { isNativeSyntax, loadsFromWholeSeries } from '../../domain/viewer/wholeSeriesSyntaxes';

export interface InstanceFrames {
  sopInstanceUID: string;
  transferSyntax: string;
  /**
   * Frame N is frames[N - 1]; empty when the instance goes the per-frame way. No two frames
   * share a buffer, so each may be transferred to a decoding worker.
   */
  frames: Uint8Array<ArrayBuffer>[];
}

function ownCopy(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes);
}

/**
 * Null when the bytes are not a Part 10 instance with pixel data dicom-parser can read.
 * The only frame of a single-frame instance is a view of `bytes` (not copied): the caller
 * hands over `bytes`' buffer.
 */
export function framesOfInstance(bytes: Uint8Array<ArrayBuffer>): InstanceFrames | null {
  let ds: dicomParser.DataSet;
  try {
    ds = dicomParser.parseDicom(bytes);
  } catch {
    return null;
  }
  const sopInstanceUID = ds.string('x00080018');
  const transferSyntax = ds.string('x00020010');
  const pixelData = ds.elements['x7fe00010'];
  if (!sopInstanceUID || !transferSyntax || !pixelData) return null;
  const none = { sopInstanceUID, transferSyntax, frames: [] };
  const rows = ds.uint16('x00280010') ?? 0;
  const columns = ds.uint16('x00280011') ?? 0;
  const samplesPerPixel = ds.uint16('x00280002') ?? 1;
  const bitsAllocated = ds.uint16('x00280100') ?? 0;
  const pixelRepresentation = ds.uint16('x00280103') ?? 0;
  const photometricInterpretation = ds.string('x00280004') ?? '';
  const count = Math.max(1, ds.intString('x00280008') ?? 1);
  if (
    !rows ||
    !columns ||
    !loadsFromWholeSeries({ transferSyntax, photometricInterpretation, bitsAllocated })
  ) {
    return none;
  }
  try {
    const frames: Uint8Array<ArrayBuffer>[] = [];
    if (isNativeSyntax(transferSyntax)) {
      const frameBytes = (rows * columns * samplesPerPixel * bitsAllocated) / 8;
      if (pixelData.length < frameBytes * count) return none;
      for (let f = 0; f < count; f++) {
        const start = pixelData.dataOffset + f * frameBytes;
        const frame = bytes.subarray(start, start + frameBytes);
        frames.push(count === 1 ? frame : ownCopy(frame));
      }
      return { sopInstanceUID, transferSyntax, frames };
    }
    if (!pixelData.encapsulatedPixelData || !pixelData.fragments?.length) return none;
    if (count === 1) {
      // One fragment: a view of `bytes`; several: joined by dicom-parser in a new buffer.
      const frame = dicomParser.readEncapsulatedPixelDataFromFragments(
        ds,
        pixelData,
        0,
        pixelData.fragments.length,
      );
      frames.push(
        frame.buffer instanceof ArrayBuffer ? (frame as Uint8Array<ArrayBuffer>) : ownCopy(frame),
      );
    } else {
      const offsets = pixelData.basicOffsetTable?.length
        ? pixelData.basicOffsetTable
        : dicomParser.createJPEGBasicOffsetTable(ds, pixelData);
      if (offsets.length !== count) return none;
      for (let f = 0; f < count; f++) {
        frames.push(ownCopy(dicomParser.readEncapsulatedImageFrame(ds, pixelData, f, offsets)));
      }
    }
    if (isJpeg2000(transferSyntax)) {
      // Decoded per frame by frameRetrieval.ts when the stream says otherwise about the sign.
      for (const frame of frames) {
        const header = jpeg2000Header(frame);
        if (!header || signednessDiffers(header, pixelRepresentation)) return none;
      }
    }
    return { sopInstanceUID, transferSyntax, frames };
  } catch {
    return none;
  }
}

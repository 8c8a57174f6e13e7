// How a frame is asked of a source, by the transfer syntax it comes in. Frames are first
// asked "as stored" (`transfer-syntax=*`): compressed frames stay compressed on the wire
// and the source does no work. Two cases then ask again for explicit little endian, which
// the source decodes itself (Orthanc does it with dcmtk, exactly):
// - the source cannot send the frame as stored: Orthanc 1.10 answers 500 (the gateway says
//   502 upstream_error) for big-endian and deflated files (STACK-NOTES.md);
// - the browser's decoder for that syntax does not give the reference pixels: the image
//   loader's JPEG 12-bit decoder (used for every "JPEG extended" frame) is up to 15 grey
//   levels off IJG's, the decoder dcmtk and Orthanc use (measured on JPGExtended.dcm).
// The metadata of a DICOMweb source does not say the stored transfer syntax, so the rule is
// applied to what a frame's answer says, and remembered per instance.

export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';

const JPEG_2000 = new Set(['1.2.840.10008.1.2.4.90', '1.2.840.10008.1.2.4.91']);

/** Decoded in the browser, but not to the pixels the reference decoder gives. */
const DECODED_WRONG_IN_BROWSER = new Set([
  '1.2.840.10008.1.2.4.51', // JPEG extended (process 2 & 4), 12-bit
  '1.2.840.10008.1.2.4.53', // retired JPEG extended processes, same decoder
  '1.2.840.10008.1.2.4.55',
]);

/** What a part's media type implies when it names no transfer syntax (PS3.18 8.7.3.5.2). */
const DEFAULT_BY_MEDIA_TYPE: Record<string, string> = {
  'application/octet-stream': EXPLICIT_VR_LITTLE_ENDIAN,
  'image/jpeg': '1.2.840.10008.1.2.4.50',
  'image/jls': '1.2.840.10008.1.2.4.80',
  'image/x-jls': '1.2.840.10008.1.2.4.80',
  'image/jp2': '1.2.840.10008.1.2.4.90',
  'image/jpx': '1.2.840.10008.1.2.4.92',
  'image/x-dicom-rle': '1.2.840.10008.1.2.5',
  'image/dicom-rle': '1.2.840.10008.1.2.5',
};

/** The transfer syntax a frame part (or single-part answer) says it is in, if any. */
export function transferSyntaxOf(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const [mediaType = '', ...params] = contentType.split(';');
  for (const param of params) {
    const eq = param.indexOf('=');
    if (eq < 0) continue;
    if (param.slice(0, eq).trim().toLowerCase() !== 'transfer-syntax') continue;
    const value = param
      .slice(eq + 1)
      .trim()
      .replace(/^"|"$/g, '');
    return value === '' || value === '*' ? null : value;
  }
  return DEFAULT_BY_MEDIA_TYPE[mediaType.trim().toLowerCase()] ?? null;
}

/** True when the source should decode frames in this syntax (explicit LE) for the browser. */
export function askSourceToDecode(transferSyntax: string | null): boolean {
  return transferSyntax !== null && DECODED_WRONG_IN_BROWSER.has(transferSyntax);
}

export function isJpeg2000(transferSyntax: string | null): boolean {
  return transferSyntax !== null && JPEG_2000.has(transferSyntax);
}

/**
 * True when a failed frame request says the source could not produce the frame as stored:
 * a 500 from the source itself, or the gateway's 502 `upstream_error` (the source's 5xx) —
 * not a refusal of the user (401/403), a missing frame (404), nor a source that is down or
 * slow (502 `upstream_unreachable`, 504), which asking otherwise would not mend.
 */
export function sourceCouldNotSendAsStored(
  status: number | null,
  errorCode: string | null,
): boolean {
  return status === 500 || (status === 502 && errorCode === 'upstream_error');
}

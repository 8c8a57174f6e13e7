// What a JPEG 2000 frame's own header says about its samples (ISO 15444-1 A.5.1, the SIZ
// marker), read from a raw codestream or from a JP2 file wrapping one (some writers, GDCM
// among them, store the JP2 file format in DICOM although PS3.5 A.4.4 asks for the bare
// codestream). The viewer compares it with the DICOM header: when the stream says unsigned
// and PixelRepresentation says signed (or the reverse), the decoder's output is typed by the
// stream and the loader's sign handling then mangles it — DICOM's header decides (as dcmtk,
// GDCM and pydicom do), so such frames are decoded apart and read by PixelRepresentation.

export interface Jpeg2000Header {
  columns: number;
  rows: number;
  components: number;
  /** Bits per sample of the first component (1–38). */
  precision: number;
  /** Whether the first component's samples are signed. */
  signed: boolean;
}

const SOC = 0xff4f;
const SIZ = 0xff51;
const JP2_SIGNATURE_BOX = 0x6a502020; // 'jP  '
const CONTIGUOUS_CODESTREAM_BOX = 0x6a703263; // 'jp2c'

function u16(b: Uint8Array, at: number): number | null {
  if (at + 2 > b.length) return null;
  return ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
}

function u32(b: Uint8Array, at: number): number | null {
  if (at + 4 > b.length) return null;
  return (
    (((b[at] ?? 0) << 24) |
      ((b[at + 1] ?? 0) << 16) |
      ((b[at + 2] ?? 0) << 8) |
      (b[at + 3] ?? 0)) >>>
    0
  );
}

/** Where the codestream starts: 0 for a bare one, inside the `jp2c` box for a JP2 file. */
export function codestreamOffset(bytes: Uint8Array): number | null {
  if (u16(bytes, 0) === SOC) return 0;
  if (u32(bytes, 4) !== JP2_SIGNATURE_BOX) return null;
  let at = 0;
  while (at + 8 <= bytes.length) {
    const length = u32(bytes, at);
    const type = u32(bytes, at + 4);
    if (length === null || type === null) return null;
    let header = 8;
    let size = length;
    if (length === 1) {
      // A 64-bit length follows; a frame never needs its high word.
      const high = u32(bytes, at + 8);
      const low = u32(bytes, at + 12);
      if (high === null || low === null || high !== 0) return null;
      header = 16;
      size = low;
    } else if (length === 0) {
      size = bytes.length - at; // the last box runs to the end
    }
    if (type === CONTIGUOUS_CODESTREAM_BOX) return at + header;
    if (size < header) return null;
    at += size;
  }
  return null;
}

/** The SIZ marker's description of the image, or null when this is not a J2K stream. */
export function jpeg2000Header(bytes: Uint8Array): Jpeg2000Header | null {
  const start = codestreamOffset(bytes);
  if (start === null || u16(bytes, start) !== SOC || u16(bytes, start + 2) !== SIZ) return null;
  const m = start + 2;
  const xsiz = u32(bytes, m + 6);
  const ysiz = u32(bytes, m + 10);
  const xosiz = u32(bytes, m + 14);
  const yosiz = u32(bytes, m + 18);
  const csiz = u16(bytes, m + 38);
  const ssiz = bytes[m + 40];
  if (
    xsiz === null ||
    ysiz === null ||
    xosiz === null ||
    yosiz === null ||
    csiz === null ||
    ssiz === undefined ||
    csiz < 1
  ) {
    return null;
  }
  return {
    columns: xsiz - xosiz,
    rows: ysiz - yosiz,
    components: csiz,
    precision: (ssiz & 0x7f) + 1,
    signed: (ssiz & 0x80) !== 0,
  };
}

/** True when the stream's signedness contradicts the DICOM PixelRepresentation. */
export function signednessDiffers(header: Jpeg2000Header, pixelRepresentation: number): boolean {
  return header.signed !== (pixelRepresentation === 1);
}

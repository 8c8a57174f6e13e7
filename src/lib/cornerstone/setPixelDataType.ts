// Stands in for dicom-image-loader's own setPixelDataType (dev/loaderOverrides.ts puts it
// in place of the library's module). The library's version picks the typed array that fits
// the frame's smallest and largest values — and builds a new one even when the decoded
// frame already is of that type: a copy of every frame on the page's thread, 1.4 s of the
// 10.8 s the 320-slice CT took to load in the background (CPU profile, 2 cores). Here the
// decoded array is kept when it already fits and owns its whole buffer; otherwise the
// conversion is the library's.

type PixelArray = Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Float32Array;

type PixelArrayType = new (source: ArrayLike<number>) => PixelArray;

/** The smallest typed array holding min..max, as the library chooses it (its own function is not exported). */
export function pixelArrayTypeFor(min: number, max: number): PixelArrayType {
  if (Number.isInteger(min) && Number.isInteger(max)) {
    if (min >= 0) {
      if (max <= 0xff) return Uint8Array;
      if (max <= 0xffff) return Uint16Array;
      if (max <= 0xffffffff) return Uint32Array;
    } else {
      if (min >= -128 && max <= 127) return Int8Array;
      if (min >= -32768 && max <= 32767) return Int16Array;
    }
  }
  return Float32Array;
}

interface DecodedFrame {
  smallestPixelValue: number;
  largestPixelValue: number;
  pixelData: ArrayLike<number>;
}

export default function setPixelDataType(imageFrame: DecodedFrame): void {
  const Type = pixelArrayTypeFor(imageFrame.smallestPixelValue, imageFrame.largestPixelValue);
  const data = imageFrame.pixelData;
  // A view into a larger buffer (a part of a multi-frame answer) is still copied: keeping
  // it would keep the whole buffer alive in the image cache.
  const ownsBuffer =
    ArrayBuffer.isView(data) && data.byteOffset === 0 && data.byteLength === data.buffer.byteLength;
  if (data instanceof Type && ownsBuffer) return;
  imageFrame.pixelData = new Type(data);
}

// Decoded samples written back as native (explicit little endian) pixel data: what a
// compressed frame's Pixel Data holds once decompressed. Only the low BitsStored bits are
// kept — they are the stored value; whether it is signed is PixelRepresentation's call,
// made by whoever reads the frame (sign extension from bit BitsStored−1), exactly as for a
// frame that was never compressed.

/** Little-endian bytes of the samples' stored bits, or null for an unsupported layout. */
export function storedPixelBytes(
  samples: ArrayLike<number>,
  bitsAllocated: number,
  bitsStored: number,
): Uint8Array | null {
  if (bitsAllocated !== 8 && bitsAllocated !== 16) return null;
  if (!Number.isInteger(bitsStored) || bitsStored < 1 || bitsStored > bitsAllocated) return null;
  const mask = (1 << bitsStored) - 1;
  const n = samples.length;
  if (bitsAllocated === 8) {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = (samples[i] ?? 0) & mask;
    return out;
  }
  const out = new Uint8Array(n * 2);
  for (let i = 0; i < n; i++) {
    const v = (samples[i] ?? 0) & mask;
    out[2 * i] = v & 0xff;
    out[2 * i + 1] = (v >> 8) & 0xff;
  }
  return out;
}

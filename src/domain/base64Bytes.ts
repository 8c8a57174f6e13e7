// Base64 text from a source or from the gateway (an InlineBinary, a data URL) read as bytes,
// or null when it is not base64: such text is never trusted to be well formed.

/** The bytes `b64` encodes (white space ignored), or null when it is not base64. */
export function base64Bytes(b64: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9+/=\s]*$/.test(b64)) return null;
  try {
    const bin = atob(b64.replace(/\s+/g, ''));
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}

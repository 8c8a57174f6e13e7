// The first part of a `multipart/related` answer (WADO-RS bulk data, PS3.18 8.7), as
// bytes. Written here rather than borrowed from the image loader's internals, which are
// not part of its public API.

function indexOf(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  outer: for (let i = from; i <= haystack.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) {
      if (haystack[i + j] !== needle[j]) continue outer;
    }
    return i;
  }
  return -1;
}

function boundaryOf(contentType: string): string | null {
  const m = /boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m?.[1] ?? m?.[2] ?? null;
}

/** The body of the first part; the whole body when the answer is not multipart. */
export function firstPart(contentType: string, body: Uint8Array): Uint8Array {
  if (!/^multipart\//i.test(contentType.trim())) return body;
  const boundary = boundaryOf(contentType);
  if (!boundary) throw new Error('multipart answer without a boundary');
  const enc = new TextEncoder();
  const start = indexOf(body, enc.encode(`--${boundary}`), 0);
  if (start < 0) throw new Error('multipart answer without its first boundary');
  const headersEnd = indexOf(body, enc.encode('\r\n\r\n'), start);
  if (headersEnd < 0) throw new Error('multipart part without headers');
  const dataStart = headersEnd + 4;
  const end = indexOf(body, enc.encode(`\r\n--${boundary}`), dataStart);
  return body.subarray(dataStart, end < 0 ? body.length : end);
}

// The first part of a `multipart/related` answer (WADO-RS bulk data and frames, PS3.18
// 8.7), as bytes, and the reverse: a one-part answer built around new bytes. Written here
// rather than borrowed from the image loader's internals, which are not part of its public
// API.

function indexOf(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  outer: for (let i = from; i <= haystack.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) {
      if (haystack[i + j] !== needle[j]) continue outer;
    }
    return i;
  }
  return -1;
}

export function boundaryOf(contentType: string): string | null {
  const m = /boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m?.[1] ?? m?.[2] ?? null;
}

export interface Part {
  /** The part's own Content-Type (where WADO-RS names a frame's transfer syntax), if any. */
  contentType: string | null;
  data: Uint8Array;
}

/** The first part, with its Content-Type; the whole body when the answer is not multipart. */
export function firstPartOf(contentType: string, body: Uint8Array): Part {
  if (!/^multipart\//i.test(contentType.trim())) return { contentType, data: body };
  const boundary = boundaryOf(contentType);
  if (!boundary) throw new Error('multipart answer without a boundary');
  const enc = new TextEncoder();
  const start = indexOf(body, enc.encode(`--${boundary}`), 0);
  if (start < 0) throw new Error('multipart answer without its first boundary');
  const headersEnd = indexOf(body, enc.encode('\r\n\r\n'), start);
  if (headersEnd < 0) throw new Error('multipart part without headers');
  const dataStart = headersEnd + 4;
  const end = indexOf(body, enc.encode(`\r\n--${boundary}`), dataStart);
  const headers = new TextDecoder('latin1').decode(body.subarray(start, headersEnd)).split('\r\n');
  const typeLine = headers.find((h) => /^content-type\s*:/i.test(h));
  return {
    contentType: typeLine ? typeLine.slice(typeLine.indexOf(':') + 1).trim() : null,
    data: body.subarray(dataStart, end < 0 ? body.length : end),
  };
}

/** The body of the first part; the whole body when the answer is not multipart. */
export function firstPart(contentType: string, body: Uint8Array): Uint8Array {
  return firstPartOf(contentType, body).data;
}

/** A complete one-part `multipart/related` body under `boundary`. */
export function onePartBody(
  boundary: string,
  partContentType: string,
  data: Uint8Array,
): Uint8Array<ArrayBuffer> {
  const enc = new TextEncoder();
  const head = enc.encode(`--${boundary}\r\nContent-Type: ${partContentType}\r\n\r\n`);
  const tail = enc.encode(`\r\n--${boundary}--\r\n`);
  const out = new Uint8Array(head.length + data.length + tail.length);
  out.set(head, 0);
  out.set(data, head.length);
  out.set(tail, head.length + data.length);
  return out;
}

// Splits a `multipart/related` answer (WADO-RS, PS3.18 8.7) into its parts while it still
// arrives, chunk by chunk, so that each instance of a whole-series retrieve can be decoded
// before the last one is in. A part that says its Content-Length (Orthanc does) is cut by
// it, without scanning its bytes for the boundary; one that does not is cut at the next
// delimiter.

export interface StreamedPart {
  /** The part's own Content-Type, if it has one. */
  contentType: string | null;
  /** The part's body, in a buffer of its own (the stream's chunks are not kept). */
  data: Uint8Array<ArrayBuffer>;
}

const CR = 13;
const LF = 10;
const DASH = 45;

function asciiBytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

const HEADERS_END = asciiBytes('\r\n\r\n');
const latin1 = new TextDecoder('latin1');

function startsWithAt(haystack: Uint8Array, needle: Uint8Array, at: number): boolean {
  if (at + needle.length > haystack.length) return false;
  for (let j = 0; j < needle.length; j++) {
    if (haystack[at + j] !== needle[j]) return false;
  }
  return true;
}

/** First index ≥ from where needle starts; scans with the native indexOf for its first byte. */
function indexOfBytes(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0];
  if (first === undefined) return from;
  let i = haystack.indexOf(first, from);
  while (i >= 0 && i + needle.length <= haystack.length) {
    if (startsWithAt(haystack, needle, i)) return i;
    i = haystack.indexOf(first, i + 1);
  }
  return -1;
}

type State = 'preamble' | 'headers' | 'body' | 'after-body' | 'done';

export class MultipartStream {
  /** `--boundary`: opens the first part. */
  private readonly opening: Uint8Array;
  /** `\r\n--boundary`: ends a part's body. */
  private readonly delimiter: Uint8Array;
  /** Unconsumed bytes: store[0, size). Grown by doubling, so a large part costs O(n) copies. */
  private store: Uint8Array<ArrayBuffer> = new Uint8Array(64 * 1024);
  private size = 0;
  private state: State = 'preamble';
  private contentType: string | null = null;
  private contentLength: number | null = null;
  /** Where the delimiter search of the current body resumes (bytes before it were scanned). */
  private scannedUpTo = 0;

  constructor(boundary: string) {
    if (!boundary) throw new Error('multipart answer without a boundary');
    this.opening = asciiBytes(`--${boundary}`);
    this.delimiter = asciiBytes(`\r\n--${boundary}`);
  }

  /** True once the closing delimiter (`--boundary--`) was read. */
  get finished(): boolean {
    return this.state === 'done';
  }

  /** The parts completed by this chunk, in order. */
  push(chunk: Uint8Array): StreamedPart[] {
    if (this.state === 'done') return [];
    if (this.size + chunk.length > this.store.length) {
      const grown = new Uint8Array(Math.max(this.store.length * 2, this.size + chunk.length));
      grown.set(this.store.subarray(0, this.size), 0);
      this.store = grown;
    }
    this.store.set(chunk, this.size);
    this.size += chunk.length;
    const parts: StreamedPart[] = [];
    let offset = 0;
    for (;;) {
      const used = this.step(this.store.subarray(0, this.size), offset, parts);
      if (used === null) break;
      offset = used;
    }
    // What was consumed goes; a partial part stays for the next chunk.
    if (offset > 0) {
      this.store.copyWithin(0, offset, this.size);
      this.size -= offset;
      this.scannedUpTo = Math.max(0, this.scannedUpTo - offset);
    }
    return parts;
  }

  /** Throws when the answer ended before its closing delimiter: a part may be missing. */
  end(): void {
    if (this.state !== 'done') throw new Error('multipart answer cut short');
  }

  /** Reads what it can at `offset`; the new offset, or null when more bytes are needed. */
  private step(buf: Uint8Array<ArrayBuffer>, offset: number, parts: StreamedPart[]): number | null {
    switch (this.state) {
      case 'preamble': {
        const at = indexOfBytes(buf, this.opening, offset);
        if (at < 0) return null;
        this.state = 'after-body';
        return at + this.opening.length;
      }
      case 'after-body': {
        // After a delimiter: `--` closes the answer, otherwise the line ends and a part begins.
        if (buf.length - offset < 2) return null;
        if (buf[offset] === DASH && buf[offset + 1] === DASH) {
          this.state = 'done';
          return buf.length; // the epilogue, if any, is not ours to read
        }
        const eol = buf.indexOf(LF, offset);
        if (eol < 0) return null;
        this.state = 'headers';
        return eol + 1;
      }
      case 'headers': {
        const end = indexOfBytes(buf, HEADERS_END, offset);
        // A part without headers starts its body right away (its blank line is the first).
        const empty = buf[offset] === CR && buf[offset + 1] === LF;
        if (!empty && end < 0) return null;
        const headerEnd = empty ? offset : end;
        const lines = latin1.decode(buf.subarray(offset, headerEnd)).split('\r\n');
        this.contentType = null;
        this.contentLength = null;
        for (const line of lines) {
          const colon = line.indexOf(':');
          if (colon < 0) continue;
          const name = line.slice(0, colon).trim().toLowerCase();
          const value = line.slice(colon + 1).trim();
          if (name === 'content-type') this.contentType = value;
          if (name === 'content-length' && /^[0-9]+$/.test(value))
            this.contentLength = Number(value);
        }
        this.state = 'body';
        this.scannedUpTo = empty ? offset + 2 : headerEnd + 4;
        return this.scannedUpTo;
      }
      case 'body': {
        let bodyEnd: number;
        if (this.contentLength !== null) {
          bodyEnd = offset + this.contentLength;
          if (buf.length < bodyEnd + this.delimiter.length) return null;
          if (!startsWithAt(buf, this.delimiter, bodyEnd)) {
            throw new Error('multipart part longer than its Content-Length');
          }
        } else {
          const from = Math.max(offset, this.scannedUpTo);
          const at = indexOfBytes(buf, this.delimiter, from);
          if (at < 0) {
            // The delimiter may straddle this chunk and the next: rescan its length back.
            this.scannedUpTo = Math.max(offset, buf.length - this.delimiter.length + 1);
            return null;
          }
          bodyEnd = at;
        }
        parts.push({ contentType: this.contentType, data: buf.slice(offset, bodyEnd) });
        this.state = 'after-body';
        return bodyEnd + this.delimiter.length;
      }
      case 'done':
        return null;
    }
  }
}

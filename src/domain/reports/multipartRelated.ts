// WADO-RS answers bulk data (here: an encapsulated PDF or CDA) as `multipart/related`
// (PS3.18 8.7.3). The browser has no parser for it, so this one is small and strict: it
// returns the parts' bytes untouched, never decodes them as text.

export interface MultipartPart {
  /** Header names in lower case. */
  headers: Readonly<Record<string, string>>;
  body: Uint8Array;
}

export class MultipartError extends Error {
  override name = 'MultipartError';
}

/** The parameters of a media type, e.g. `boundary` and `type` of `multipart/related; …`. */
export function mediaTypeParameters(contentType: string): Map<string, string> {
  const params = new Map<string, string>();
  // A quoted value may hold `;` (e.g. type="application/dicom; charset=…"): scan, don't split.
  const re = /;\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]*))/g;
  for (const m of contentType.matchAll(re)) {
    const name = m[1]?.toLowerCase();
    if (name === undefined || params.has(name)) continue;
    const value = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '');
    params.set(name, value);
  }
  return params;
}

export function isMultipartRelated(contentType: string): boolean {
  return /^\s*multipart\/related\s*(;|$)/i.test(contentType);
}

function indexOf(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0];
  const last = haystack.length - needle.length;
  outer: for (let i = haystack.indexOf(first ?? 0, from); i !== -1 && i <= last;) {
    for (let j = 1; j < needle.length; j++) {
      if (haystack[i + j] !== needle[j]) {
        i = haystack.indexOf(first ?? 0, i + 1);
        continue outer;
      }
    }
    return i;
  }
  return -1;
}

const CR = 0x0d;
const LF = 0x0a;
const HYPHEN = 0x2d;

function lineEndAt(bytes: Uint8Array, i: number): number {
  if (bytes[i] === CR && bytes[i + 1] === LF) return 2;
  if (bytes[i] === LF) return 1;
  return 0;
}

function parseHeaders(block: Uint8Array): Record<string, string> {
  const headers: Record<string, string> = {};
  // Header values are ASCII per RFC 2045; latin1 keeps any stray byte as one character.
  const text = new TextDecoder('latin1').decode(block);
  for (const line of text.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon < 1) continue;
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/**
 * Splits a `multipart/related` body into its parts. Throws MultipartError when the content
 * type has no boundary or the body holds no complete part.
 */
export function parseMultipartRelated(body: Uint8Array, contentType: string): MultipartPart[] {
  if (!isMultipartRelated(contentType)) {
    throw new MultipartError(`not a multipart/related answer: ${contentType.slice(0, 80)}`);
  }
  const boundary = mediaTypeParameters(contentType).get('boundary');
  if (!boundary || boundary.length > 200) throw new MultipartError('no usable boundary');
  const delimiter = new TextEncoder().encode(`--${boundary}`);

  const parts: MultipartPart[] = [];
  let at = indexOf(body, delimiter, 0);
  if (at === -1) throw new MultipartError('the boundary never occurs in the body');
  for (;;) {
    let cursor = at + delimiter.length;
    // `--boundary--` closes the body; whatever follows is epilogue.
    if (body[cursor] === HYPHEN && body[cursor + 1] === HYPHEN) break;
    while (body[cursor] === 0x20 || body[cursor] === 0x09) cursor++;
    const eol = lineEndAt(body, cursor);
    if (eol === 0) throw new MultipartError('malformed delimiter line');
    cursor += eol;

    let headerEnd = -1;
    let bodyStart = -1;
    const crlf2 = indexOf(body, new Uint8Array([CR, LF, CR, LF]), cursor);
    const lf2 = indexOf(body, new Uint8Array([LF, LF]), cursor);
    if (lineEndAt(body, cursor) > 0) {
      // No headers at all: the blank line comes first.
      headerEnd = cursor;
      bodyStart = cursor + lineEndAt(body, cursor);
    } else if (crlf2 !== -1 && (lf2 === -1 || crlf2 <= lf2)) {
      headerEnd = crlf2;
      bodyStart = crlf2 + 4;
    } else if (lf2 !== -1) {
      headerEnd = lf2;
      bodyStart = lf2 + 2;
    } else {
      throw new MultipartError('a part has no end of headers');
    }
    const headers = parseHeaders(body.subarray(cursor, headerEnd));

    const next = indexOf(body, delimiter, bodyStart);
    if (next === -1) throw new MultipartError('the body ends inside a part');
    // The line break before a delimiter belongs to the delimiter, not to the part.
    let bodyEnd = next;
    if (body[bodyEnd - 1] === LF) bodyEnd -= body[bodyEnd - 2] === CR ? 2 : 1;
    bodyEnd = Math.max(bodyEnd, bodyStart);

    // A Content-Length, when present and consistent, is exact even if the part ends in CR/LF.
    const declared = headers['content-length'];
    if (declared !== undefined && /^\d+$/.test(declared)) {
      const length = Number(declared);
      if (bodyStart + length <= next) bodyEnd = bodyStart + length;
    }
    parts.push({ headers, body: body.subarray(bodyStart, bodyEnd) });
    at = next;
  }
  if (parts.length === 0) throw new MultipartError('the body holds no part');
  return parts;
}

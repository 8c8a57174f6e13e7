// A WADO-RS retrieve answer (multipart/related, RFC 2046) read part by part as it arrives:
// headers, then the part's bytes in chunks, never a whole part — nor a whole series — in
// memory. The boundary search itself is streamsearch (the Boyer-Moore-Horspool search busboy
// is built on); what is here is the little state machine around it.
import StreamSearch from 'streamsearch';

export type PartEvent =
  | { kind: 'headers'; headers: Readonly<Record<string, string>> }
  | { kind: 'data'; chunk: Buffer }
  | { kind: 'end' };

/** Longest part header block accepted: a part's headers are a few lines. */
const MAX_HEADER_BYTES = 16 * 1024;

export class MultipartError extends Error {}

/** The boundary of a `multipart/…; boundary=…` content type, or null. */
export function boundaryOf(contentType: string | undefined): string | null {
  if (!contentType || !/^\s*multipart\//i.test(contentType)) return null;
  const m = /;\s*boundary=(?:"([^"]{1,70})"|([^;\s"]{1,70}))/i.exec(contentType);
  return m ? (m[1] ?? m[2] ?? null) : null;
}

function parseHeaders(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/**
 * The parts of a multipart body, as events in order. The body is read only as fast as the
 * events are consumed, so a slow consumer slows the source rather than filling memory.
 */
export async function* multipartParts(
  body: AsyncIterable<Buffer | Uint8Array>,
  boundary: string,
): AsyncGenerator<PartEvent> {
  type State = 'preamble' | 'afterBoundary' | 'headers' | 'body' | 'done';
  let state: State = 'preamble';
  let pending: PartEvent[] = [];
  let headerBytes: Buffer[] = [];
  let headerLength = 0;
  let afterBoundary = Buffer.alloc(0);

  const takeHeaders = (data: Buffer): void => {
    headerBytes.push(data);
    headerLength += data.length;
    const all = Buffer.concat(headerBytes);
    const end = all.indexOf('\r\n\r\n');
    if (end === -1) {
      if (headerLength > MAX_HEADER_BYTES) throw new MultipartError('part headers too long');
      headerBytes = [all];
      return;
    }
    pending.push({
      kind: 'headers',
      headers: parseHeaders(all.subarray(0, end).toString('latin1')),
    });
    headerBytes = [];
    headerLength = 0;
    state = 'body';
    const rest = all.subarray(end + 4);
    if (rest.length > 0) pending.push({ kind: 'data', chunk: rest });
  };

  const onData = (data: Buffer): void => {
    if (data.length === 0) return;
    switch (state) {
      case 'preamble':
      case 'done':
        return;
      case 'body':
        pending.push({ kind: 'data', chunk: data });
        return;
      case 'headers':
        takeHeaders(data);
        return;
      case 'afterBoundary': {
        // `--` closes the body; otherwise optional padding, then CRLF and the headers.
        afterBoundary = Buffer.concat([afterBoundary, data]);
        if (afterBoundary.length < 2) return;
        if (afterBoundary[0] === 0x2d && afterBoundary[1] === 0x2d) {
          state = 'done';
          return;
        }
        const crlf = afterBoundary.indexOf('\r\n');
        if (crlf === -1) {
          if (afterBoundary.length > 256) throw new MultipartError('bad boundary line');
          return;
        }
        const rest = afterBoundary.subarray(crlf + 2);
        afterBoundary = Buffer.alloc(0);
        state = 'headers';
        if (rest.length > 0) takeHeaders(rest);
        return;
      }
    }
  };

  const search = new StreamSearch(`\r\n--${boundary}`, (isMatch, data, start, end, isSafe) => {
    if (data && end > start) {
      const slice = data.subarray(start, end);
      onData(isSafe ? slice : Buffer.from(slice));
    }
    if (isMatch) {
      if (state === 'body') pending.push({ kind: 'end' });
      else if (state === 'headers' || state === 'afterBoundary') {
        throw new MultipartError('a part ended inside its headers');
      }
      if (state !== 'done') state = 'afterBoundary';
    }
  });

  // The first boundary has no CRLF before it: give it one, so one needle finds them all.
  search.push(Buffer.from('\r\n'));
  for (const event of pending) yield event;
  pending = [];
  for await (const chunk of body) {
    search.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
    const events = pending;
    pending = [];
    for (const event of events) yield event;
    if ((state as State) === 'done') return;
  }
  search.destroy();
  for (const event of pending) yield event;
  if ((state as State) !== 'done')
    throw new MultipartError('the answer ended before its closing boundary');
}

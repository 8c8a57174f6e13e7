import { describe, expect, it } from 'vitest';
import { boundaryOf, multipartParts, MultipartError, type PartEvent } from './multipartParts';

const BOUNDARY = 'b0undary-XYZ';

function body(parts: Buffer[], opts: { preamble?: string; padding?: string } = {}): Buffer {
  const out: Buffer[] = [];
  if (opts.preamble) out.push(Buffer.from(`${opts.preamble}\r\n`));
  for (const p of parts) {
    out.push(
      Buffer.from(
        `--${BOUNDARY}${opts.padding ?? ''}\r\nContent-Type: application/dicom\r\nContent-Length: ${p.length}\r\n\r\n`,
      ),
      p,
      Buffer.from('\r\n'),
    );
  }
  out.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(out);
}

async function* chunked(buf: Buffer, sizes: number[]): AsyncGenerator<Buffer> {
  let at = 0;
  let i = 0;
  while (at < buf.length) {
    const n = sizes[i++ % sizes.length] ?? 1;
    yield buf.subarray(at, at + n);
    at += n;
  }
}

async function collect(events: AsyncIterable<PartEvent>): Promise<{
  parts: Buffer[];
  headers: Record<string, string>[];
}> {
  const parts: Buffer[] = [];
  const headers: Record<string, string>[] = [];
  let current: Buffer[] | null = null;
  for await (const e of events) {
    if (e.kind === 'headers') {
      headers.push({ ...e.headers });
      current = [];
    } else if (e.kind === 'data') {
      expect(current).not.toBeNull();
      current!.push(Buffer.from(e.chunk));
    } else {
      parts.push(Buffer.concat(current!));
      current = null;
    }
  }
  return { parts, headers };
}

/** Bytes that look like a boundary's start, CRLFs and dashes inside a part. */
function tricky(n: number, seed: number): Buffer {
  const b = Buffer.alloc(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    b[i] = x % 7 === 0 ? 0x2d : x % 11 === 0 ? 0x0d : x % 13 === 0 ? 0x0a : x & 0xff;
  }
  Buffer.from(`\r\n--${BOUNDARY.slice(0, 6)}`).copy(b, Math.floor(n / 2));
  return b;
}

describe('multipartParts', () => {
  it('gives back every part byte for byte, however the body is cut', async () => {
    const small = [tricky(300, 1), Buffer.alloc(0), tricky(401, 2), Buffer.from('--')];
    const large = [tricky(5000, 3), Buffer.alloc(0), tricky(70_001, 4), Buffer.from('--')];
    for (const parts of [small, large]) {
      const raw = body(parts, { preamble: 'ignored preamble', padding: '  ' });
      // A byte at a time only for the small body: the cost is per chunk, not per byte.
      const cuts = parts === small ? [[1], [2, 3, 5]] : [[4096], [raw.length], [17, 64_000]];
      for (const sizes of cuts) {
        const got = await collect(multipartParts(chunked(raw, sizes), BOUNDARY));
        expect(got.parts.map((p) => p.toString('hex'))).toEqual(
          parts.map((p) => p.toString('hex')),
        );
        expect(got.headers[0]).toEqual({
          'content-type': 'application/dicom',
          'content-length': String(parts[0]!.length),
        });
      }
    }
  });

  it('refuses a body cut short or headers without end', async () => {
    const raw = body([tricky(3000, 3)]);
    await expect(
      collect(multipartParts(chunked(raw.subarray(0, 2000), [100]), BOUNDARY)),
    ).rejects.toBeInstanceOf(MultipartError);
    const endless = Buffer.concat([Buffer.from(`--${BOUNDARY}\r\nA: `), Buffer.alloc(20_000, 65)]);
    await expect(
      collect(multipartParts(chunked(endless, [1000]), BOUNDARY)),
    ).rejects.toBeInstanceOf(MultipartError);
  });

  it('reads the boundary of a content type', () => {
    expect(boundaryOf('multipart/related; type="application/dicom"; boundary=abc')).toBe('abc');
    expect(boundaryOf('multipart/related;boundary="a b:c"; type=x')).toBe('a b:c');
    expect(boundaryOf('application/json')).toBeNull();
    expect(boundaryOf('multipart/related; type="application/dicom"')).toBeNull();
  });
});

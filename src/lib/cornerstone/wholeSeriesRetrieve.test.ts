import { afterEach, describe, expect, it, vi } from 'vitest';
import { encapsulated, part10 } from './syntheticPart10';
import { retrieveWholeSeries, seriesOfImageIds } from './wholeSeriesRetrieve';

const BOUNDARY = 'series-boundary';
const JPEG_LS = '1.2.840.10008.1.2.4.80';
const JPEG_12_BIT = '1.2.840.10008.1.2.4.51';

function multipart(instances: Uint8Array[], closed = true): Uint8Array {
  const enc = new TextEncoder();
  const chunks: Uint8Array[] = [];
  for (const bytes of instances) {
    chunks.push(enc.encode(`--${BOUNDARY}\r\nContent-Type: application/dicom\r\n\r\n`), bytes);
    chunks.push(enc.encode('\r\n'));
  }
  if (closed) chunks.push(enc.encode(`--${BOUNDARY}--\r\n`));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** How far the page has read the answer. */
const served = { ended: false };

/** Answers the next fetch with `body`, in chunks of 50 bytes, as they are read; records what was asked. */
function answerWith(body: Uint8Array, status = 200) {
  served.ended = false;
  let at = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= body.length) {
        served.ended = true;
        controller.close();
        return;
      }
      controller.enqueue(body.slice(at, at + 50));
      at += 50;
    },
  });
  const fetchMock = vi.fn(
    (..._args: unknown[]) =>
      new Response(stream, {
        status,
        headers: {
          'content-type': `multipart/related; type="application/dicom"; boundary=${BOUNDARY}`,
        },
      }),
  );
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

function instance(sop: string, transferSyntax = JPEG_LS, fragment = [1, 2, 3, 4]) {
  return part10({ sopInstanceUID: sop, transferSyntax, pixelData: encapsulated([], [fragment]) });
}

afterEach(() => vi.unstubAllGlobals());

describe('retrieveWholeSeries', () => {
  it('hands over each frame as its instance arrives, and asks as stored with the token', async () => {
    const fetchMock = answerWith(
      multipart([instance('1.9.1'), instance('1.9.2', JPEG_LS, [7, 8])]),
    );
    const frames: [string, number, number[], string][] = [];
    await retrieveWholeSeries('/dicomweb/a/studies/1/series/2', {
      accessToken: 'tok',
      signal: new AbortController().signal,
      onFrame: (sop, n, bytes, ts) => frames.push([sop, n, [...bytes], ts]),
    });
    expect(frames).toEqual([
      ['1.9.1', 1, [1, 2, 3, 4], JPEG_LS],
      ['1.9.2', 1, [7, 8], JPEG_LS],
    ]);
    const init = fetchMock.mock.calls[0]?.[1] as { headers: Record<string, string> };
    expect(init.headers['Authorization']).toBe('Bearer tok');
    expect(init.headers['Accept']).toMatch(/type="application\/dicom"; transfer-syntax=\*/);
  });

  it('fails when the answer is cut short, once the complete instances were handed over', async () => {
    answerWith(multipart([instance('1.9.1'), instance('1.9.2')], false).slice(0, -40));
    const sops: string[] = [];
    await expect(
      retrieveWholeSeries('/s', {
        accessToken: null,
        signal: new AbortController().signal,
        onFrame: (sop) => sops.push(sop),
      }),
    ).rejects.toThrow(/cut short/);
    expect(sops).toEqual(['1.9.1']);
  });

  it.each([
    ['', undefined],
    [', even while held back', new Promise<void>(() => undefined)],
  ])(
    'stops at once when the first image is stored in a syntax left to the per-frame path%s',
    async (_, parseWhen) => {
      answerWith(multipart([instance('1.9.1', JPEG_12_BIT), instance('1.9.2')]));
      const sops: string[] = [];
      await expect(
        retrieveWholeSeries('/s', {
          accessToken: null,
          signal: new AbortController().signal,
          parseWhen,
          onFrame: (sop) => sops.push(sop),
        }),
      ).rejects.toThrow(/per-frame/);
      expect(sops).toEqual([]);
      expect(served.ended).toBe(false);
    },
  );

  it('held back by parseWhen, reads the whole answer but hands over only its first instance', async () => {
    answerWith(multipart([instance('1.9.1'), instance('1.9.2'), instance('1.9.3', JPEG_LS, [5])]));
    let open: () => void = () => undefined;
    const parseWhen = new Promise<void>((resolve) => {
      open = resolve;
    });
    const sops: string[] = [];
    const done = retrieveWholeSeries('/s', {
      accessToken: null,
      signal: new AbortController().signal,
      parseWhen,
      onFrame: (sop) => sops.push(sop),
    });
    await vi.waitFor(() => expect(served.ended).toBe(true));
    expect(sops).toEqual(['1.9.1']);
    open();
    await done;
    expect(sops).toEqual(['1.9.1', '1.9.2', '1.9.3']);
  });

  it('held back and then left, lets go of what it read and hands over nothing more', async () => {
    answerWith(multipart([instance('1.9.1'), instance('1.9.2')]));
    const abort = new AbortController();
    const sops: string[] = [];
    const done = retrieveWholeSeries('/s', {
      accessToken: null,
      signal: abort.signal,
      parseWhen: new Promise<void>(() => undefined),
      onFrame: (sop) => sops.push(sop),
    });
    await vi.waitFor(() => expect(served.ended).toBe(true));
    abort.abort();
    await expect(done).rejects.toThrow(/cancelled/);
    expect(sops).toEqual(['1.9.1']);
  });

  it('fails on an HTTP error', async () => {
    answerWith(new Uint8Array(0), 403);
    await expect(
      retrieveWholeSeries('/s', {
        accessToken: null,
        signal: new AbortController().signal,
        onFrame: () => undefined,
      }),
    ).rejects.toThrow(/403/);
  });
});

describe('seriesOfImageIds', () => {
  const base = 'http://h:1/dicomweb/src/studies/1.2/series/1.2.3';
  it('finds the series of frame image ids and names its other frames alike', () => {
    const s = seriesOfImageIds([
      `wadors:${base}/instances/4/frames/1`,
      `wadors:${base}/instances/5/frames/1`,
    ]);
    expect(s?.url).toBe(base);
    expect(s?.frameIdOf('6', 2)).toBe(`wadors:${base}/instances/6/frames/2`);
  });
  it('gives nothing for image ids of several series or of another kind', () => {
    expect(
      seriesOfImageIds([
        `wadors:${base}/instances/4/frames/1`,
        `wadors:${base}9/instances/5/frames/1`,
      ]),
    ).toBeNull();
    expect(seriesOfImageIds(['wadouri:http://h/file.dcm'])).toBeNull();
    expect(seriesOfImageIds([])).toBeNull();
  });
});

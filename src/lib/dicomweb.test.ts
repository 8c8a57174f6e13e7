import { describe, expect, it } from 'vitest';
import { DicomwebError, fetchDicomJson, sourcePath } from './dicomweb';

type FakeFetch = (url: string, init: RequestInit) => Promise<Response>;

function request(fetchImpl: FakeFetch, extra: { timeoutMs?: number; signal?: AbortSignal } = {}) {
  return fetchDicomJson({
    path: sourcePath('drimbox-nancy', 'studies'),
    query: { PatientID: '258037512345653', IssuerOfPatientID: '1.2.250.1.213.1.4.10', limit: 200 },
    accessToken: 'tok',
    timeoutMs: extra.timeoutMs ?? 1000,
    ...(extra.signal ? { signal: extra.signal } : {}),
    fetchImpl: fetchImpl as typeof fetch,
  });
}

async function failureOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DicomwebError) return error.failure;
    throw error;
  }
  throw new Error('expected a DicomwebError');
}

/** A fetch that never answers until its signal aborts, like a hung connection. */
const hangingFetch: FakeFetch = (_url, init) =>
  new Promise((_resolve, reject) => {
    init.signal?.addEventListener('abort', () => reject(init.signal?.reason));
  });

describe('fetchDicomJson', () => {
  it('sends the token and DICOM JSON accept header to the gateway path', async () => {
    let seen: { url: string; headers: Record<string, string> } | undefined;
    const studies = await request(async (url, init) => {
      seen = { url, headers: init.headers as Record<string, string> };
      return new Response('[{"0020000D":{"vr":"UI","Value":["1.2.3"]}}]', { status: 200 });
    });
    expect(studies).toHaveLength(1);
    expect(seen?.url).toBe(
      '/dicomweb/drimbox-nancy/studies?PatientID=258037512345653&IssuerOfPatientID=1.2.250.1.213.1.4.10&limit=200',
    );
    expect(seen?.headers).toEqual({
      Accept: 'application/dicom+json',
      Authorization: 'Bearer tok',
    });
  });

  it('encodes a hostile source id into one path segment', () => {
    expect(sourcePath('../api/x?y', 'studies')).toBe('/dicomweb/..%2Fapi%2Fx%3Fy/studies');
  });

  it('treats 204 and an empty body as no studies', async () => {
    expect(await request(async () => new Response(null, { status: 204 }))).toEqual([]);
    expect(await request(async () => new Response('', { status: 200 }))).toEqual([]);
  });

  it('classifies a rejected fetch as the network', async () => {
    const failure = await failureOf(
      request(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    expect(failure).toEqual({ kind: 'network' });
  });

  it('classifies its own timeout', async () => {
    expect(await failureOf(request(hangingFetch, { timeoutMs: 20 }))).toEqual({ kind: 'timeout' });
  });

  it('lets a cancellation by the caller through as it is', async () => {
    const controller = new AbortController();
    const pending = request(hangingFetch, { timeoutMs: 5000, signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.not.toBeInstanceOf(DicomwebError);
  });

  it('keeps the gateway’s error body with the status', async () => {
    const body = { error: { code: 'upstream_unreachable', message: 'La source ne répond pas.' } };
    const failure = await failureOf(
      request(async () => new Response(JSON.stringify(body), { status: 502 })),
    );
    expect(failure).toEqual({ kind: 'http', status: 502, body });
  });

  it('keeps a non-JSON error answer as a bare status', async () => {
    const failure = await failureOf(
      request(async () => new Response('<html>Bad Gateway</html>', { status: 502 })),
    );
    expect(failure).toEqual({ kind: 'http', status: 502, body: undefined });
  });

  it.each([
    ['not JSON', '<html>'],
    ['a JSON object', '{"a":1}'],
    ['a list of non-objects', '[1, "x", null]'],
    ['a list of lists', '[[]]'],
  ])('calls a success answer that is %s an invalid body', async (_label, text) => {
    const failure = await failureOf(request(async () => new Response(text, { status: 200 })));
    expect(failure).toEqual({ kind: 'invalidBody' });
  });

  it('calls a body cut off mid-way the network’s fault', async () => {
    const broken = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('[{'));
        controller.error(new TypeError('network error'));
      },
    });
    const failure = await failureOf(request(async () => new Response(broken, { status: 200 })));
    expect(failure).toEqual({ kind: 'network' });
  });
});

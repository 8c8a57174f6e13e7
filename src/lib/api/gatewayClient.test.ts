import { describe, expect, it, vi } from 'vitest';
import { createGatewayClient } from './gatewayClient';
import { GatewayError } from './gatewayError';

type FakeFetch = (url: string, init: RequestInit) => Promise<Response>;

function clientWith(fetchImpl: FakeFetch, token: string | null = 'tok') {
  return createGatewayClient({ accessToken: () => token, fetch: fetchImpl as typeof fetch });
}

async function errorOf(promise: Promise<unknown>): Promise<GatewayError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected a GatewayError');
}

/** A fetch that never answers until its signal aborts, like a hung connection. */
const hangingFetch: FakeFetch = (_url, init) =>
  new Promise((_resolve, reject) => {
    init.signal?.addEventListener('abort', () => reject(init.signal?.reason));
  });

const json = (status: number, body: unknown) => async () =>
  new Response(JSON.stringify(body), { status });

describe('a request asked ahead', () => {
  function recorder(
    answer: (url: string) => Response | Promise<Response> = () => new Response('[]'),
  ) {
    const asked: { url: string; init: RequestInit }[] = [];
    const fetchImpl = (async (url: string, init: RequestInit) => {
      asked.push({ url, init });
      return answer(url);
    }) as typeof fetch;
    return { asked, fetchImpl };
  }

  it('answers the first same GET — path and Accept — once, with the token', async () => {
    const { asked, fetchImpl } = recorder(() => new Response('[{"00080018":{"vr":"UI"}}]'));
    const client = createGatewayClient({ accessToken: () => 'tok', fetch: fetchImpl });
    client.askAhead('/dicomweb/a/studies/1/series/2/metadata', 'application/dicom+json');
    client.askAhead('/dicomweb/a/studies/1/series/2/metadata', 'application/dicom+json');
    expect(asked).toHaveLength(1);
    expect(asked[0]?.init.headers).toMatchObject({ Authorization: 'Bearer tok' });
    await expect(client.dicomJson('/dicomweb/a/studies/1/series/2/metadata')).resolves.toHaveLength(
      1,
    );
    expect(asked).toHaveLength(1);
    // Taken once: the next one asks.
    await client.dicomJson('/dicomweb/a/studies/1/series/2/metadata');
    expect(asked).toHaveLength(2);
  });

  it('is not taken by another Accept, another path or a POST', async () => {
    const { asked, fetchImpl } = recorder();
    const client = createGatewayClient({ accessToken: () => 'tok', fetch: fetchImpl });
    client.askAhead('/x', 'image/png');
    await client.json('/x');
    await client.dicomJson('/y');
    await client.json('/x', { method: 'POST', json: {}, accept: 'image/png' });
    expect(asked.map((a) => a.url)).toEqual(['/x', '/x', '/y', '/x']);
  });

  it('asks again when the answer ahead failed, or is older than 30 s', async () => {
    vi.useFakeTimers();
    try {
      let calls = 0;
      const { asked, fetchImpl } = recorder(() => {
        calls += 1;
        if (calls === 1) throw new TypeError('network');
        return new Response('{}');
      });
      const client = createGatewayClient({ accessToken: () => 'tok', fetch: fetchImpl });
      client.askAhead('/x', 'application/json');
      await expect(client.json('/x')).resolves.toEqual({});
      expect(asked).toHaveLength(2);
      client.askAhead('/z', 'application/json');
      vi.advanceTimersByTime(30_001);
      await client.json('/z');
      expect(asked).toHaveLength(4);
    } finally {
      vi.useRealTimers();
    }
  });

  it('takes an answer asked elsewhere as one asked ahead, unless the same GET was', async () => {
    const { asked, fetchImpl } = recorder(() => new Response('{"asked":"here"}'));
    const client = createGatewayClient({ accessToken: () => 'tok', fetch: fetchImpl });
    client.answerAhead(
      '/x',
      'application/json',
      Promise.resolve(new Response('{"asked":"there"}')),
    );
    await expect(client.json('/x')).resolves.toEqual({ asked: 'there' });
    client.askAhead('/y', 'application/json');
    client.answerAhead(
      '/y',
      'application/json',
      Promise.resolve(new Response('{"asked":"there"}')),
    );
    await expect(client.json('/y')).resolves.toEqual({ asked: 'here' });
    expect(asked.map((a) => a.url)).toEqual(['/y']);
    // One that failed on the way is asked again.
    client.answerAhead('/z', 'application/json', Promise.reject(new Error('worker gone')));
    await expect(client.json('/z')).resolves.toEqual({ asked: 'here' });
    expect(asked.map((a) => a.url)).toEqual(['/y', '/z']);
  });

  it('asks nothing without a session', () => {
    const { asked, fetchImpl } = recorder();
    createGatewayClient({ accessToken: () => null, fetch: fetchImpl }).askAhead('/x', 'a/b');
    expect(asked).toEqual([]);
  });
});

describe('the gateway client', () => {
  it('sends the bearer token, the Accept header and the query to the gateway path', async () => {
    let seen: { url: string; init: RequestInit } | undefined;
    const studies = await clientWith(async (url, init) => {
      seen = { url, init };
      return new Response('[{"0020000D":{"vr":"UI","Value":["1.2.3"]}}]', { status: 200 });
    }).dicomJson('/dicomweb/drimbox-nancy/studies', {
      query: { PatientID: '258037512345653', limit: 200 },
    });
    expect(studies).toHaveLength(1);
    expect(seen?.url).toBe('/dicomweb/drimbox-nancy/studies?PatientID=258037512345653&limit=200');
    expect(seen?.init.headers).toEqual({
      Accept: 'application/dicom+json',
      Authorization: 'Bearer tok',
    });
    expect(seen?.init.credentials).toBe('omit');
  });

  it('keeps a query given as pairs in its order, repeated keys included', async () => {
    let url = '';
    await clientWith(async (u) => {
      url = u;
      return new Response('[]');
    }).dicomJson('/dicomweb/a/series', {
      query: [
        ['includefield', '00100020'],
        ['includefield', '00100021'],
      ],
    });
    expect(url).toBe('/dicomweb/a/series?includefield=00100020&includefield=00100021');
  });

  it('reads the token at each request, so a renewed one is sent', async () => {
    let token = 'first';
    const seen: string[] = [];
    const client = createGatewayClient({
      accessToken: () => token,
      fetch: (async (_url: string, init: RequestInit) => {
        seen.push((init.headers as Record<string, string>).Authorization ?? '');
        return new Response('{}');
      }) as typeof fetch,
    });
    await client.json('/api/x');
    token = 'renewed';
    await client.json('/api/x');
    expect(seen).toEqual(['Bearer first', 'Bearer renewed']);
  });

  it('sends nothing without a session, and says so', async () => {
    let called = false;
    const error = await errorOf(
      clientWith(async () => {
        called = true;
        return new Response('{}');
      }, null).json('/api/keys'),
    );
    expect(called).toBe(false);
    expect(error).toMatchObject({ reason: 'sessionExpired', answered: false });
  });

  it('posts JSON with its content type', async () => {
    let init: RequestInit | undefined;
    const body = await clientWith(async (_url, i) => {
      init = i;
      return new Response('{"key":"k"}', { status: 201 });
    }).json('/api/fhir/Consent', {
      method: 'POST',
      json: { a: 1 },
      contentType: 'application/fhir+json',
    });
    expect(body).toEqual({ key: 'k' });
    expect(init?.method).toBe('POST');
    expect(init?.body).toBe('{"a":1}');
    expect(init?.headers).toMatchObject({ 'Content-Type': 'application/fhir+json' });
  });

  it('treats 204 and an empty body as nothing', async () => {
    const client = clientWith(async () => new Response(null, { status: 204 }));
    expect(await client.dicomJson('/dicomweb/a/studies')).toEqual([]);
    expect(await client.json('/api/x')).toBeUndefined();
    const empty = clientWith(async () => new Response('', { status: 200 }));
    expect(await empty.dicomJson('/dicomweb/a/studies')).toEqual([]);
  });

  it('calls a rejected fetch the network, and retries nothing itself', async () => {
    const error = await errorOf(
      clientWith(async () => {
        throw new TypeError('Failed to fetch');
      }).json('/api/x'),
    );
    expect(error.exchange).toEqual({ kind: 'network' });
    expect(error).toMatchObject({ reason: 'gatewayUnreachable', status: 0, answered: false });
  });

  it('gives up after its timeout', async () => {
    const error = await errorOf(clientWith(hangingFetch).json('/api/x', { timeoutMs: 20 }));
    expect(error).toMatchObject({ reason: 'timeout', answered: false });
  });

  it('lets a cancellation by the caller through as it is', async () => {
    const controller = new AbortController();
    const pending = clientWith(hangingFetch).json('/api/x', { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.not.toBeInstanceOf(GatewayError);
  });

  it('reads the gateway’s error JSON: reason, code and its sentence', async () => {
    const body = { error: { code: 'upstream_unreachable', message: 'La source ne répond pas.' } };
    const error = await errorOf(clientWith(json(502, body)).dicomJson('/dicomweb/a/studies'));
    expect(error).toMatchObject({
      reason: 'sourceUnreachable',
      status: 502,
      code: 'upstream_unreachable',
      detail: 'La source ne répond pas.',
      answered: true,
    });
    expect(error.exchange).toEqual({ kind: 'http', status: 502, body });
  });

  it('reads a consent refusal’s OperationOutcome', async () => {
    const outcome = {
      resourceType: 'OperationOutcome',
      issue: [
        {
          severity: 'error',
          code: 'forbidden',
          details: {
            coding: [{ system: 'urn:drim-viewer:error', code: 'consent_required' }],
            text: 'Consentement requis.',
          },
        },
      ],
    };
    const error = await errorOf(clientWith(json(403, outcome)).dicomJson('/dicomweb/archive/x'));
    expect(error).toMatchObject({ reason: 'consentRequired', detail: 'Consentement requis.' });
  });

  it('keeps a non-JSON error answer as a bare status', async () => {
    const error = await errorOf(
      clientWith(async () => new Response('<html>Bad Gateway</html>', { status: 502 })).json(
        '/api/x',
      ),
    );
    expect(error.exchange).toEqual({ kind: 'http', status: 502, body: undefined });
    expect(error.reason).toBe('gatewayUnreachable');
  });

  it.each([
    ['not JSON', '<html>'],
    ['a JSON object', '{"a":1}'],
    ['a list of non-objects', '[1, "x", null]'],
    ['a list of lists', '[[]]'],
  ])('calls a DICOM JSON answer that is %s an invalid body', async (_label, text) => {
    const error = await errorOf(
      clientWith(async () => new Response(text, { status: 200 })).dicomJson('/dicomweb/a/x'),
    );
    expect(error.exchange).toEqual({ kind: 'invalidBody' });
    expect(error).toMatchObject({ reason: 'invalidResponse', answered: true });
  });

  it('calls a JSON answer that is no JSON an invalid body', async () => {
    const error = await errorOf(clientWith(async () => new Response('<html>')).json('/api/x'));
    expect(error.reason).toBe('invalidResponse');
  });

  it('calls a body cut off mid-way the network’s fault', async () => {
    const broken = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('[{'));
        controller.error(new TypeError('network error'));
      },
    });
    const error = await errorOf(
      clientWith(async () => new Response(broken, { status: 200 })).dicomJson('/dicomweb/a/x'),
    );
    expect(error.exchange).toEqual({ kind: 'network' });
  });

  it('hands a successful answer over as it is, for a streamed body', async () => {
    const response = await clientWith(
      async () => new Response('bytes', { headers: { 'content-type': 'image/jpeg' } }),
    ).send('/dicomweb/a/rendered', { accept: 'image/jpeg' });
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    expect(await response.text()).toBe('bytes');
  });

  it('names no patient in its error message: the path only, never the query', async () => {
    const error = await errorOf(
      clientWith(json(400, { error: { code: 'fishing_query' } })).dicomJson('/dicomweb/a/studies', {
        query: { PatientID: '258037512345653' },
      }),
    );
    expect(error.message).toBe('GET /dicomweb/a/studies: HTTP 400');
  });
});

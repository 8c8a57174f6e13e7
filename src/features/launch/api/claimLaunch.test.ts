import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setAccessToken } from '../../../lib/api/accessToken';
import { GatewayError } from '../../../lib/api/gatewayError';
import { claimLaunch } from './claimLaunch';

const answer = (status: number, body: unknown) => () =>
  Promise.resolve(
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    }),
  );

beforeEach(() => {
  setAccessToken('tok');
});

afterEach(() => {
  vi.unstubAllGlobals();
  setAccessToken(null);
});

describe('claiming a launch', () => {
  it('returns the launch the gateway hands over, with the bearer token sent', async () => {
    let seen: RequestInit | undefined;
    let url = '';
    vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
      url = String(input);
      seen = init;
      return new Response(
        JSON.stringify({
          kind: 'iid',
          audience: 'professional',
          params: [['requestType', 'STUDY']],
        }),
        { status: 200 },
      );
    });
    const claimed = await claimLaunch('k'.repeat(43));
    expect(claimed.params).toEqual([['requestType', 'STUDY']]);
    expect(url).toBe(`/api/launch/${'k'.repeat(43)}/claim`);
    expect(seen?.method).toBe('POST');
    expect(new Headers(seen?.headers).get('authorization')).toBe('Bearer tok');
  });

  it('passes the gateway’s French refusal on, with its status', async () => {
    vi.stubGlobal(
      'fetch',
      answer(404, {
        error: { code: 'not_found', message: 'Ce lien d’ouverture n’est plus valable.' },
      }),
    );
    const refused = claimLaunch('k');
    await expect(refused).rejects.toThrow(GatewayError);
    await expect(refused).rejects.toMatchObject({
      status: 404,
      reason: 'notFound',
      detail: 'Ce lien d’ouverture n’est plus valable.',
    });
  });

  it('refuses an answer of the wrong shape rather than opening something', async () => {
    vi.stubGlobal('fetch', answer(200, { kind: 'iid', audience: 'admin', params: [] }));
    await expect(claimLaunch('k')).rejects.toMatchObject({
      reason: 'invalidResponse',
      answered: true,
    });
    vi.stubGlobal('fetch', answer(200, { kind: 'iid', audience: 'patient', params: [['a', 1]] }));
    await expect(claimLaunch('k')).rejects.toMatchObject({ reason: 'invalidResponse' });
  });

  it('keeps the gateway’s lookup of a STUDY launch: each source’s answer and the sealed key', async () => {
    const lookup = {
      answers: [
        { sourceId: 'a', ok: true, datasets: [{ '0020000D': { vr: 'UI', Value: ['2.25.1'] } }] },
        { sourceId: 'b', ok: false, consentRequired: true },
        { sourceId: 'c', ok: false },
      ],
      study: { key: 'k1', value: { studyInstanceUID: '2.25.1' } },
    };
    const base = { kind: 'iid', audience: 'professional', params: [] };
    vi.stubGlobal('fetch', answer(200, { ...base, lookup }));
    await expect(claimLaunch('k')).resolves.toEqual({ ...base, lookup });
  });

  it('drops a malformed lookup (the page then asks the sources itself), never the launch', async () => {
    const base = { kind: 'iid', audience: 'professional', params: [] };
    for (const lookup of [
      'x',
      { answers: 'x' },
      { answers: [{ sourceId: 'a', ok: true, datasets: ['<b>'] }] },
      { answers: [{ sourceId: 'a', ok: 'yes' }] },
      { answers: [{ ok: true, datasets: [] }] },
    ]) {
      vi.stubGlobal('fetch', answer(200, { ...base, lookup }));
      await expect(claimLaunch('k')).resolves.toEqual(base);
    }
    // A key without its value is not used: the page seals its own.
    vi.stubGlobal('fetch', answer(200, { ...base, lookup: { answers: [], study: { key: 'k' } } }));
    await expect(claimLaunch('k')).resolves.toEqual({ ...base, lookup: { answers: [] } });
  });

  describe('what the gateway asked ahead for the viewer', () => {
    const base = { kind: 'iid', audience: 'professional', params: [] };
    const answers = [{ sourceId: 'a', ok: true, datasets: [] }];
    const series = { sourceId: 'a', datasets: [{ '0020000E': { vr: 'UI', Value: ['2.25.9'] } }] };
    const preview = { sopInstanceUID: '2.25.9.1', frame: 1, query: 'window=40,400,linear' };
    const first = { seriesInstanceUID: '2.25.9', preview };
    const sealed = { key: 'k1', value: { studyInstanceUID: '2.25.1' } };
    const claimedWith = async (study: Record<string, unknown>) => {
      vi.stubGlobal('fetch', answer(200, { ...base, lookup: { answers, study } }));
      return (await claimLaunch('k')).lookup?.study;
    };

    it('keeps the series list and the first image’s preview request', async () => {
      await expect(claimedWith({ ...sealed, series, first })).resolves.toEqual({
        ...sealed,
        series,
        first,
      });
      const noPreview = { ...first, preview: null };
      await expect(claimedWith({ ...sealed, series, first: noPreview })).resolves.toEqual({
        ...sealed,
        series,
        first: noPreview,
      });
    });

    it('drops what is malformed, never the key nor the launch', async () => {
      for (const bad of [
        'x',
        { sourceId: '', datasets: [] },
        { sourceId: 'a', datasets: ['<b>'] },
        { sourceId: 'a', datasets: {} },
        { datasets: [] },
      ]) {
        // A first series without the list it came from is of no use either.
        await expect(claimedWith({ ...sealed, series: bad, first })).resolves.toEqual(sealed);
      }
      for (const bad of [
        'x',
        { preview },
        { seriesInstanceUID: '../../keys', preview },
        { seriesInstanceUID: '2.25.9' },
        { seriesInstanceUID: '2.25.9', preview: { ...preview, sopInstanceUID: '2.25/x' } },
        { seriesInstanceUID: '2.25.9', preview: { ...preview, frame: 0 } },
        { seriesInstanceUID: '2.25.9', preview: { ...preview, frame: 1.5 } },
        { seriesInstanceUID: '2.25.9', preview: { ...preview, frame: '1' } },
        { seriesInstanceUID: '2.25.9', preview: { ...preview, query: 'a=1#x' } },
        { seriesInstanceUID: '2.25.9', preview: { ...preview, query: 'x'.repeat(201) } },
        { seriesInstanceUID: '2.25.9', preview: { sopInstanceUID: '2.25.9.1', frame: 1 } },
      ]) {
        await expect(claimedWith({ ...sealed, series, first: bad })).resolves.toEqual({
          ...sealed,
          series,
        });
      }
    });
  });

  it('says when the gateway cannot be reached', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(claimLaunch('k')).rejects.toMatchObject({
      reason: 'gatewayUnreachable',
      answered: false,
    });
  });
});

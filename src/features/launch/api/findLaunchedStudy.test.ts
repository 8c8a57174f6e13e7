import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PublicSource } from '../../../domain/publicConfig';
import { setAccessToken } from '../../../lib/api/accessToken';
import { findLaunchedStudy } from './findLaunchedStudy';

const source = (id: string): PublicSource => ({
  id,
  label: id,
  kind: 'drimbox',
  qido: {
    issuerOfPatientId: true,
    modalitiesInStudy: true,
    studyDateRange: true,
    bodyPartAtStudyLevel: false,
    maxResults: 100,
  },
  timeoutMs: 2000,
});

const study = { '0020000D': { vr: 'UI', Value: ['2.25.1'] } };

beforeEach(() => {
  setAccessToken('tok');
});

afterEach(() => {
  vi.unstubAllGlobals();
  setAccessToken(null);
});

describe('finding a launched study across the region', () => {
  it('asks every source through the gateway and tells answered from silent sources', async () => {
    const urls: string[] = [];
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const fetchImpl = vi.fn(async (input: RequestInfo | URL) => {
      const url = String(input);
      urls.push(url);
      if (url.startsWith('/dicomweb/down/')) {
        return new Response(
          JSON.stringify({ error: { code: 'upstream_unreachable', message: 'x' } }),
          {
            status: 502,
          },
        );
      }
      return new Response(JSON.stringify(url.startsWith('/dicomweb/a/') ? [study] : []), {
        status: 200,
      });
    });
    vi.stubGlobal('fetch', fetchImpl);
    const answers = await findLaunchedStudy({
      target: { view: 'study', studyUids: ['2.25.1'], accessionNumbers: ['ACC 1'], hints: {} },
      sources: [source('a'), source('b'), source('down')],
    });
    warn.mockRestore();
    expect(answers).toEqual([
      { sourceId: 'a', ok: true, datasets: [study, study] },
      { sourceId: 'b', ok: true, datasets: [] },
      { sourceId: 'down', ok: false },
    ]);
    expect(urls).toContain(
      '/dicomweb/a/studies?StudyInstanceUID=2.25.1&includefield=0020000D%2C00080050%2C00100020%2C00100021%2C00101002%2C00100010%2C00100030%2C00100040',
    );
    expect(urls.some((u) => u.startsWith('/dicomweb/b/studies?AccessionNumber=ACC+1'))).toBe(true);
  });

  it('scopes a patient user’s searches to their own INS', async () => {
    const urls: string[] = [];
    vi.stubGlobal('fetch', async (input: RequestInfo | URL) => {
      urls.push(String(input));
      return new Response('[]', { status: 200 });
    });
    await findLaunchedStudy({
      target: { view: 'study', studyUids: ['2.25.1'], accessionNumbers: [], hints: {} },
      sources: [source('a')],
      self: { id: '258037512345653', issuer: '1.2.250.1.213.1.4.10' },
    });
    expect(urls[0]).toContain('PatientID=258037512345653&IssuerOfPatientID=1.2.250.1.213.1.4.10');
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PublicSource } from '../../../domain/publicConfig';
import { DicomwebError } from '../../../lib/dicomweb';
import { fetchSeriesMetadata } from './fetchSeriesMetadata';

const source: PublicSource = {
  id: 'box',
  label: 'box',
  kind: 'drimbox',
  timeoutMs: 5000,
  qido: {
    issuerOfPatientId: true,
    modalitiesInStudy: true,
    studyDateRange: true,
    bodyPartAtStudyLevel: false,
    maxResults: 100,
  },
};
const SERIES = '/dicomweb/box/studies/1.2/series/1.2.3';
const dicomJson = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': status === 200 ? 'application/dicom+json' : 'application/json' },
  });
const instance = (sop: string, rows: number) => ({
  '00080018': { vr: 'UI', Value: [sop] },
  '00280010': { vr: 'US', Value: [rows] },
});

function stubFetch(answers: Record<string, () => Response>): string[] {
  const calls: string[] = [];
  vi.stubGlobal('fetch', (url: string) => {
    calls.push(url);
    const answer = answers[url];
    return Promise.resolve(answer ? answer() : dicomJson(404, { error: { code: 'x' } }));
  });
  return calls;
}

const fetchIt = () =>
  fetchSeriesMetadata({
    source,
    studyInstanceUID: '1.2',
    seriesInstanceUID: '1.2.3',
    accessToken: 't',
  });

afterEach(() => vi.unstubAllGlobals());

describe('fetchSeriesMetadata', () => {
  it('reads the series-level metadata in one request when the source has it', async () => {
    const calls = stubFetch({ [`${SERIES}/metadata`]: () => dicomJson(200, [instance('a', 1)]) });
    expect(await fetchIt()).toEqual([instance('a', 1)]);
    expect(calls).toEqual([`${SERIES}/metadata`]);
  });

  it('asks instance by instance when the series-level call says 404 (one UID, two patients)', async () => {
    stubFetch({
      [`${SERIES}/instances`]: () =>
        dicomJson(200, [instance('a', 0), instance('b', 0), instance('a', 0)]),
      [`${SERIES}/instances/a/metadata`]: () => dicomJson(200, [instance('a', 256)]),
      [`${SERIES}/instances/b/metadata`]: () => dicomJson(200, [instance('b', 896)]),
    });
    expect(await fetchIt()).toEqual([instance('a', 256), instance('b', 896)]);
  });

  it('keeps the original failure when the source lists no instance either', async () => {
    stubFetch({ [`${SERIES}/instances`]: () => dicomJson(200, []) });
    const error: unknown = await fetchIt().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DicomwebError);
    expect((error as DicomwebError).failure).toMatchObject({ kind: 'http', status: 404 });
  });

  it('does not retry other failures (a source down stays a source down)', async () => {
    const calls = stubFetch({
      [`${SERIES}/metadata`]: () => dicomJson(502, { error: { code: 'upstream_unreachable' } }),
    });
    await expect(fetchIt()).rejects.toBeInstanceOf(DicomwebError);
    expect(calls).toEqual([`${SERIES}/metadata`]);
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { num, strs } from '../../../domain/dicom/dicomJson';
import type { PublicSource } from '../../../domain/publicConfig';
import { setAccessToken } from '../../../lib/api/accessToken';
import { GatewayError } from '../../../lib/api/gatewayError';
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
  });

beforeEach(() => setAccessToken('t'));
afterEach(() => {
  vi.unstubAllGlobals();
  setAccessToken(null);
});

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
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as GatewayError).exchange).toMatchObject({ kind: 'http', status: 404 });
  });

  it('does not retry other failures (a source down stays a source down)', async () => {
    const calls = stubFetch({
      [`${SERIES}/metadata`]: () => dicomJson(502, { error: { code: 'upstream_unreachable' } }),
    });
    await expect(fetchIt()).rejects.toBeInstanceOf(GatewayError);
    expect(calls).toEqual([`${SERIES}/metadata`]);
  });
});

describe('fetchSeriesMetadata, when the source misread the separators', () => {
  // A real file (from pydicom's test files) whose ISO 2022 IR 13 text makes Orthanc read `\`
  // as `¥`: its metadata below is what Orthanc sends for it.
  const file = fs.readFileSync(path.resolve('dev/sample-data/real/J2K_pixelrep_mismatch.dcm'));
  const SOP = '1.2.392.200036.9123.100.11.15002200303521616157144551003340153';
  const misread = {
    '00080008': { vr: 'CS', Value: ['ORIGINAL¥PRIMARY¥AXIAL¥NORMAL'] },
    '00080018': { vr: 'UI', Value: [SOP] },
    '00200032': { vr: 'DS', Value: [] },
    '00200037': { vr: 'DS', Value: [] },
    '00280030': { vr: 'DS', Value: [] },
    '00281050': { vr: 'DS', Value: [] },
    '00281051': { vr: 'DS', Value: [] },
  };
  const BOUNDARY = 'b0undary';
  const CHUNK = 16 * 1024;

  /** The file as WADO-RS sends it, in chunks; `sent` counts the bytes the reader pulled. */
  function instanceAnswer(sent: { bytes: number }): Response {
    const body = Buffer.concat([
      Buffer.from(`--${BOUNDARY}\r\nContent-Type: application/dicom\r\n\r\n`),
      file,
      Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
    ]);
    const stream = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          if (sent.bytes >= body.length) return controller.close();
          const chunk = new Uint8Array(body.subarray(sent.bytes, sent.bytes + CHUNK));
          sent.bytes += chunk.length;
          controller.enqueue(chunk);
        },
      },
      { highWaterMark: 0 },
    );
    return new Response(stream, {
      headers: {
        'content-type': `multipart/related; type="application/dicom"; boundary=${BOUNDARY}`,
      },
    });
  }

  function stubSource(answers: Record<string, () => Response>) {
    const calls: { url: string; accept: string | null }[] = [];
    vi.stubGlobal('fetch', (url: string, init?: RequestInit) => {
      calls.push({ url, accept: new Headers(init?.headers).get('accept') });
      const answer = answers[url];
      return Promise.resolve(answer ? answer() : dicomJson(404, { error: { code: 'x' } }));
    });
    return calls;
  }

  it('reads the lost spacing, position, orientation and window from the file header only', async () => {
    const sent = { bytes: 0 };
    const calls = stubSource({
      [`${SERIES}/metadata`]: () => dicomJson(200, [misread]),
      [`${SERIES}/instances/${SOP}`]: () => instanceAnswer(sent),
    });
    const [ds] = await fetchIt();
    expect(ds?.['00200032']).toEqual({ vr: 'DS', Value: [-110.2153, -98.1898, 72.1446] });
    expect(ds?.['00200037']).toEqual({ vr: 'DS', Value: [1, 0, 0, 0, 0.9272, -0.3746] });
    expect(ds?.['00280030']).toEqual({ vr: 'DS', Value: [0.431, 0.431] });
    expect([num(ds, '00281050'), num(ds, '00281051')]).toEqual([40, 100]);
    expect(strs(ds, '00080008')).toEqual(['ORIGINAL', 'PRIMARY', 'AXIAL', 'NORMAL']);
    // Asked as stored, and not read past the header: the pixels stayed on the wire.
    expect(calls[1]?.accept).toContain('type="application/dicom"; transfer-syntax=*');
    expect(sent.bytes).toBeLessThan(file.length / 2);
  });

  it('never asks for a file when the metadata lost nothing', async () => {
    const normal = {
      '00080008': { vr: 'CS', Value: ['ORIGINAL¥PRIMARY'] },
      '00080018': { vr: 'UI', Value: [SOP] },
      '00280030': { vr: 'DS', Value: [0.5, 0.5] },
      '00181041': { vr: 'DS' },
    };
    const calls = stubSource({ [`${SERIES}/metadata`]: () => dicomJson(200, [normal]) });
    const [ds] = await fetchIt();
    expect(ds?.['00280030']).toEqual({ vr: 'DS', Value: [0.5, 0.5] });
    expect(strs(ds, '00080008')).toEqual(['ORIGINAL', 'PRIMARY']);
    expect(calls.map((c) => c.url)).toEqual([`${SERIES}/metadata`]);
  });

  it.each<[string, () => Response]>([
    ['refuses it', () => dicomJson(403, { error: { code: 'forbidden' } })],
    [
      'sends something else',
      () => new Response('<html>nope</html>', { headers: { 'content-type': 'text/html' } }),
    ],
  ])('keeps the metadata as the source sent it when the file %s', async (_, answer) => {
    stubSource({
      [`${SERIES}/metadata`]: () => dicomJson(200, [misread]),
      [`${SERIES}/instances/${SOP}`]: answer,
    });
    const [ds] = await fetchIt();
    expect(ds?.['00280030']).toEqual({ vr: 'DS', Value: [] });
    expect(strs(ds, '00080008')).toEqual(['ORIGINAL', 'PRIMARY', 'AXIAL', 'NORMAL']);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UpstreamClient } from '../dicomweb/upstreamClient';
import { GatewayError } from '../errors';
import { startFakeUpstream, type FakeUpstream } from '../testing/fakeUpstream';
import { fileHead } from '../testing/minimalDicom';
import { readStudyZip } from '../testing/studyZipContents';
import { testSource } from '../testing/testConfig';
import { planStudyZip, writeStudyZip } from './studyZip';

const STUDY = '2.25.100';
const SERIES = '2.25.100.1';
const ISSUER = '1.2.250.1.213.1.4.10';
const MARIE = { issuer: ISSUER, id: '258037512345653' };
const JEAN = { issuer: ISSUER, id: '171115432101297' };
const BOUNDARY = 'fake-boundary';

const row = (sop: string, who: { issuer: string; id: string }, n: number) => ({
  '0020000D': { vr: 'UI', Value: [STUDY] },
  '0020000E': { vr: 'UI', Value: [SERIES] },
  '00080018': { vr: 'UI', Value: [sop] },
  '00080016': { vr: 'UI', Value: ['1.2.840.10008.5.1.4.1.1.2'] },
  '00080060': { vr: 'CS', Value: ['CT'] },
  '00200013': { vr: 'IS', Value: [n] },
  '00100020': { vr: 'LO', Value: [who.id] },
  '00100021': { vr: 'LO', Value: [who.issuer] },
});

const part = (sop: string, bytes: number): Buffer =>
  Buffer.concat([
    Buffer.from(`--${BOUNDARY}\r\nContent-Type: application/dicom\r\n\r\n`),
    fileHead(sop, bytes),
    Buffer.alloc(bytes, 7),
    Buffer.from('\r\n'),
  ]);

let fake: FakeUpstream;
let upstream: UpstreamClient;

beforeEach(async () => {
  fake = await startFakeUpstream();
  upstream = new UpstreamClient(testSource('a', fake.base));
});

afterEach(async () => {
  await upstream.close();
  await fake.close();
});

/** The source lists Marie's two CT slices and one of Jean's under the same series. */
function serve(onSeries: (res: import('node:http').ServerResponse) => void): void {
  fake.handle((req, res) => {
    if (req.url?.startsWith(`/dicom-web/studies/${STUDY}/instances`)) {
      res.writeHead(200, { 'content-type': 'application/dicom+json' });
      res.end(
        JSON.stringify([row('2.25.1', MARIE, 1), row('2.25.2', JEAN, 2), row('2.25.3', MARIE, 3)]),
      );
      return;
    }
    if (req.url === `/dicom-web/studies/${STUDY}/series/${SERIES}`) {
      res.writeHead(200, {
        'content-type': `multipart/related; type="application/dicom"; boundary=${BOUNDARY}`,
      });
      onSeries(res);
      return;
    }
    res.writeHead(404).end();
  });
}

async function drain(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

describe('the study ZIP', () => {
  it('holds only the instances allowed, even when the source sends more', async () => {
    serve((res) => {
      res.end(
        Buffer.concat([
          part('2.25.1', 3000),
          part('2.25.2', 3000),
          part('2.25.3', 70_000),
          Buffer.from(`--${BOUNDARY}--\r\n`),
        ]),
      );
    });
    const signal = new AbortController().signal;
    const plan = await planStudyZip(upstream, STUDY, [[MARIE]], signal);
    expect(plan.instanceCount).toBe(2);
    const zip = writeStudyZip({ upstream, plan, signal, authorizeSeries: async () => undefined });
    const bytes = await drain(zip.stream);
    expect(await zip.done).toEqual({ written: 2, seriesRefused: 0 });
    const contents = await readStudyZip(bytes);
    expect([...contents.sopUids.values()].sort()).toEqual(['2.25.1', '2.25.3']);
    expect(contents.files.get('DICOM/ST000001/SE000001/IM000002')?.length).toBe(
      fileHead('2.25.3', 70_000).length + 70_000,
    );
    expect(contents.dicomdirFiles.sort()).toEqual([...contents.sopUids.keys()].sort());
  });

  it('leaves out a series the per-series check refuses', async () => {
    serve((res) => res.end(Buffer.concat([part('2.25.1', 10), Buffer.from(`--${BOUNDARY}--`)])));
    const signal = new AbortController().signal;
    const plan = await planStudyZip(upstream, STUDY, [[MARIE]], signal);
    const zip = writeStudyZip({
      upstream,
      plan,
      signal,
      authorizeSeries: async () => {
        throw new GatewayError(403, 'forbidden', 'non');
      },
    });
    const contents = await readStudyZip(await drain(zip.stream));
    expect(contents.sopUids.size).toBe(0);
    expect(await zip.done).toEqual({ written: 0, seriesRefused: 1 });
    expect(fake.seen.some((r) => r.url.endsWith(`/series/${SERIES}`))).toBe(false);
  });

  it('breaks the ZIP off, rather than end it short, when the source dies mid-series', async () => {
    serve((res) => {
      res.write(part('2.25.1', 3000));
      res.write(part('2.25.3', 3000).subarray(0, 500));
      setTimeout(() => res.destroy(), 20);
    });
    const signal = new AbortController().signal;
    const plan = await planStudyZip(upstream, STUDY, [[MARIE]], signal);
    const zip = writeStudyZip({ upstream, plan, signal, authorizeSeries: async () => undefined });
    await expect(drain(zip.stream)).rejects.toThrow();
    await expect(zip.done).rejects.toBeInstanceOf(GatewayError);
  });

  it('refuses a study where nothing is theirs', async () => {
    serve((res) => res.end());
    await expect(
      planStudyZip(upstream, STUDY, [[{ issuer: ISSUER, id: '1' }]], new AbortController().signal),
    ).rejects.toMatchObject({ status: 404 });
  });
});

// A DICOMweb source that makes up a study of any size on the fly (QIDO instance list, and
// each series as a multipart/related retrieve of minimal DICOM files), holding no more than
// one payload buffer itself: what the download benchmark streams through the gateway's own
// ZIP writer to see whether its memory follows the study's size. Bounded: it serves one study
// and stops with the benchmark.
import http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { fileHead } from '../server/testing/minimalDicom';

export interface SyntheticStudy {
  studyUid: string;
  seriesCount: number;
  instancesPerSeries: number;
  /** Bytes of pixel data each instance carries. */
  instanceBytes: number;
}

const CT = '1.2.840.10008.5.1.4.1.1.2';

const seriesUid = (s: SyntheticStudy, i: number) => `${s.studyUid}.${i + 1}`;
const sopUid = (s: SyntheticStudy, i: number, j: number) => `${s.studyUid}.${i + 1}.${j + 1}`;

export async function startSyntheticSource(
  study: SyntheticStudy,
): Promise<{ url: string; close: () => Promise<void> }> {
  const payload = Buffer.alloc(study.instanceBytes, 0x5a);
  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const base = `/dicom-web/studies/${study.studyUid}`;
      if (url.pathname === `${base}/instances`) {
        const rows = [];
        for (let i = 0; i < study.seriesCount; i++) {
          for (let j = 0; j < study.instancesPerSeries; j++) {
            rows.push({
              '0020000D': { vr: 'UI', Value: [study.studyUid] },
              '0020000E': { vr: 'UI', Value: [seriesUid(study, i)] },
              '00080018': { vr: 'UI', Value: [sopUid(study, i, j)] },
              '00080016': { vr: 'UI', Value: [CT] },
              '00080060': { vr: 'CS', Value: ['CT'] },
              '00200011': { vr: 'IS', Value: [i + 1] },
              '00200013': { vr: 'IS', Value: [j + 1] },
              '00100010': { vr: 'PN', Value: [{ Alphabetic: 'SYNTHETIQUE^ETUDE' }] },
              '00100020': { vr: 'LO', Value: ['BENCH-1'] },
            });
          }
        }
        res.writeHead(200, { 'content-type': 'application/dicom+json' });
        res.end(JSON.stringify(rows));
        return;
      }
      const m = new RegExp(`^${base.replace(/\./g, '\\.')}/series/([0-9.]+)$`).exec(url.pathname);
      const series = m ? Number(m[1]!.slice(study.studyUid.length + 1)) - 1 : -1;
      if (series < 0 || series >= study.seriesCount) {
        res.writeHead(404).end();
        return;
      }
      const boundary = 'synthetic-boundary-7d1c';
      res.writeHead(200, {
        'content-type': `multipart/related; type="application/dicom"; boundary=${boundary}`,
      });
      const write = async (chunk: Buffer) => {
        if (!res.write(chunk)) await once(res, 'drain');
      };
      for (let j = 0; j < study.instancesPerSeries; j++) {
        await write(Buffer.from(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`));
        await write(fileHead(sopUid(study, series, j), payload.length));
        await write(payload);
        await write(Buffer.from('\r\n'));
      }
      res.end(`--${boundary}--\r\n`);
    })().catch(() => res.destroy());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/dicom-web`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

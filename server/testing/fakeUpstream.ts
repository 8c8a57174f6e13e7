// A tiny DICOMweb source for tests: records every request it receives (so a test can
// prove a refused request never reached it) and answers with whatever the test scripts.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
}

export type FakeHandler = (
  req: http.IncomingMessage,
  res: http.ServerResponse,
  base: string,
) => void;

export interface FakeUpstream {
  /** The DICOMweb base, as a region.json would name it. */
  base: string;
  seen: SeenRequest[];
  handle(handler: FakeHandler): void;
  close(): Promise<void>;
}

export async function startFakeUpstream(): Promise<FakeUpstream> {
  const seen: SeenRequest[] = [];
  let handler: FakeHandler = (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/dicom+json' }).end('[]');
  };
  let base = '';
  const server = http.createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    handler(req, res, base);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/dicom-web`;
  return {
    base,
    seen,
    handle: (h) => {
      handler = h;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

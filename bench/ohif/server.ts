// OHIF's dist/ served on a loopback port as a deployment would serve it — static files,
// the SPA's fallback to index.html, cross-origin isolation, long-lived caching of the
// content-hashed bundles — with an app-config.js of ours (one DICOMweb data source) and a
// same-origin proxy, /dicom-web/* → the Orthanc DICOMweb root holding the study, streamed
// both ways. OHIF needs no login here: it talks to Orthanc directly, as in OHIF's own
// Orthanc set-up.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';

export interface OhifServer {
  /** http://127.0.0.1:<port> */
  url: string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.onnx': 'application/octet-stream',
  '.xml': 'application/xml',
};

/**
 * OHIF's deployment docs ask for these so SharedArrayBuffer is available (its volume
 * loader uses it). The dist/_headers of 3.13.2 is empty, so they are set here.
 */
const ISOLATION = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
};

/** webpack's content-hashed names: `2493.bundle.c4af70e46357151f.js`, `5130ccb17e3f3f5b.wasm`. */
const HASHED = /[0-9a-f]{16}\.(?:js|wasm|woff2)$/;

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
]);

/** OHIF's configuration: the one Orthanc source, no study list, no first-use dialog. */
export function appConfig(): string {
  return `window.config = {
  routerBasename: null,
  extensions: [],
  modes: [],
  customizationService: {},
  showStudyList: false,
  investigationalUseDialog: { option: 'never' },
  maxNumberOfWebWorkers: 3,
  showWarningMessageForCrossOrigin: false,
  showCPUFallbackMessage: false,
  showLoadingIndicator: true,
  strictZSpacingForVolumeViewport: true,
  maxNumRequests: { interaction: 100, thumbnail: 5, prefetch: 25 },
  defaultDataSourceName: 'orthanc',
  dataSources: [
    {
      namespace: '@ohif/extension-default.dataSourcesModule.dicomweb',
      sourceName: 'orthanc',
      configuration: {
        friendlyName: 'Orthanc (bench)',
        name: 'orthanc',
        qidoRoot: window.location.origin + '/dicom-web',
        wadoRoot: window.location.origin + '/dicom-web',
        wadoUriRoot: window.location.origin + '/dicom-web',
        qidoSupportsIncludeField: false,
        imageRendering: 'wadors',
        thumbnailRendering: 'wadors',
        enableStudyLazyLoad: true,
        supportsFuzzyMatching: false,
        supportsWildcard: true,
        omitQuotationForMultipartRequest: true,
        bulkDataURI: { enabled: true },
      },
    },
  ],
};
`;
}

function inside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const file = path.normalize(path.join(root, decoded));
  return file.startsWith(root + path.sep) ? file : null;
}

function sendFile(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  file: string,
  stat: fs.Stats,
): void {
  const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
  const headers: http.OutgoingHttpHeaders = {
    ...ISOLATION,
    'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    etag,
    'cache-control': HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
  };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers).end();
    return;
  }
  res.writeHead(200, { ...headers, 'content-length': stat.size });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  fs.createReadStream(file).pipe(res);
}

export async function startOhifServer(opts: {
  dist: string;
  /** The Orthanc DICOMweb root, e.g. http://127.0.0.1:21021/dicom-web */
  dicomWebRoot: string;
  port?: number;
}): Promise<OhifServer> {
  const root = path.resolve(opts.dist);
  const upstream = new URL(opts.dicomWebRoot.replace(/\/+$/, ''));
  const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  const config = appConfig();
  const index = path.join(root, 'index.html');

  const proxy = (req: http.IncomingMessage, res: http.ServerResponse, rest: string): void => {
    // The Host header stays the browser's: Orthanc builds the BulkDataURIs of its metadata
    // from it, which then point back at this same origin.
    const headers: http.OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (!HOP_BY_HOP.has(name) && value !== undefined) headers[name] = value;
    }
    const out = http.request(
      {
        agent,
        protocol: upstream.protocol,
        hostname: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: `${upstream.pathname}${rest}`,
        headers,
      },
      (answer) => {
        const back: http.OutgoingHttpHeaders = { ...ISOLATION };
        for (const [name, value] of Object.entries(answer.headers)) {
          if (!HOP_BY_HOP.has(name) && value !== undefined) back[name] = value;
        }
        res.writeHead(answer.statusCode ?? 502, back);
        answer.pipe(res);
      },
    );
    out.on('error', () => {
      if (!res.headersSent) res.writeHead(502, ISOLATION);
      res.end();
    });
    req.pipe(out);
  };

  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    if (url.startsWith('/dicom-web/') || url.startsWith('/dicom-web?')) {
      proxy(req, res, url.slice('/dicom-web'.length));
      return;
    }
    const pathname = url.split('?')[0] ?? '/';
    if (pathname === '/app-config.js') {
      res
        .writeHead(200, {
          ...ISOLATION,
          'content-type': 'text/javascript; charset=utf-8',
          'cache-control': 'no-cache',
        })
        .end(config);
      return;
    }
    const file = pathname === '/' ? index : inside(root, pathname);
    if (!file) {
      res.writeHead(400, ISOLATION).end();
      return;
    }
    fs.stat(file, (err, stat) => {
      if (!err && stat.isFile()) {
        sendFile(req, res, file, stat);
        return;
      }
      // The SPA's routes (/viewer?StudyInstanceUIDs=…): dist/_redirects sends every path
      // without a file to index.html.
      if (path.extname(pathname) === '') {
        fs.stat(index, (e, s) => (e ? res.writeHead(500).end() : sendFile(req, res, index, s)));
        return;
      }
      res.writeHead(404, ISOLATION).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

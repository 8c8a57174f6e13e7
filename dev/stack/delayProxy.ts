// A tiny streaming HTTP proxy the launcher puts in front of each Orthanc, so a test or a
// benchmark can make one source slow (a far-away DRIMbox on a bad line) while the others
// stay fast — the federated list must never wait for the slowest site.
//
// Why it is built this way:
// - The Host header is forwarded unchanged: Orthanc writes absolute URLs from it, and the
//   gateway rewrites only URLs under the upstream it was configured with (this proxy).
// - The delay is spent before the request goes upstream, so a slow source looks like a
//   source that takes long to answer, not one that drops the connection.
// - When the source behind is down, the client's socket is destroyed rather than answered
//   with a 502: the gateway must see what it would see without the proxy (no answer at all,
//   hence "source injoignable"), not an error the source never sent.
//
// It also plays the faults of sourceFaults.ts (a source ignoring a filter, answering huge,
// trickling or absurdly nested JSON), one at a time, until told otherwise.
import http from 'node:http';
import { Transform } from 'node:stream';
import { answerWithFault, rewriteUrl, type SourceFault } from './sourceFaults';

export interface DelayProxy {
  readonly url: string;
  readonly delayMs: number;
  readonly fault: SourceFault;
  setDelay(ms: number): void;
  setFault(fault: SourceFault): void;
  /** The site's link, shared by every answer: kilobits per second, 0 for none. */
  setBandwidth(kbps: number): void;
  close(): Promise<void>;
}

export interface DelayProxyOptions {
  listenPort: number;
  /** The real server, e.g. http://127.0.0.1:18100 */
  target: string;
  host?: string;
}

const MAX_DELAY_MS = 600_000;

export function isValidDelay(ms: number): boolean {
  return Number.isInteger(ms) && ms >= 0 && ms <= MAX_DELAY_MS;
}

/** 10 Gbit/s: above it the loopback is the limit anyway. */
const MAX_KBPS = 10_000_000;

export function isValidBandwidth(kbps: number): boolean {
  return Number.isInteger(kbps) && kbps >= 0 && kbps <= MAX_KBPS;
}

/**
 * One link that every answer crosses in turn, as a site's WAN line: each chunk leaves when
 * the bytes before it have, at `kbps`.
 */
export class SharedLink {
  #kbps = 0;
  #nextFree = 0;

  constructor(private readonly now: () => number = () => performance.now()) {}

  set kbps(value: number) {
    this.#kbps = value;
  }

  /** Milliseconds to hold a chunk of `bytes` before passing it on. */
  holdFor(bytes: number): number {
    if (this.#kbps === 0) return 0;
    const now = this.now();
    const start = Math.max(now, this.#nextFree);
    this.#nextFree = start + (bytes * 8) / this.#kbps;
    return this.#nextFree - now;
  }

  stream(): Transform {
    return new Transform({
      transform: (chunk: Buffer, _enc, done) => {
        const wait = this.holdFor(chunk.length);
        if (wait <= 0) done(null, chunk);
        else setTimeout(() => done(null, chunk), wait);
      },
    });
  }
}

export async function startDelayProxy(opts: DelayProxyOptions): Promise<DelayProxy> {
  const target = new URL(opts.target);
  const host = opts.host ?? '127.0.0.1';
  let delayMs = 0;
  let fault: SourceFault = 'none';
  const link = new SharedLink();
  let kbps = 0;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

  const forward = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    if (req.destroyed || res.destroyed) return;
    if (answerWithFault(fault, req, res)) return;
    const upstream = http.request(
      {
        protocol: target.protocol,
        hostname: target.hostname,
        port: target.port,
        method: req.method,
        path: rewriteUrl(fault, req.url ?? '/'),
        headers: req.headers,
        agent,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.rawHeaders);
        if (kbps === 0) answer.pipe(res);
        else answer.pipe(link.stream()).pipe(res);
        answer.once('error', () => res.destroy());
      },
    );
    upstream.once('error', () => {
      req.socket.destroy();
    });
    res.once('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  };

  const server = http.createServer((req, res) => {
    const wait = delayMs;
    if (wait === 0) {
      forward(req, res);
      return;
    }
    const timer = setTimeout(() => forward(req, res), wait);
    // A client that gives up (gateway timeout, browser navigating away) frees the slot now.
    res.once('close', () => clearTimeout(timer));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.listenPort, host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  return {
    url: `http://${host}:${opts.listenPort}`,
    get delayMs() {
      return delayMs;
    },
    get fault() {
      return fault;
    },
    setFault(next: SourceFault) {
      fault = next;
    },
    setDelay(ms: number) {
      if (!isValidDelay(ms)) throw new RangeError(`delay must be 0..${MAX_DELAY_MS} ms`);
      delayMs = ms;
    },
    setBandwidth(next: number) {
      if (!isValidBandwidth(next)) throw new RangeError(`bandwidth must be 0..${MAX_KBPS} kbit/s`);
      kbps = next;
      link.kbps = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          agent.destroy();
          resolve();
        });
      }),
  };
}

// The floor of any Node hop on this machine, for bench/gateway-load.ts: what the gateway's
// own HTTP client (undici, the same pool settings) costs when nothing else is done — no
// token, no check, no trace, no log, no JSON read. The gateway's figures are read against
// it: what lies between the two is the price of the gateway's checks, not of the hop.
// Loopback only, and only for the benchmark: it forwards any GET under /dicomweb/{id}/ to
// one DICOMweb base.
//   node --import tsx bench/support/passThroughProxy.ts --port P --upstream URL --connections N
import http from 'node:http';
import { Agent, request } from 'undici';
import { KEEP_ALIVE_POOL } from '../../server/dicomweb/upstreamClient';

const arg = (flag: string): string => {
  const at = process.argv.indexOf(flag);
  const value = at > 0 ? process.argv[at + 1] : undefined;
  if (value === undefined) throw new Error(`missing ${flag}`);
  return value;
};

const port = Number(arg('--port'));
const upstream = arg('--upstream').replace(/\/+$/, '');
const agent = new Agent({
  connections: Number(arg('--connections')),
  ...KEEP_ALIVE_POOL,
});
const FORWARDED = ['content-type', 'content-length'] as const;

const server = http.createServer((req, res) => {
  const path = /^\/dicomweb\/[^/]+\/(.*)$/.exec(req.url ?? '')?.[1];
  if (req.method !== 'GET' || path === undefined) {
    res.writeHead(404).end();
    return;
  }
  request(`${upstream}/${path}`, {
    method: 'GET',
    headers: { accept: req.headers.accept ?? '*/*' },
    dispatcher: agent,
  }).then(
    (answer) => {
      const headers: Record<string, string> = {};
      for (const name of FORWARDED) {
        const value = answer.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      res.writeHead(answer.statusCode, headers);
      // A client gone mid-answer, or a source dying mid-answer: that exchange ends, no other.
      answer.body.on('error', () => res.destroy());
      res.once('close', () => answer.body.destroy());
      answer.body.pipe(res);
    },
    () => res.writeHead(502).end(),
  );
});
server.listen(port, '127.0.0.1', () => process.stdout.write(`listening ${port}\n`));
// Stopped by the benchmark once its rounds are over: nothing in flight is worth waiting for.
process.once('SIGTERM', () => process.exit(0));

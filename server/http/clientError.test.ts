// What Node's HTTP parser refuses never reaches fastify.inject: these requests go to a real
// gateway listening on a port, as raw bytes.
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGateway } from '../app';
import { startFakeIdp, type FakeIdp } from '../testing/fakeIdp';
import { testConfig, testSource } from '../testing/testConfig';

const INS = '258037512345653';
const OID = '1.2.250.1.213.1.4.10';

let idp: FakeIdp;
let app: FastifyInstance;
let port: number;

beforeAll(async () => {
  idp = await startFakeIdp();
  app = await buildGateway({
    config: testConfig(idp.issuer, [testSource('a', 'http://127.0.0.1:1')]),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  port = (app.server.address() as AddressInfo).port;
});

afterAll(async () => {
  await app.close();
  await idp.close();
});

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  closedAfterMs: number;
}

/** Sends `request` as it is and reads the answer until the gateway closes the connection. */
function rawExchange(request: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (d: Buffer) => chunks.push(d));
    socket.on('error', reject);
    socket.on('close', () => {
      const raw = Buffer.concat(chunks);
      const end = raw.indexOf('\r\n\r\n');
      const head = raw.subarray(0, end).toString('latin1').split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of head.slice(1)) {
        const at = line.indexOf(':');
        headers[line.slice(0, at).toLowerCase()] = line.slice(at + 1).trim();
      }
      resolve({
        status: Number(head[0]?.split(' ')[1]),
        headers,
        body: raw.subarray(end + 4),
        closedAfterMs: Date.now() - started,
      });
    });
    socket.write(request);
  });
}

const get = (target: string) => `GET ${target} HTTP/1.1\r\nHost: localhost\r\n\r\n`;

describe('requests refused before routing', () => {
  it('answers a 100 000-character link with the French page, naming nothing from it', async () => {
    const cx = encodeURIComponent(`${INS}^^^&${OID}&ISO`);
    const start = `/IHEInvokeImageDisplay?requestType=PATIENT&patientID=${cx}&patientName=DUBOIS%5EMARIE&studyUID=`;
    const link = `${start}${'1.2.250.'.repeat(Math.ceil((100_000 - start.length) / 8))}`;
    expect(link.length).toBeGreaterThanOrEqual(100_000);

    const answer = await rawExchange(get(link));
    expect(answer.status).toBe(431);
    expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(Number(answer.headers['content-length'])).toBe(answer.body.length);
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.headers.connection).toBe('close');
    const page = answer.body.toString('utf8');
    expect(page).toContain('lang="fr"');
    expect(page).toContain('L’imagerie n’a pas pu être ouverte');
    expect(page).toContain('trop longue');
    expect(page).toContain('Que faire ?');
    expect(page).not.toMatch(/258037512345653|DUBOIS|MARIE|1\.2\.250\.|Request Header Fields/);
  });

  it('answers a request line of several megabytes alike, and lets go of the connection', async () => {
    const answer = await rawExchange(get(`/IHEInvokeImageDisplay?x=${'a'.repeat(4_000_000)}`));
    expect(answer.status).toBe(431);
    expect(answer.body.toString('utf8')).toContain('trop longue');
    expect(answer.closedAfterMs).toBeLessThan(5000);
  });

  it('answers a malformed request with a French page too', async () => {
    const answer = await rawExchange('GET / HTTP/1.1\r\nHost: localhost\r\nNot a header\r\n\r\n');
    expect(answer.status).toBe(400);
    expect(answer.body.toString('utf8')).toContain('Demande illisible');
  });

  it('keeps serving ordinary requests', async () => {
    const answer = await rawExchange(
      'GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n',
    );
    expect(answer.status).toBe(200);
  });
});

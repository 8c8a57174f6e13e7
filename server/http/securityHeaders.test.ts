// Helmet's headers, captured once at start-up, reach every answer: pages, refusals, the
// not-found answer and streamed DICOMweb bodies alike.
import { Readable } from 'node:stream';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { registerSecurityHeaders, securityHeaders } from './securityHeaders';

const ISSUER = 'http://idp.example:9090/realms/drim';

describe('securityHeaders', () => {
  const headers = new Map(securityHeaders(ISSUER).map(([n, v]) => [n.toLowerCase(), v]));

  it('holds the policy the viewer needs, the IdP by its origin only', () => {
    const csp = headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).toContain("connect-src 'self' http://idp.example:9090;");
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('/realms');
    expect(headers.get('referrer-policy')).toBe('no-referrer');
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(headers.get('cross-origin-opener-policy')).toBe('same-origin-allow-popups');
  });

  it('are sent with every kind of answer', async () => {
    const app = Fastify();
    await registerSecurityHeaders(app, ISSUER);
    app.get('/page', async (_request, reply) => reply.type('text/html').send('<p>ok</p>'));
    app.get('/refused', async (_request, reply) => reply.code(401).send({ error: 'no' }));
    app.get('/stream', async (_request, reply) =>
      reply.type('application/octet-stream').send(Readable.from([Buffer.from('frame')])),
    );
    for (const url of ['/page', '/refused', '/stream', '/missing']) {
      const res = await app.inject({ url });
      for (const [name, value] of headers)
        expect(res.headers[name], `${name} on ${url}`).toBe(value);
    }
    await app.close();
  });
});

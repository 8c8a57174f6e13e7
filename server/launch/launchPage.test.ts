import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { INLINE_ANSWER } from '../../src/domain/launch/inlineAnswer';
import { answerBlock, launchPageParts, registerLaunchPage } from './launchPage';
import { BINDING_COOKIE, cookieValue, pageBindingCookieName } from './launchSignIn';

const PAGE = [
  '<!doctype html><html lang="fr"><head><meta charset="UTF-8" /><script>first()</script>',
  '<script type="module" crossorigin src="/assets/main-x.js"></script></head>',
  '<body><div id="root"></div></body></html>',
].join('');
const KEY = 'k'.repeat(43);
const CODE = 'the-code';
const BINDING = 'b'.repeat(43);

const answerIn = (html: string): unknown => {
  const m = new RegExp(`<script type="application/json" id="${INLINE_ANSWER}">(.*?)</script>`).exec(
    html,
  );
  if (!m) throw new Error('no answer block');
  return JSON.parse(m[1]!) as unknown;
};

describe('the launch page split around its answer', () => {
  it('announces the answer first in its head, loads the entry async, and ends after the answer', () => {
    const parts = launchPageParts(PAGE);
    expect(parts).not.toBeNull();
    expect(
      parts!.head.startsWith(
        `<!doctype html><html lang="fr"><head><meta name="${INLINE_ANSWER}" content="follows" /><meta charset="UTF-8" />`,
      ),
    ).toBe(true);
    expect(parts!.head).toContain(
      '<script type="module" async crossorigin src="/assets/main-x.js">',
    );
    expect(parts!.head).toContain('<div id="root"></div>');
    expect(parts!.head).not.toContain('</body>');
    expect(parts!.tail).toBe('</body></html>');
  });

  it('is not split without a body end or without the app’s entry: the page is then sent whole', () => {
    expect(launchPageParts(PAGE.replace('</body>', ''))).toBeNull();
    expect(launchPageParts(PAGE.replace('type="module" crossorigin', 'type="module"'))).toBeNull();
  });

  it('writes a hostile value inside JSON that cannot close the block', () => {
    const block = answerBlock({ name: '</script><script>alert(1)</script>\u2028' });
    expect(block.match(/<\/script>/g)).toHaveLength(1);
    expect(answerIn(block)).toEqual({ name: '</script><script>alert(1)</script>\u2028' });
    expect(answerIn(answerBlock(undefined))).toBeNull();
  });
});

describe('GET /auth/launch', () => {
  let app: FastifyInstance;
  const asked: { cookie?: string; body: unknown; ip: string; host: string }[] = [];

  async function gateway(
    signIn: (code: string) => { status: number; body: unknown },
    shot: (answer: unknown) => Promise<string> = () => Promise.resolve(''),
  ) {
    asked.length = 0;
    app = Fastify({ trustProxy: false });
    app.post<{ Params: { key: string }; Body: { code: string } }>(
      '/api/launch/:key/sign-in',
      async (request, reply) => {
        asked.push({
          body: request.body,
          ip: request.ip,
          host: request.host,
          ...(cookieValue(request.headers.cookie, BINDING_COOKIE)
            ? { cookie: cookieValue(request.headers.cookie, BINDING_COOKIE) }
            : {}),
        });
        const { status, body } = signIn(request.body.code);
        return reply.code(status).send(body);
      },
    );
    registerLaunchPage(app, {
      page: () => PAGE,
      sendPlain: (reply) => reply.header('cache-control', 'no-cache').type('text/html').send(PAGE),
      shot: (_request, answer) => shot(answer),
    });
    await app.ready();
  }

  afterEach(async () => {
    await app.close();
  });

  const open = (opts: { cookie?: string; method?: 'GET' | 'HEAD'; query?: string } = {}) =>
    app.inject({
      method: opts.method ?? 'GET',
      url: `/auth/launch?${opts.query ?? `code=${CODE}&state=${KEY}`}`,
      headers: {
        host: 'imagerie.example',
        ...(opts.cookie !== undefined ? { cookie: opts.cookie } : {}),
      },
      remoteAddress: '10.1.2.3',
    });
  const pageCookie = `${pageBindingCookieName(KEY)}=${BINDING}`;

  it('hands the code in as this browser and writes the sign-in’s answer at the page’s end', async () => {
    await gateway(() => ({
      status: 200,
      body: { tokens: { access_token: 'at' }, claim: { kind: 'iid' } },
    }));
    const res = await open({ cookie: `other=1; ${pageCookie}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain(`<meta name="${INLINE_ANSWER}" content="follows" />`);
    expect(answerIn(res.body)).toEqual({ tokens: { access_token: 'at' }, claim: { kind: 'iid' } });
    expect(res.body.endsWith('</body></html>')).toBe(true);
    // The binding of this launch, from this browser's address, for this origin.
    expect(asked).toEqual([
      { cookie: BINDING, body: { code: CODE }, ip: '10.1.2.3', host: 'imagerie.example' },
    ]);
    // Both cookies of the launch are spent.
    const cleared = [res.headers['set-cookie']].flat().map(String);
    expect(cleared).toHaveLength(2);
    expect(cleared.every((c) => /=; Path=.*Max-Age=0; HttpOnly/.test(c))).toBe(true);
    expect(cleared.some((c) => c.includes('Path=/auth/launch'))).toBe(true);
    expect(cleared.some((c) => c.includes(`Path=/api/launch/${KEY}/sign-in`))).toBe(true);
  });

  it('writes the first screen the answer allows after the answer, before the page’s end', async () => {
    const answer = { tokens: { access_token: 'at' }, claim: { kind: 'iid' } };
    const shotFor: unknown[] = [];
    await gateway(
      () => ({ status: 200, body: answer }),
      (given) => {
        shotFor.push(given);
        return Promise.resolve('<div id="shot"></div>');
      },
    );
    const res = await open({ cookie: pageCookie });
    expect(shotFor).toEqual([answer]);
    expect(answerIn(res.body)).toEqual(answer);
    const block = res.body.indexOf(`id="${INLINE_ANSWER}"`);
    const shot = res.body.indexOf('<div id="shot"></div>');
    expect(block).toBeGreaterThan(-1);
    expect(shot).toBeGreaterThan(block);
    expect(res.body.endsWith('<div id="shot"></div></body></html>')).toBe(true);
  });

  it('ends the page all the same when the first screen fails', async () => {
    await gateway(
      () => ({ status: 200, body: { tokens: { access_token: 'at' } } }),
      () => Promise.reject(new Error('boom')),
    );
    const res = await open({ cookie: pageCookie });
    expect(answerIn(res.body)).toEqual({ tokens: { access_token: 'at' } });
    expect(res.body.endsWith('</body></html>')).toBe(true);
  });

  it('writes null when the sign-in refuses: the page then signs in itself', async () => {
    await gateway(() => ({ status: 403, body: { error: 'forbidden' } }));
    const res = await open({ cookie: pageCookie });
    expect(res.statusCode).toBe(200);
    expect(answerIn(res.body)).toBeNull();
  });

  it('sends the plain page, and spends no code, without this launch’s cookie, a code or a launch key', async () => {
    await gateway(() => ({ status: 200, body: {} }));
    const plain = [
      await open(),
      await open({ cookie: `${pageBindingCookieName('x'.repeat(43))}=${BINDING}` }),
      await open({ cookie: pageCookie, query: `state=${KEY}` }),
      await open({ cookie: pageCookie, query: `code=${'c'.repeat(5000)}&state=${KEY}` }),
      await open({ cookie: pageCookie, query: `code=${CODE}&state=not-a-key` }),
      await open({ cookie: pageCookie, method: 'HEAD' }),
    ];
    for (const res of plain) {
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('no-cache');
    }
    expect(plain[0]!.body).toBe(PAGE);
    expect(asked).toEqual([]);
  });
});

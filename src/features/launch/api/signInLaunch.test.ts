import { describe, expect, it } from 'vitest';
import { claimLaunch, handOverClaim, type ClaimedLaunch } from './claimLaunch';
import { beginLaunchSignIn, readLaunchCallback } from './launchSignInStart';
import { asLaunchSignInAnswer } from '../../../domain/launch/claimedLaunch';
import { takeLaunchSignIn } from './signInLaunch';

/** A page's window as far as the launch's sign-in reads and changes it. */
function fakeWindow(href: string, answer: (init: RequestInit) => Response | Promise<Response>) {
  const url = new URL(href);
  const asked: { url: string; init: RequestInit }[] = [];
  const replaced: string[] = [];
  const win = {
    // A page that does not hold its answer (the dev server's): the code is handed in.
    document: { querySelector: () => null },
    location: { pathname: url.pathname, search: url.search },
    performance: { mark: () => undefined },
    history: {
      replaceState: (_state: unknown, _title: string, to: string) => {
        replaced.push(to);
      },
    },
    fetch: async (to: string, init: RequestInit) => {
      asked.push({ url: to, init });
      return answer(init);
    },
  } as unknown as Window;
  return { win, asked, replaced };
}

const KEY = 'Kr3C_edAVQePb_xqUCohTfWVq36jQaJEMqp5yu4rF7w';
const tokens = { access_token: 'a', id_token: 'i', token_type: 'Bearer', expires_in: 600 };
const claim: ClaimedLaunch = {
  kind: 'iid',
  audience: 'professional',
  params: [['requestType', 'STUDY']],
};

describe('the IdP’s way back to a launch', () => {
  it.each([
    ['/auth/launch', `?code=c0de&state=${KEY}&iss=x`, { key: KEY, code: 'c0de' }],
    ['/auth/launch', `?error=login_required&state=${KEY}`, { key: KEY, code: null }],
    ['/auth/launch', `?code=${'x'.repeat(5000)}&state=${KEY}`, { key: KEY, code: null }],
    ['/auth/launch', '?code=c0de&state=<script>', null],
    ['/auth/launch', '?code=c0de', null],
    ['/auth/launch', `?code=c0de&state=${KEY}/../x`, null],
    ['/auth/callback', `?code=c0de&state=${KEY}`, null],
    ['/launch/abc', `?code=c0de&state=${KEY}`, null],
  ])('%s%s reads as %j', (pathname, search, expected) => {
    expect(readLaunchCallback(pathname, search)).toEqual(expected);
  });
});

describe('the gateway’s answer to a launch’s sign-in', () => {
  it('gives the tokens and the claimed launch', () => {
    expect(asLaunchSignInAnswer({ tokens, claim })).toEqual({ tokens, claim });
    expect(asLaunchSignInAnswer({ tokens })).toEqual({ tokens });
  });

  it('drops a malformed claim but keeps the sign-in', () => {
    expect(asLaunchSignInAnswer({ tokens, claim: { kind: 'other' } })).toEqual({ tokens });
  });

  it.each([
    null,
    [],
    'tokens',
    {},
    { tokens: { ...tokens, access_token: 1 } },
    { tokens: { ...tokens, expires_in: -5 } },
    { tokens: { ...tokens, id_token: undefined } },
  ])('is no sign-in when it is %j', (body) => {
    expect(asLaunchSignInAnswer(body)).toBeNull();
  });
});

describe('the page’s first script on the way back', () => {
  it('replaces the address and hands the code in, with cookies and no token', async () => {
    const page = fakeWindow(
      `https://viewer.example/auth/launch?code=c0de&state=${KEY}`,
      () => new Response(JSON.stringify({ tokens, claim }), { status: 200 }),
    );
    beginLaunchSignIn(page.win);
    expect(page.replaced).toEqual([`/launch/${KEY}`]);
    const taken = takeLaunchSignIn(page.win);
    expect(taken?.key).toBe(KEY);
    await expect(taken?.answer).resolves.toEqual({ tokens, claim });
    expect(page.asked).toHaveLength(1);
    expect(page.asked[0]?.url).toBe(`/api/launch/${KEY}/sign-in`);
    expect(page.asked[0]?.init).toMatchObject({ method: 'POST', credentials: 'same-origin' });
    expect(JSON.parse(String(page.asked[0]?.init.body))).toEqual({ code: 'c0de' });
    expect(JSON.stringify(page.asked[0]?.init.headers)).not.toMatch(/authorization/i);
    // Taken once: nothing is left on the window for anyone else.
    expect(page.win.__drimLaunchSignIn).toBeUndefined();
  });

  it.each([
    ['a refusal', () => new Response('{"error":{}}', { status: 403 })],
    ['an answer that is not JSON', () => new Response('<html>', { status: 200 })],
    ['no answer', () => Promise.reject(new TypeError('network'))],
    ['an answer without tokens', () => new Response('{"claim":{}}', { status: 200 })],
  ])('gives no sign-in after %s (the page signs in itself)', async (_what, answer) => {
    const page = fakeWindow(`https://viewer.example/auth/launch?code=c&state=${KEY}`, answer);
    await expect(takeLaunchSignIn(page.win)?.answer).resolves.toBeNull();
    expect(page.replaced).toEqual([`/launch/${KEY}`]);
  });

  it('asks nothing without a code, and nothing on another page', async () => {
    const noCode = fakeWindow(
      `https://viewer.example/auth/launch?error=login_required&state=${KEY}`,
      () => new Response('{}'),
    );
    await expect(takeLaunchSignIn(noCode.win)?.answer).resolves.toBeNull();
    expect(noCode.asked).toEqual([]);
    const other = fakeWindow(`https://viewer.example/launch/${KEY}`, () => new Response('{}'));
    expect(takeLaunchSignIn(other.win)).toBeNull();
    expect(other.asked).toEqual([]);
    expect(other.replaced).toEqual([]);
  });
});

describe('a claim handed over with the sign-in', () => {
  it('is read once, for its own launch only', async () => {
    handOverClaim(KEY, claim);
    await expect(claimLaunch(KEY)).resolves.toBe(claim);
    handOverClaim(KEY, claim);
    // Another launch's claim goes to the gateway (here: no session, so it is refused).
    await expect(claimLaunch('another-key')).rejects.toThrow(/not signed in/);
    // …and the handed-over one was forgotten meanwhile: a retry asks the gateway too.
    await expect(claimLaunch(KEY)).rejects.toThrow(/not signed in/);
  });
});

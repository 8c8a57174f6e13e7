// A context launch signed in on its way in (server/launch/launchSignIn.ts), on the real
// stack and its real IdP: the DPI's link goes through the IdP (prompt=none, PKCE held by the
// gateway), the IdP sends the browser back with a code, and the page's first request turns
// that code — with the binding cookie of the browser the link was opened in — into tokens
// and the claimed launch. A code without that browser's cookie opens nothing.
import crypto from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { INS_TEST_OID, PATIENTS } from '../dev/demo-identities';
import { CookieJar, loginWithPassword } from '../dev/idp/login-client';
import type { Manifest } from '../dev/sample-data/manifest';
import type { StackInfo } from '../dev/stack/launch';
import { launchKeyOf, readManifest, readStackInfo } from '../dev/stack/stackInfo';

const dubois = PATIENTS.find((p) => p.key === 'dubois')!;
const cx = (ins: string) => encodeURIComponent(`${ins}^^^&${INS_TEST_OID}&ISO`);

let stack: StackInfo;
let manifest: Manifest;

beforeAll(() => {
  stack = readStackInfo();
  manifest = readManifest(stack);
});

/** A browser signed in at the IdP as `username`: its IdP cookies. */
async function signedInAtIdp(username: string): Promise<CookieJar> {
  const jar = new CookieJar();
  await loginWithPassword({
    idpUrl: stack.idpUrl,
    username,
    password: 'demo',
    redirectUri: `${stack.gatewayUrl}/auth/callback`,
    jar,
  });
  return jar;
}

interface OnTheWay {
  key: string;
  /** The 303's Set-Cookie line, and the cookie as a browser would send it back. */
  setCookie: string;
  cookie: string;
  /** The same binding for the page the IdP sends the browser back to. */
  pageSetCookie: string;
  pageCookie: string;
  /** Where the IdP sent the browser back. */
  callback: URL;
  authorize: URL;
}

/** The DPI's link, then the IdP's redirects (with `jar`'s session) until it sends the browser back. */
async function launchThroughIdp(linkPath: string, jar: CookieJar): Promise<OnTheWay> {
  const link = await fetch(`${stack.gatewayUrl}${linkPath}`, { redirect: 'manual' });
  expect(link.status).toBe(303);
  const location = link.headers.get('location') ?? '';
  const key = launchKeyOf(location);
  if (!key) throw new Error(`no launch key in ${location.slice(0, 80)}`);
  const setCookie = link.headers.getSetCookie().find((c) => c.startsWith('drim-launch-binding='));
  if (!setCookie) throw new Error('the 303 set no binding cookie');
  const pageSetCookie = link.headers
    .getSetCookie()
    .find((c) => c.startsWith(`drim-launch-binding-${key}=`));
  if (!pageSetCookie) throw new Error('the 303 set no binding cookie for the page');
  const authorize = new URL(location);
  let url = authorize.toString();
  for (let hop = 0; hop < 10; hop++) {
    const res = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
    jar.store(res);
    await res.body?.cancel();
    const next = res.headers.get('location');
    if (!next) throw new Error(`the IdP answered ${res.status} without sending the browser back`);
    const target = new URL(next, url);
    if (target.toString().startsWith(`${stack.gatewayUrl}/auth/launch`)) {
      return {
        key,
        setCookie,
        cookie: setCookie.split(';')[0]!,
        pageSetCookie,
        pageCookie: pageSetCookie.split(';')[0]!,
        callback: target,
        authorize,
      };
    }
    url = target.toString();
  }
  throw new Error('too many redirects at the IdP');
}

const studyLink = (uid: string) =>
  `/IHEInvokeImageDisplay?requestType=STUDY&studyUID=${uid}&patientID=${cx(dubois.ins!)}`;

const signIn = (key: string, code: string, cookie?: string) =>
  fetch(`${stack.gatewayUrl}/api/launch/${key}/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ code }),
  });

interface SignInAnswer {
  tokens: { access_token: string; id_token: string; token_type: string; expires_in: number };
  claim?: { kind: string; lookup?: { study?: { key: string; value: Record<string, unknown> } } };
}

const ctThorax = () => manifest.studies.find((s) => s.key === 'dubois-ct-thorax-2026')!;

describe('a launch signed in on its way in', () => {
  it('is begun by the page’s inline first script, which the CSP allows by its hash alone', async () => {
    const page = await fetch(`${stack.gatewayUrl}/auth/launch?error=login_required&state=x`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(inline).toHaveLength(1);
    expect(inline[0]).toContain('/sign-in');
    const hash = crypto.createHash('sha256').update(inline[0]!, 'utf8').digest('base64');
    const scriptSrc = (page.headers.get('content-security-policy') ?? '')
      .split(';')
      .find((d) => d.trim().startsWith('script-src'));
    expect(scriptSrc).toContain(`'sha256-${hash}'`);
    expect(scriptSrc).not.toContain('unsafe-inline');
  });

  it('goes to the IdP without a page (prompt=none), with PKCE, the launch as state and a cookie for this launch only', async () => {
    const jar = await signedInAtIdp('medecin');
    const trip = await launchThroughIdp(studyLink(ctThorax().studyInstanceUID), jar);
    const q = trip.authorize.searchParams;
    expect(trip.authorize.origin).toBe(new URL(stack.idpUrl).origin);
    expect(q.get('prompt')).toBe('none');
    expect(q.get('response_type')).toBe('code');
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(q.get('redirect_uri')).toBe(`${stack.gatewayUrl}/auth/launch`);
    expect(q.get('state')).toBe(trip.key);
    // The link's identity stays at the gateway: the next address names nobody.
    expect(trip.authorize.toString()).not.toContain(dubois.ins!);
    expect(trip.authorize.toString()).not.toContain(ctThorax().studyInstanceUID);
    expect(trip.setCookie).toContain(`Path=/api/launch/${trip.key}/sign-in`);
    expect(trip.setCookie).toContain('HttpOnly');
    expect(trip.setCookie).toContain('SameSite=Lax');
    expect(trip.pageSetCookie).toContain('Path=/auth/launch;');
    expect(trip.pageSetCookie).toContain('HttpOnly');
    expect(trip.pageSetCookie).toContain('SameSite=Lax');
    expect(trip.callback.searchParams.get('state')).toBe(trip.key);
    expect(trip.callback.searchParams.get('code')).toBeTruthy();
  });

  it('answers the code and the binding with tokens and the claimed launch, once', async () => {
    const jar = await signedInAtIdp('medecin');
    const trip = await launchThroughIdp(studyLink(ctThorax().studyInstanceUID), jar);
    const code = trip.callback.searchParams.get('code')!;
    const res = await signIn(trip.key, code, trip.cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const answer = (await res.json()) as SignInAnswer;
    expect(answer.claim?.kind).toBe('iid');
    expect(answer.claim?.lookup?.study?.value.studyInstanceUID).toBe(ctThorax().studyInstanceUID);
    // The token is the IdP's own, for this user: the gateway accepts it as any request's.
    const me = await fetch(`${stack.gatewayUrl}/api/me`, {
      headers: { authorization: `Bearer ${answer.tokens.access_token}` },
    });
    expect(me.status).toBe(200);
    expect(JSON.stringify(await me.json())).toContain('professional');
    // Used up: neither the same code nor a claim opens it again.
    expect((await signIn(trip.key, code, trip.cookie)).status).toBe(404);
    const again = await fetch(`${stack.gatewayUrl}/api/launch/${trip.key}/claim`, {
      method: 'POST',
      headers: { authorization: `Bearer ${answer.tokens.access_token}` },
    });
    expect(again.status).toBe(404);
  });

  it('writes the answer into the page the IdP sends the browser back to, once, for the browser the link was opened in', async () => {
    const jar = await signedInAtIdp('medecin');
    const trip = await launchThroughIdp(studyLink(ctThorax().studyInstanceUID), jar);
    const code = trip.callback.searchParams.get('code')!;
    const page = await fetch(trip.callback, { headers: { cookie: trip.pageCookie } });
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    expect(html).toContain('<meta name="drim-launch-answer" content="follows" />');
    // The same page as the plain one for the CSP: its one inline script, allowed by its hash.
    const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(inline).toHaveLength(1);
    const hash = crypto.createHash('sha256').update(inline[0]!, 'utf8').digest('base64');
    expect(page.headers.get('content-security-policy')).toContain(`'sha256-${hash}'`);
    const block = /<script type="application\/json" id="drim-launch-answer">(.*?)<\/script>/.exec(
      html,
    );
    const answer = JSON.parse(block![1]!) as SignInAnswer;
    expect(answer.claim?.kind).toBe('iid');
    expect(answer.claim?.lookup?.study?.value.studyInstanceUID).toBe(ctThorax().studyInstanceUID);
    const me = await fetch(`${stack.gatewayUrl}/api/me`, {
      headers: { authorization: `Bearer ${answer.tokens.access_token}` },
    });
    expect(me.status).toBe(200);
    // After the answer, the exam's first image with the patient's name: the very picture the
    // viewer's own preview GET answers, as a PNG inside the page.
    const shot =
      /<div id="drim-launch-shot" data-testid="launch-preview" data-preview-path="([^"]+)"[\s\S]*?<img alt="[^"]+" src="data:image\/png;base64,([A-Za-z0-9+/=]+)">/.exec(
        html,
      );
    expect(shot).not.toBeNull();
    expect(html.indexOf('id="drim-launch-shot"')).toBeGreaterThan(
      html.indexOf('id="drim-launch-answer"'),
    );
    expect(html).toContain('<span>DUBOIS Marie</span>');
    const written = Buffer.from(shot![2]!, 'base64');
    const asked = await fetch(`${stack.gatewayUrl}${shot![1]!.replaceAll('&amp;', '&')}`, {
      headers: { authorization: `Bearer ${answer.tokens.access_token}`, accept: 'image/png' },
    });
    expect(asked.status).toBe(200);
    expect(written.equals(Buffer.from(await asked.arrayBuffer()))).toBe(true);
    expect(written.readUInt32BE(16)).toBeGreaterThan(0);
    // Both bindings are spent, and the code is: neither the page nor its script opens it again.
    const cleared = page.headers.getSetCookie();
    expect(cleared).toHaveLength(2);
    expect(cleared.every((c) => c.includes('Max-Age=0'))).toBe(true);
    expect((await signIn(trip.key, code, trip.cookie)).status).toBe(404);
    const again = await (
      await fetch(trip.callback, { headers: { cookie: trip.pageCookie } })
    ).text();
    expect(/id="drim-launch-answer">null</.test(again)).toBe(true);
  });

  it('sends the plain page to a browser without the page’s binding: its script hands the code in', async () => {
    const jar = await signedInAtIdp('medecin');
    const trip = await launchThroughIdp(studyLink(ctThorax().studyInstanceUID), jar);
    const page = await fetch(trip.callback, { headers: { cookie: trip.cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).not.toContain('<meta name="drim-launch-answer"');
    expect(html).not.toContain('id="drim-launch-answer"');
    const res = await signIn(trip.key, trip.callback.searchParams.get('code')!, trip.cookie);
    expect(res.status).toBe(200);
  });

  it('refuses a code without the binding of the browser the link was opened in; the launch still opens for its user', async () => {
    const jar = await signedInAtIdp('medecin');
    const trip = await launchThroughIdp(studyLink(ctThorax().studyInstanceUID), jar);
    const code = trip.callback.searchParams.get('code')!;
    expect((await signIn(trip.key, code)).status).toBe(403);
    expect((await signIn(trip.key, code, 'drim-launch-binding=forged')).status).toBe(403);
    // Nothing was used up: the page signs in itself and claims, as before.
    const token = await loginWithPassword({
      idpUrl: stack.idpUrl,
      username: 'medecin',
      password: 'demo',
      redirectUri: `${stack.gatewayUrl}/auth/callback`,
    });
    const claim = await fetch(`${stack.gatewayUrl}/api/launch/${trip.key}/claim`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token.accessToken}` },
    });
    expect(claim.status).toBe(200);
  });

  it('sends a browser without an IdP session back without a code: the page signs in itself', async () => {
    const trip = await launchThroughIdp(studyLink(ctThorax().studyInstanceUID), new CookieJar());
    expect(trip.callback.searchParams.get('code')).toBeNull();
    expect(trip.callback.searchParams.get('error')).toBe('login_required');
    expect(trip.callback.searchParams.get('state')).toBe(trip.key);
  });

  it('signs a patient in but keeps a professional’s launch from them: their page claims and reads the refusal', async () => {
    const jar = await signedInAtIdp('patient1');
    const trip = await launchThroughIdp(studyLink(ctThorax().studyInstanceUID), jar);
    const res = await signIn(trip.key, trip.callback.searchParams.get('code')!, trip.cookie);
    expect(res.status).toBe(200);
    const answer = (await res.json()) as SignInAnswer;
    expect(answer.claim).toBeUndefined();
    const claim = await fetch(`${stack.gatewayUrl}/api/launch/${trip.key}/claim`, {
      method: 'POST',
      headers: { authorization: `Bearer ${answer.tokens.access_token}` },
    });
    expect(claim.status).toBe(403);
    expect(JSON.stringify(await claim.json())).toContain('professionnel');
  });

  it('answers a malformed request in words, and an unknown launch as expired', async () => {
    const jar = await signedInAtIdp('medecin');
    const trip = await launchThroughIdp(studyLink(ctThorax().studyInstanceUID), jar);
    const empty = await fetch(`${stack.gatewayUrl}/api/launch/${trip.key}/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: trip.cookie },
      body: JSON.stringify({ code: 42 }),
    });
    expect(empty.status).toBe(400);
    expect(JSON.stringify(await empty.json())).toContain('Code de connexion');
    const unknown = await signIn('A'.repeat(43), 'x', trip.cookie);
    expect(unknown.status).toBe(404);
  });
});

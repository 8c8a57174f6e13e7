// The end of a session, for real: the test stack's IdP gives `medecin-jeton-court` access
// tokens that live 20 s (dev/stack/launch.ts), so a token ends during the test. While the
// IdP session lives, the SPA renews it in the background and the GP keeps working; once the
// IdP session is gone too, the expired session sends the GP to log in and back to the same
// study. Every wait is for a condition (a token issued, the gateway's 401, the SPA's own
// "log in" prompt), never for a fixed time.
import { expect, test, type Page } from '@playwright/test';
import { loginWithPassword } from '../dev/idp/login-client';
import { readManifest, readStackInfo } from '../dev/stack/stackInfo';
import { loginThroughIdp } from './support/login';
import { viewerHook as hook } from './support/viewerPage';

const stack = readStackInfo();
const manifest = readManifest(stack);
const USER = 'medecin-jeton-court';
/** The IdP's token life for USER (dev/stack/launch.ts); the gateway allows 30 s of skew. */
const TOKEN_SECONDS = 20;
const GATEWAY_SKEW_SECONDS = 30;

const dubois = manifest.patients.find((p) => p.key === 'dubois');
const study = manifest.studies.find((s) => s.key === 'dubois-ct-thorax-2026');
if (!dubois?.ins || !study) throw new Error('the manifest lacks dubois or their 2026 thorax CT');
const ins = dubois.ins;

/** A study key for USER, sealed with a token fetched right now (USER's tokens are short). */
async function studyKey(): Promise<string> {
  const { accessToken } = await loginWithPassword({
    idpUrl: stack.idpUrl,
    username: USER,
    password: 'demo',
    redirectUri: `${stack.gatewayUrl}/auth/callback`,
  });
  const res = await fetch(`${stack.gatewayUrl}/api/keys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      kind: 'study',
      value: { studyInstanceUID: study?.studyInstanceUID, sourceIds: study?.sourceIds },
    }),
  });
  if (!res.ok) throw new Error(`POST /api/keys: HTTP ${res.status}`);
  return ((await res.json()) as { key: string }).key;
}

/** Access tokens the IdP hands this page (first login, reloads, silent renewals), in order. */
function recordIssuedTokens(page: Page): string[] {
  const issued: string[] = [];
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.origin !== new URL(stack.idpUrl).origin || url.pathname !== '/token') return;
    if (response.request().method() !== 'POST' || response.status() !== 200) return;
    void response.json().then(
      (body: { access_token?: string }) => {
        if (body.access_token) issued.push(body.access_token);
      },
      () => undefined,
    );
  });
  return issued;
}

/** The gateway's 401s this page met (the SPA must never let a user hit one). */
function recordRefusals(page: Page): string[] {
  const refused: string[] = [];
  page.on('response', (response) => {
    if (response.url().startsWith(stack.gatewayUrl) && response.status() === 401)
      refused.push(new URL(response.url()).pathname);
  });
  return refused;
}

async function expectImage(page: Page): Promise<void> {
  // A cold viewer decodes in WebAssembly on a shared 2-core machine.
  await expect(page.getByTestId('viewport-0')).toHaveAttribute('data-render-state', 'rendered', {
    timeout: 90_000,
  });
  await expect(page.getByRole('heading', { level: 1 })).toContainText(study?.description ?? '');
}

function expectNothingIdentifying(url: string): void {
  for (const value of [ins.id, dubois?.familyName ?? '', study?.studyInstanceUID ?? '']) {
    expect(url.toUpperCase()).not.toContain(value.toUpperCase());
  }
}

test.describe('a session whose access token ends while the GP works', () => {
  test('the token is renewed silently: the old one is refused by the gateway, the GP never notices', async ({
    page,
  }) => {
    // Waits out a token's life plus the gateway's clock tolerance: ~50 s of real time.
    test.setTimeout(240_000);
    const issued = recordIssuedTokens(page);
    const refused = recordRefusals(page);
    await loginThroughIdp(page, USER);
    await page.goto(`/study/${await studyKey()}`);
    await expectImage(page);
    const tokenOnScreen = issued.at(-1);
    expect(tokenOnScreen, 'the page got its token from the IdP').toBeDefined();
    const seenBefore = issued.length;

    // The renewal comes at half the token's life.
    await expect
      .poll(() => issued.length, { timeout: TOKEN_SECONDS * 1000 + 30_000 })
      .toBeGreaterThan(seenBefore);

    // The gateway refuses the first token once it ended (past its clock tolerance)…
    await expect
      .poll(
        async () =>
          (
            await page.request.get('/api/me', {
              headers: { authorization: `Bearer ${tokenOnScreen}` },
            })
          ).status(),
        { timeout: (TOKEN_SECONDS + GATEWAY_SKEW_SECONDS) * 1000 + 30_000, intervals: [1_000] },
      )
      .toBe(401);
    const refusal = await page.request.get('/api/me', {
      headers: { authorization: `Bearer ${tokenOnScreen}` },
    });
    expect(await refusal.json()).toEqual({
      error: { code: 'unauthorized', message: 'Session expirée, reconnectez-vous.' },
    });

    // …while the GP, still on their study, was never asked to log in again…
    await expect(page.getByTestId('viewport-0')).toHaveAttribute('data-render-state', 'rendered');
    await expect(page.getByText('Connectez-vous pour ouvrir cet examen.')).toHaveCount(0);
    expect(issued.length, 'renewed more than once over that time').toBeGreaterThan(seenBefore + 1);

    // …and goes on working: back home, the patient's list from every DRIMbox.
    await page.getByRole('link', { name: 'Retour à l’accueil' }).click();
    await page.getByLabel('INS (NIR à 15 chiffres, clé comprise)').fill(ins.id);
    await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
    await page
      .getByTestId('patient-result')
      .getByRole('button', { name: `Voir les examens de ${dubois?.familyName}` })
      .click();
    const drimboxStudies = manifest.studies.filter(
      (s) =>
        s.patientKey === 'dubois' &&
        s.sourceIds.some((id) => stack.sources.find((x) => x.id === id)?.kind === 'drimbox'),
    );
    await expect(page.getByTestId('study-row')).toHaveCount(drimboxStudies.length, {
      timeout: 30_000,
    });
    await expect(page.getByTestId('user-name')).toBeVisible();
    expect(refused, 'no request of the page was refused').toEqual([]);
  });

  test('with the IdP session gone too, expiry empties memory and sends the GP to log in, back to the same study', async ({
    page,
    context,
  }) => {
    test.setTimeout(240_000);
    await page.addInitScript(() => {
      (window as { __drimViewerTestEnabled?: boolean }).__drimViewerTestEnabled = true;
    });
    await loginThroughIdp(page, USER);
    await page.goto(`/study/${await studyKey()}`);
    await expectImage(page);
    const studyUrl = page.url();
    const imageIds = (await hook<string[] | null>(page, 'imageIds', 'drim-stack-0')) ?? [];
    expect(imageIds.length).toBeGreaterThan(0);
    expect(await hook<number>(page, 'metadataHeld', imageIds)).toBe(imageIds.length);
    expect(await hook<number>(page, 'cacheBytes')).toBeGreaterThan(0);

    // The GP signs out of the regional IdP in another tab: no silent renewal can work now.
    const portal = await context.newPage();
    await portal.goto(`${stack.idpUrl}/session/end`);
    await portal.getByRole('button', { name: 'Se déconnecter' }).click();
    await expect(portal.getByRole('heading', { name: 'Vous êtes déconnecté' })).toBeVisible();
    await portal.close();

    // The SPA's own expiry: the study asks for a login instead of showing images.
    const loginNeeded = page.getByText('Connectez-vous pour ouvrir cet examen.');
    await expect(loginNeeded).toBeVisible({ timeout: TOKEN_SECONDS * 1000 + 30_000 });
    await expect(page.getByTestId('viewport-0')).toHaveCount(0);
    // Nothing the session fetched stays in the page's memory.
    expect(await hook<number>(page, 'cacheBytes')).toBe(0);
    expect(await hook<number>(page, 'imagesCached', imageIds)).toBe(0);
    expect(await hook<number>(page, 'metadataHeld', imageIds)).toBe(0);
    expect(page.url()).toBe(studyUrl);
    expectNothingIdentifying(page.url());

    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page.getByLabel('Identifiant')).toBeVisible();
    await page.getByLabel('Identifiant').fill(USER);
    await page.getByLabel('Mot de passe').fill('demo');
    await page.getByRole('button', { name: 'Se connecter' }).click();

    await expect(page).toHaveURL(studyUrl);
    await expectImage(page);
    expectNothingIdentifying(page.url());
  });
});

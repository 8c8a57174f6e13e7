// What the browser benchmarks share: a fresh Chromium context logged in through the demo
// IdP's own page (a cold browser keeps only the IdP session), and a study key as a click in
// the list seals it.
import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../dev/chromium';
import type { StackInfo } from '../../dev/stack/launch';
import { demoAccessToken } from '../../dev/stack/stackInfo';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
}

/**
 * A new context's page, logged in on the home page as `username` (password `demo`).
 * `prepare` runs on the page before its first navigation: the init script that records the
 * moments measured, the routes a run holds or changes.
 */
export async function loggedInPage(
  browser: Browser,
  stack: StackInfo,
  username: string,
  prepare: (page: Page) => Promise<unknown> = async () => undefined,
): Promise<Page> {
  const context = await browser.newContext({
    baseURL: stack.gatewayUrl,
    viewport: { width: 1400, height: 900 },
  });
  const page = await context.newPage();
  await prepare(page);
  await page.goto('/');
  await page.getByTestId('login-button').click();
  await page.getByLabel('Identifiant').fill(username);
  await page.getByLabel('Mot de passe').fill('demo');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByTestId('user-name').waitFor();
  return page;
}

/** The opaque key a click in the patient's list seals for a study (`POST /api/keys`). */
export async function studyKeyOf(
  stack: StackInfo,
  username: string,
  value: { studyInstanceUID: string; sourceIds: readonly string[]; patient?: unknown },
): Promise<string> {
  const accessToken = await demoAccessToken(username, stack);
  const res = await fetch(`${stack.gatewayUrl}/api/keys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ kind: 'study', value }),
  });
  if (!res.ok) throw new Error(`POST /api/keys: ${res.status}`);
  return ((await res.json()) as { key: string }).key;
}

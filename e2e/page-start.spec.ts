// What a page load asks for before the user is signed in again. The gateway writes the
// region's settings, with the IdP endpoints it read from the IdP's discovery document,
// into index.html: a reload goes straight to the silent sign-in. A page without them (a
// proxy that rewrote the page, the Vite dev server) still starts, from /config.json.
import { expect, test, type Page } from '@playwright/test';
import { readStackInfo } from '../dev/stack/stackInfo';
import { loginThroughIdp } from './support/login';

const stack = readStackInfo();

/** Paths (with their origin's role) of every request the page makes from now on. */
function recordRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    const who = url.origin === new URL(stack.idpUrl).origin ? 'idp' : 'gateway';
    seen.push(`${who} ${request.method()} ${url.pathname}`);
  });
  return seen;
}

test('a reload signs in again without fetching the settings or the IdP’s discovery document', async ({
  page,
}) => {
  await loginThroughIdp(page, 'medecin');
  const seen = recordRequests(page);
  await page.reload();
  await expect(page.getByTestId('user-name')).toBeVisible();
  expect(seen).toContain('idp POST /token');
  expect(seen).not.toContain('gateway GET /config.json');
  expect(seen.filter((r) => r.includes('/.well-known/'))).toEqual([]);
});

test('a page served without its settings inside still starts, and signs in again', async ({
  page,
}) => {
  await loginThroughIdp(page, 'medecin');
  // Taken out as the parser adds it, before the app's (deferred, module) script runs.
  await page.addInitScript(() => {
    new MutationObserver(() => document.getElementById('drim-config')?.remove()).observe(document, {
      childList: true,
      subtree: true,
    });
  });
  const seen = recordRequests(page);
  await page.reload();
  await expect(page.getByTestId('user-name')).toBeVisible();
  expect(seen).toContain('gateway GET /config.json');
  expect(seen).toContain('idp POST /token');
});

// « Voir les examens » in the search results, against the real local region (issue 21): the
// list's per-source queries leave with the click, while the patient's opaque key is still
// being sealed, and the list page then finds them in flight — nothing is asked twice, the
// consent-gated archive included. A seal that fails says so and leaves nothing half-open:
// what was asked for the list is stopped, and the next click starts afresh.
import { expect, test, type Page, type Request, type Route } from '@playwright/test';
import { readManifest, readStackInfo } from '../dev/stack/stackInfo';
import { withdrawConsents } from './support/consents';
import { loginThroughIdp } from './support/login';
import { isSourceSearch, recordSourceSearches } from './support/sourceSearches';

const stack = readStackInfo();
const manifest = readManifest(stack);
const archive = stack.sources.find((s) => s.kind === 'regional');
if (!archive) throw new Error('the stack has no regional archive');
const isDrimbox = (id: string) => stack.sources.find((s) => s.id === id)?.kind === 'drimbox';

const dubois = manifest.patients.find((p) => p.key === 'dubois');
if (!dubois?.ins) throw new Error('the manifest has no dubois with an INS');
const ins = dubois.ins;
/** What a GP sees without consent: the studies some DRIMbox holds. */
const visible = manifest.studies.filter(
  (s) => s.patientKey === 'dubois' && s.sourceIds.some(isDrimbox),
);

/** The list's queries: each source's QIDO studies and series, once each (Dubois has an INS). */
const listQueries = stack.sources
  .flatMap((s) => [`/dicomweb/${s.id}/studies`, `/dicomweb/${s.id}/series`])
  .sort();
const isKeyPost = (r: Request) =>
  r.method() === 'POST' && new URL(r.url()).pathname === '/api/keys';

async function searchDubois(page: Page) {
  await page.getByLabel('INS (NIR à 15 chiffres, clé comprise)').fill(ins.id);
  await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
  const open = page.getByRole('button', { name: `Voir les examens de ${dubois!.familyName}` });
  await expect(open).toBeEnabled();
  return open;
}

async function expectListSettled(page: Page): Promise<void> {
  for (const s of stack.sources.filter((x) => x.kind === 'drimbox')) {
    await expect(page.getByTestId(`studies-source-${s.id}`)).toHaveAttribute(
      'data-state',
      'loaded',
    );
  }
  await expect(page.getByTestId(`studies-source-${archive!.id}`)).toHaveAttribute(
    'data-state',
    'consentNeeded',
  );
  await expect(page.getByTestId('study-row')).toHaveCount(visible.length);
}

test.beforeEach(async () => {
  await withdrawConsents('medecin', ins.id);
});

test.describe('opening a patient from the search', () => {
  test('the list’s source queries leave with the click, before the key’s POST is answered', async ({
    page,
  }) => {
    await loginThroughIdp(page, 'medecin');
    const open = await searchDubois(page);

    // The key's POST waits until the test lets it go.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let keyPosts = 0;
    let keyPostLetGo = false;
    await page.route('**/api/keys', async (route: Route) => {
      if (isKeyPost(route.request())) {
        keyPosts++;
        await held;
        keyPostLetGo = true;
      }
      await route.continue().catch(() => undefined);
    });
    const asked = recordSourceSearches(page);

    await open.click();
    // Every source's studies and series queries are on their way while the key is not sealed.
    await expect.poll(() => [...asked].sort()).toEqual(listQueries);
    expect(keyPosts).toBe(1);
    expect(keyPostLetGo).toBe(false);
    await expect(page.getByRole('button', { name: 'Ouverture…' })).toBeDisabled();
    expect(new URL(page.url()).pathname).toBe('/');
    await expect(page.getByTestId('study-row')).toHaveCount(0);

    release();
    await expect(page).toHaveURL(/\/patient\/[A-Za-z0-9_-]+$/);
    await expectListSettled(page);
    // The list found those queries in flight: no source was asked twice, the archive (which
    // answers « consent needed ») no more than the others.
    expect([...asked].sort()).toEqual(listQueries);
  });

  test('a seal that fails shows its error, stops what it started, and a new click opens the list', async ({
    page,
  }) => {
    await loginThroughIdp(page, 'medecin');
    const open = await searchDubois(page);

    // The sources' answers are held, so the failure meets the queries still in flight.
    let releaseSources: () => void = () => undefined;
    const sourcesHeld = new Promise<void>((resolve) => (releaseSources = resolve));
    await page.route(/\/dicomweb\/[^/]+\/(studies|series)(\?|$)/, async (route: Route) => {
      await sourcesHeld;
      await route.continue().catch(() => undefined);
    });
    let failSeal: () => void = () => undefined;
    const sealFails = new Promise<void>((resolve) => (failSeal = resolve));
    await page.route('**/api/keys', async (route: Route) => {
      if (!isKeyPost(route.request())) return route.continue();
      await sealFails;
      return route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'unavailable', message: 'unavailable' } }),
      });
    });
    const asked = recordSourceSearches(page);
    const aborted: string[] = [];
    page.on('requestfailed', (r) => {
      if (isSourceSearch(r)) aborted.push(new URL(r.url()).pathname);
    });

    await open.click();
    await expect.poll(() => [...asked].sort()).toEqual(listQueries);
    failSeal();

    await expect(page.getByRole('alert')).toContainText(
      'Impossible d’ouvrir la liste de ce patient',
    );
    // Back to where it was: the same button, usable again, on the search page.
    await expect(open).toBeEnabled();
    expect(new URL(page.url()).pathname).toBe('/');
    // Every query started for the list that will not open is stopped by the page.
    await expect.poll(() => [...aborted].sort()).toEqual(listQueries);
    releaseSources();

    // Nothing half-open is left in the way: a new click asks every source afresh and the list
    // shows what it shows for any opening.
    await page.unroute('**/api/keys');
    await page.unroute(/\/dicomweb\/[^/]+\/(studies|series)(\?|$)/);
    asked.length = 0;
    await open.click();
    await expect(page).toHaveURL(/\/patient\/[A-Za-z0-9_-]+$/);
    await expectListSettled(page);
    expect([...asked].sort()).toEqual(listQueries);
  });
});

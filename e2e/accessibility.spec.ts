// Accessibility and language, checked as a machine can (issue 18): axe-core (through
// @axe-core/playwright, Deque's own binding) on the pages and dialogs each user meets —
// no serious or critical violation — and the English UI complete: no French text of the
// app left on an English page, no English text on a French one. What the sources wrote
// (patients' names, study descriptions, reports, the region's own labels) is data, not
// UI text: it is taken out before the comparison.
//
// « Mes accès » and the download dialog are checked in their own specs (my-access,
// download), on the states those specs build.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { readManifest, readStackInfo } from '../dev/stack/stackInfo';
import { en } from '../src/lib/locales/en';
import { fr } from '../src/lib/locales/fr';
import { loginThroughIdp } from './support/login';
import { accessTokenFor, studyKeyFor } from './support/openStudyAs';
import { openInViewer, studyIn } from './support/viewerPage';

const stack = readStackInfo();
const manifest = readManifest(stack);
const dubois = manifest.patients.find((p) => p.key === 'dubois')!;
const archive = stack.sources.find((s) => s.kind === 'regional')!;
test.setTimeout(150_000);

/** The serious and critical violations on the page (or inside `include`), said readably. */
async function seriousViolations(page: Page, include?: string): Promise<string[]> {
  let builder = new AxeBuilder({ page }).withTags([
    'wcag2a',
    'wcag2aa',
    'wcag21a',
    'wcag21aa',
    'wcag22aa',
    'best-practice',
  ]);
  if (include) builder = builder.include(include);
  const { violations } = await builder.analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
}

async function expectAccessible(page: Page, include?: string) {
  expect(await seriousViolations(page, include)).toEqual([]);
}

async function openExtendedSearchDialog(page: Page, username: string) {
  await loginThroughIdp(page, username);
  await page.getByLabel('INS (NIR à 15 chiffres, clé comprise)').fill(dubois.ins!.id);
  await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
  await page.getByRole('button', { name: `Voir les examens de ${dubois.familyName}` }).click();
  const archiveState = page.getByTestId(`studies-source-${archive.id}`);
  await expect(archiveState).toHaveAttribute('data-state', 'consentNeeded');
  await archiveState.getByRole('button', { name: /Recherche étendue/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Recherche étendue dans l’archive régionale' });
  await expect(dialog).toBeVisible();
  return dialog;
}

test.describe('axe: no serious or critical violation', () => {
  test('the signed-out home (login)', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByTestId('login-button')).toBeVisible();
    await expectAccessible(page);
  });

  test('a professional’s home', async ({ page }) => {
    await loginThroughIdp(page, 'medecin');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectAccessible(page);
  });

  for (const [device, viewport] of [
    ['laptop', { width: 1366, height: 768 }],
    ['phone', { width: 390, height: 844 }],
  ] as const) {
    test(`the search, its result and the study list (${device})`, async ({ page }) => {
      await page.setViewportSize(viewport);
      await loginThroughIdp(page, 'medecin');
      await page.getByLabel('INS (NIR à 15 chiffres, clé comprise)').fill(dubois.ins!.id);
      await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
      const open = page.getByRole('button', { name: `Voir les examens de ${dubois.familyName}` });
      await expect(open).toBeVisible();
      await expectAccessible(page);
      await open.click();
      await expect(page.getByTestId(`studies-source-${archive.id}`)).toHaveAttribute(
        'data-state',
        'consentNeeded',
      );
      await expect(page.getByRole('button', { name: /^Ouvrir l’examen/ }).first()).toBeVisible();
      await expectAccessible(page);
      // The filters unfolded, as a user changing them sees them.
      await page.getByRole('button', { name: /^Filtres/ }).click();
      await expectAccessible(page);
    });
  }

  test('the viewer’s chrome on a CT, laptop and phone', async ({ page }) => {
    await openInViewer(page, studyIn(manifest, 'martin-ct-thorax-2026'));
    await expect(page.getByRole('main')).toBeVisible();
    await expectAccessible(page);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('toolbar-more').click();
    await expect(page.getByTestId('tool-length')).toBeVisible();
    await expectAccessible(page);
  });

  test('the patient’s home and viewer', async ({ page }) => {
    await loginThroughIdp(page, 'patient1');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectAccessible(page);
    const study = studyIn(manifest, 'dubois-ct-thorax-2026');
    await page.addInitScript(() => {
      (window as { __drimViewerTestEnabled?: boolean }).__drimViewerTestEnabled = true;
    });
    const key = await studyKeyFor('patient1', study.studyInstanceUID, study.sourceIds);
    await page.evaluate((path) => {
      window.history.pushState({}, '', path);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, `/study/${key}`);
    await expect(page.getByTestId('viewport-0')).toHaveAttribute('data-render-state', 'rendered', {
      timeout: 90_000,
    });
    await expect(page.getByTestId('patient-notice')).toBeVisible();
    await expectAccessible(page);
  });

  test('the consent dialog', async ({ page }) => {
    await openExtendedSearchDialog(page, 'medecin');
    await expectAccessible(page, '[data-testid="consent-dialog"]');
  });

  test('the break-the-glass dialog', async ({ page }) => {
    const dialog = await openExtendedSearchDialog(page, 'radiologue');
    await dialog.getByText('Urgence : bris de glace').click();
    await expect(dialog.getByLabel(/Motif de l’urgence/)).toBeVisible();
    await expectAccessible(page, '[data-testid="consent-dialog"]');
  });
});

// ---- Language completeness ----

type Tree = { readonly [key: string]: string | Tree };

function leaves(tree: Tree, path: string[] = []): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set([...path, key].join('.'), value);
    else for (const [k, v] of leaves(value, [...path, key])) out.set(k, v);
  }
  return out;
}

const FR = leaves(fr as unknown as Tree);
const EN = leaves(en as unknown as Tree);

/**
 * The literal pieces of one language's texts that the other language never writes: a
 * text's words between its {{placeholders}}, long enough to be telling (« Fenêtrage »,
 * not « Zoom »), and found in none of the other language's texts.
 */
function telltales(
  own: Map<string, string>,
  other: Map<string, string>,
): { key: string; text: string }[] {
  const otherText = [...other.values()].join('\n').toLowerCase();
  const out: { key: string; text: string }[] = [];
  for (const [key, value] of own) {
    if (other.get(key) === value) continue;
    for (const piece of value.split(/\{\{[^}]+\}\}/)) {
      const text = piece.trim().replace(/^[\s:;,.—–-]+|[\s:;,.—–(-]+$/g, '');
      if (text.length < 8 || !/\p{L}{4}/u.test(text)) continue;
      if (otherText.includes(text.toLowerCase())) continue;
      out.push({ key, text });
    }
  }
  return out;
}

const FRENCH_ONLY = telltales(FR, EN);
const ENGLISH_ONLY = telltales(EN, FR);

/** What the sources and the region wrote, French whatever the UI's language. */
async function dataTexts(page: Page): Promise<string[]> {
  const config = (await (await page.request.get('/config.json')).json()) as {
    region: { name: string };
    sources: { label: string }[];
  };
  return [
    config.region.name,
    ...config.sources.map((s) => s.label),
    ...manifest.studies.flatMap((s) => [
      s.description,
      ...s.series.map((x) => x.description),
      // The key images' note, typed by the radiologist.
      ...s.keyObjects.map((k) => k.description),
    ]),
    // The sample generator's description of the report's DOC series
    // (dev/sample-data/generate.ts), shown as the source names that series.
    'Compte rendu',
    ...manifest.patients.flatMap((p) => [p.familyName, p.givenName]),
  ].filter((t): t is string => typeof t === 'string' && t.length > 0);
}

/** Every text the page shows or says: its visible text and its accessible names and tips. */
async function pageTexts(page: Page): Promise<string> {
  return page.evaluate(() => {
    const skip = '[data-testid="report-slot"], [data-testid="viewport-overlay"]';
    const parts: string[] = [];
    for (const el of document.body.querySelectorAll('*')) {
      if (el.closest(skip)) continue;
      for (const attr of ['aria-label', 'title', 'alt', 'placeholder', 'data-tip']) {
        const v = el.getAttribute(attr);
        if (v) parts.push(v);
      }
      for (const node of el.childNodes) {
        if (node.nodeType === Node.TEXT_NODE && node.textContent?.trim()) {
          parts.push(node.textContent.trim());
        }
      }
    }
    return parts.join('\n');
  });
}

async function leftovers(page: Page, foreign: { key: string; text: string }[]): Promise<string[]> {
  let text = await pageTexts(page);
  for (const data of await dataTexts(page)) text = text.split(data).join(' ');
  const lower = text.toLowerCase();
  return foreign
    .filter(({ text: t }) => lower.includes(t.toLowerCase()))
    .map(({ key, text: t }) => `${key}: « ${t} »`);
}

/** Logs in with the UI in `lang`, chosen on the signed-out page as a user does. */
async function loginIn(page: Page, lang: 'fr' | 'en', username: string) {
  await page.goto('/');
  if (lang === 'en') await page.getByRole('button', { name: 'EN', exact: true }).click();
  await page.getByTestId('login-button').click();
  await page.getByLabel(/Identifiant|Username/).fill(username);
  await page.getByLabel(/Mot de passe|Password/).fill('demo');
  await page.getByRole('button', { name: /Se connecter|Sign in/ }).click();
  await expect(page.getByTestId('user-name')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
}

/** The patient's study list, opened in the app as « Voir les examens » opens it. */
async function openListHere(page: Page, username: string) {
  const res = await fetch(`${stack.gatewayUrl}/api/keys`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${await accessTokenFor(username)}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({
      kind: 'patient',
      value: { identifiers: [dubois.ins], label: `${dubois.familyName} ${dubois.givenName}` },
    }),
  });
  if (!res.ok) throw new Error(`POST /api/keys: ${res.status}`);
  const { key } = (await res.json()) as { key: string };
  await page.evaluate(
    (path) => {
      window.history.pushState({}, '', path);
      window.dispatchEvent(new PopStateEvent('popstate'));
    },
    `/patient/${encodeURIComponent(key)}`,
  );
  await expect(page.getByRole('button', { name: /^(Ouvrir|Open)/ }).first()).toBeVisible({
    timeout: 30_000,
  });
  // With the filters unfolded: their labels and choices are text too.
  await page.getByRole('button', { name: /^(Filtres|Filters)/ }).click();
}

async function openStudyHere(page: Page, username: string, studyKey: string) {
  const study = studyIn(manifest, studyKey);
  const key = await studyKeyFor(username, study.studyInstanceUID, study.sourceIds);
  await page.evaluate((path) => {
    window.history.pushState({}, '', path);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, `/study/${key}`);
  await expect(page.getByTestId('viewport-0')).toHaveAttribute('data-render-state', 'rendered', {
    timeout: 90_000,
  });
  // The series' counts and states are written once they are read.
  await expect(page.getByTestId('viewer-toolbar')).toBeVisible();
}

test.describe('language completeness', () => {
  test('the telltale lists are not empty (the check can fail)', () => {
    expect(FRENCH_ONLY.length).toBeGreaterThan(200);
    expect(ENGLISH_ONLY.length).toBeGreaterThan(200);
    expect(FRENCH_ONLY.map((x) => x.text)).toContain('Outil du bouton gauche');
  });

  for (const [lang, foreign, who] of [
    ['en', FRENCH_ONLY, 'radiologue'],
    ['fr', ENGLISH_ONLY, 'radiologue'],
    ['en', FRENCH_ONLY, 'patient1'],
  ] as const) {
    test(`${lang} home, list or « Mes accès », and viewer as ${who}: no text of the other language`, async ({
      page,
    }) => {
      await loginIn(page, lang, who);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      expect(await leftovers(page, foreign), 'home').toEqual([]);
      if (who === 'patient1') {
        await page.getByTestId('my-access-link').click();
        await expect(page.getByTestId('access-session').first()).toBeVisible({ timeout: 30_000 });
        expect(await leftovers(page, foreign), 'my access').toEqual([]);
      } else {
        await openListHere(page, who);
        expect(await leftovers(page, foreign), 'study list').toEqual([]);
      }
      await openStudyHere(
        page,
        who,
        who === 'patient1' ? 'dubois-ct-thorax-2026' : 'martin-ct-thorax-2026',
      );
      expect(await leftovers(page, foreign), 'viewer').toEqual([]);
    });
  }
});

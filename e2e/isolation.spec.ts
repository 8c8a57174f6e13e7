// One patient's images never reach another, even when the sources are inconsistent (issue
// 15): a link naming two patients is refused, the list says whose it is, and a study UID
// held under two patients at one DRIMbox shows one patient's series only. The browser must
// hold on its own, whether or not the gateway filters the sources' answers as well.
import { expect, test, type Page } from '@playwright/test';
import {
  CONFLICT_HOST_STUDY,
  plantConflictingStudy,
  type PlantedConflict,
} from '../dev/sample-data/conflictingStudy';
import { readManifest, readStackInfo } from '../dev/stack/stackInfo';
import { holdRequests } from './support/holdRequests';
import { loginThroughIdp } from './support/login';
import { studyKeyFor } from './support/openStudyAs';
import { patientWithIns } from './support/manifestPatients';

const stack = readStackInfo();
const manifest = readManifest(stack);

const patient = (key: string) => patientWithIns(manifest, key);

const dubois = patient('dubois');
const martin = patient('martin');
const hostStudy = manifest.studies.find((s) => s.key === CONFLICT_HOST_STUDY);
if (!hostStudy) throw new Error(`manifest has no study ${CONFLICT_HOST_STUDY}`);

/** The manifest's birth date as the list writes it in French: « 14 mars 1958 », « 1er … ». */
function frenchDate(dicom: string): string {
  const text = new Intl.DateTimeFormat('fr-FR', {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(new Date(`${dicom.slice(0, 4)}-${dicom.slice(4, 6)}-${dicom.slice(6, 8)}T00:00:00Z`));
  return text.replace(/^1 /, '1er ');
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** « DUBOIS Marie, née le 14 mars 1958 — INS 258037512345653 », the given name in any case. */
function identityLine(p: ReturnType<typeof patient>): RegExp {
  const born = p.sex === 'F' ? 'née le' : 'né le';
  return new RegExp(
    `^${escape(p.familyName)} ${escape(p.givenName)}, ${born} ${escape(frenchDate(p.birthDate))} — INS ${p.ins.id}$`,
    'i',
  );
}

async function noHorizontalScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

/** Every DRIMbox has answered the list (the archive may ask for consent instead). */
async function drimboxesAnswered(page: Page): Promise<void> {
  for (const s of stack.sources.filter((x) => x.kind === 'drimbox')) {
    await expect(page.getByTestId(`studies-source-${s.id}`)).toHaveAttribute(
      'data-state',
      'loaded',
    );
  }
}

/** The URLs the page asks for, to prove what it never fetched. */
function requestsOf(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (r) => urls.push(r.url()));
  return urls;
}

test.describe('a launch names exactly one patient', () => {
  test('an IID link whose patientID lists two INS shows the French error page, no list', async ({
    page,
  }) => {
    // Logged in first: had the link opened anything, the list would be on screen.
    await loginThroughIdp(page, 'medecin');
    const twoPatients = `${dubois.ins.id}%2C${martin.ins.id}%5E%5E%5E%26${dubois.ins.issuer}%26ISO`;
    await page.goto(
      `${stack.gatewayUrl}/IHEInvokeImageDisplay?requestType=PATIENT&patientID=${twoPatients}`,
    );
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'L’imagerie n’a pas pu être ouverte',
    );
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(page.getByTestId('launch-errors')).toContainText('virgule');
    await expect(page.getByTestId('launch-errors')).toContainText('un seul');
    expect(new URL(page.url()).pathname).toMatch(/^\/ouverture-impossible\//);
    await expect(page.getByTestId('study-row')).toHaveCount(0);
    // The page quotes neither patient's INS.
    const text = await page.locator('body').innerText();
    expect(text).not.toContain(dubois.ins.id);
    expect(text).not.toContain(martin.ins.id);
  });
});

test.describe('a STUDY launch names what it did not find', () => {
  const found = manifest.studies.find((s) => s.key === 'dubois-ct-thorax-2026');
  if (!found) throw new Error('manifest has no study dubois-ct-thorax-2026');
  // A well-formed UID no source of the region holds.
  const unknown = '2.25.999999999999999999999999999999999';

  test('a known and an unknown UID: the known one opens, the viewer names the other', async ({
    page,
  }) => {
    await loginThroughIdp(page, 'medecin');
    await page.goto(
      `${stack.gatewayUrl}/IHEInvokeImageDisplay?requestType=STUDY&studyUID=${unknown},${found.studyInstanceUID}`,
    );
    await expect(page).toHaveURL(/\/study\//);
    const notice = page.getByTestId('missing-exams-notice');
    await expect(notice).toContainText(unknown, { timeout: 90_000 });
    await expect(notice).toContainText('Seul l’examen trouvé est affiché');
    await expect(page.getByRole('heading', { level: 1 })).toContainText(found.description);
  });

  test('only unknown UIDs: the problem page names them, and the archive that may hold them', async ({
    page,
  }) => {
    await loginThroughIdp(page, 'medecin');
    await page.goto(
      `${stack.gatewayUrl}/IHEInvokeImageDisplay?requestType=STUDY&studyUID=${unknown}`,
    );
    // No DRIMbox holds it; the GP has no consent for the regional archive, which may.
    const problem = page.getByTestId('launch-problem');
    await expect(problem).toHaveAttribute('data-problem', 'consentNeeded');
    await expect(page.getByTestId('missing-exams')).toContainText(unknown);
    await expect(problem).toContainText('consentement du patient');
  });
});

test.describe('the patient list page says whose list it is', () => {
  test('a professional who searched Marie DUBOIS by name sees her named as the sources give her, on a phone too', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await loginThroughIdp(page, 'medecin');
    await page.getByLabel('Par nom et date de naissance').check();
    await page.getByLabel('Nom de naissance').fill(dubois.familyName);
    const b = dubois.birthDate;
    await page
      .getByLabel('Date de naissance', { exact: true })
      .fill(`${b.slice(0, 4)}-${b.slice(4, 6)}-${b.slice(6)}`);
    await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
    // Until a source answers, the heading says what the search found, and where it comes from.
    const release = await holdRequests(page, /\/dicomweb\/[^/]+\/(studies|series)\?/);
    await page.getByRole('button', { name: `Voir les examens de ${dubois.familyName}` }).click();
    await expect(page).toHaveURL(/\/patient\//);
    const identity = page.getByTestId('patient-identity');
    await expect(identity).toHaveAttribute('data-from', 'label');
    await expect(identity).toHaveText(
      new RegExp(`^${escape(dubois.familyName)} ${escape(dubois.givenName)}$`, 'i'),
    );
    release();
    await drimboxesAnswered(page);

    await expect(identity).toHaveAttribute('data-from', 'sources');
    await expect(identity).toHaveText(identityLine(dubois));
    // It is the page's title, for a screen reader as for the eye.
    await expect(page.getByRole('heading', { level: 1 })).toContainText(dubois.ins.id);
    await expect(page.getByTestId('identity-disagreement')).toHaveCount(0);
    // It wraps within the phone's width rather than widening the page.
    const box = await identity.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    await noHorizontalScroll(page);
  });

  test('patient1’s own list names her', async ({ page }) => {
    await loginThroughIdp(page, 'patient1');
    await drimboxesAnswered(page);
    const heading = page.getByRole('heading', { level: 1 });
    await expect(heading).toContainText('Mes examens d’imagerie');
    await expect(page.getByTestId('patient-identity')).toHaveText(identityLine(dubois));
  });
});

test.describe('one study UID held under two patients at a DRIMbox', () => {
  let planted: PlantedConflict;

  test.beforeAll(async () => {
    planted = await plantConflictingStudy(stack, manifest);
  });

  test.afterAll(async () => {
    await planted?.remove();
  });

  /** The viewer shows her series and nothing of his: not asked for, not listed, not named. */
  async function expectOnlyHerSeries(page: Page, requested: readonly string[]): Promise<void> {
    const viewport = page.getByTestId('viewport-0');
    // A condition, not a speed check (see support/viewerPage.ts).
    await expect(viewport).toHaveAttribute('data-render-state', 'rendered', { timeout: 90_000 });
    for (const uid of planted.hostSeriesUIDs) {
      await expect(page.getByTestId(`series-${uid}`)).toBeVisible();
    }
    await expect(page.getByTestId(`series-${planted.intruderSeriesUID}`)).toHaveCount(0);
    await expect(page.getByTestId('viewer-patient')).toContainText(dubois.familyName);
    await expect(page.locator('body')).not.toContainText(martin.familyName);
    await expect(page.locator('body')).not.toContainText(martin.ins.id);
    expect(requested.filter((url) => url.includes(planted.intruderSeriesUID))).toEqual([]);
  }

  test('patient1 opening her ultrasound sees only her own series, never « MARTIN »', async ({
    page,
  }) => {
    test.slow();
    const requested = requestsOf(page);
    await loginThroughIdp(page, 'patient1');
    const row = page.locator(`[data-study-uid="${planted.studyInstanceUID}"]`);
    await row.getByRole('button', { name: /^Ouvrir l’examen/ }).click();
    await expect(page).toHaveURL(/\/study\//);
    await expectOnlyHerSeries(page, requested);
  });

  test('a GP opening it from Marie’s list sees her series only, and the French warning', async ({
    page,
  }) => {
    test.slow();
    const requested = requestsOf(page);
    await loginThroughIdp(page, 'medecin');
    await page.getByLabel('INS (NIR à 15 chiffres, clé comprise)').fill(dubois.ins.id);
    await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
    await page.getByRole('button', { name: `Voir les examens de ${dubois.familyName}` }).click();
    const row = page.locator(`[data-study-uid="${planted.studyInstanceUID}"]`);
    await row.getByRole('button', { name: /^Ouvrir l’examen/ }).click();
    await expect(page).toHaveURL(/\/study\//);
    await expectOnlyHerSeries(page, requested);
    const warning = page.getByTestId('isolation-notice');
    await expect(warning).toContainText(
      'Cet identifiant d’examen désigne plusieurs patients à la source',
    );
    await expect(warning).toContainText(new RegExp(`séries de ${dubois.familyName} Marie`, 'i'));
    await expect(warning).toContainText('1 série d’un autre patient a été écartée');
  });

  test('an IID STUDY link naming only the exam: the GP chooses the patient before any image', async ({
    page,
  }) => {
    test.slow();
    const requested = requestsOf(page);
    await loginThroughIdp(page, 'medecin');
    await page.goto(
      `${stack.gatewayUrl}/IHEInvokeImageDisplay?requestType=STUDY&studyUID=${planted.studyInstanceUID}`,
    );
    const chooser = page.getByTestId('patient-chooser');
    await expect(chooser).toBeVisible({ timeout: 30_000 });
    await expect(
      page.getByText('Cet identifiant d’examen désigne plusieurs patients'),
    ).toBeVisible();
    // Both persons, as the source names them, and not one image of either yet.
    await expect(chooser.getByRole('listitem')).toHaveCount(2);
    await expect(page.getByTestId('viewport-0')).toHaveCount(0);
    const pixels = (url: string) => /\/(frames|rendered|metadata)\b/.test(url);
    expect(requested.filter(pixels)).toEqual([]);
    expect(new URL(page.url()).pathname).not.toContain(dubois.ins.id);
    expect(new URL(page.url()).pathname).not.toContain(martin.ins.id);

    await chooser.getByRole('button', { name: new RegExp(`de ${dubois.familyName}`, 'i') }).click();
    await expect(page).toHaveURL(/\/study\//);
    await expectOnlyHerSeries(page, requested);
    await expect(page.getByTestId('isolation-notice')).toContainText('plusieurs patients');
  });

  test('a study key naming no patient: the viewer asks whose series to open, and shows none before', async ({
    page,
  }) => {
    test.slow();
    const requested = requestsOf(page);
    const key = await studyKeyFor('medecin', planted.studyInstanceUID, [planted.sourceId]);
    await loginThroughIdp(page, 'medecin');
    await page.evaluate((path) => {
      window.history.pushState({}, '', path);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, `/study/${key}`);
    const chooser = page.getByTestId('patient-chooser');
    await expect(chooser).toBeVisible({ timeout: 30_000 });
    await expect(chooser.getByRole('listitem')).toHaveCount(2);
    await expect(chooser).toContainText(dubois.familyName);
    await expect(page.getByTestId('viewport-0')).toHaveCount(0);
    expect(requested.filter((url) => /\/(frames|rendered|metadata)\b/.test(url))).toEqual([]);

    await chooser
      .getByRole('button', { name: new RegExp(`séries de ${dubois.familyName}`, 'i') })
      .click();
    await expectOnlyHerSeries(page, requested);
  });
});

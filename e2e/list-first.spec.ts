// The professional's search and study list, as a GP meets them (issue 18), against the real
// local region with the sample-data manifest as truth: the list in view on a laptop and a
// phone, a few Tab presses away; filters applied to what the sources already answered
// (the request log shows no new search); a search that never leaves a stale result; the
// archive's consent said the same way everywhere, and offered in place from an IID link;
// and a home page that asks the sources how they are without naming any patient.
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { ManifestStudy } from '../dev/sample-data/manifest';
import { demoAccessToken, readManifest, readStackInfo } from '../dev/stack/stackInfo';
import { withdrawConsents } from './support/consents';
import { loginThroughIdp } from './support/login';
import { recordSourceSearches } from './support/sourceSearches';

const stack = readStackInfo();
const manifest = readManifest(stack);
const archive = stack.sources.find((s) => s.kind === 'regional');
if (!archive) throw new Error('the stack has no regional archive');
const isDrimbox = (id: string) => stack.sources.find((s) => s.id === id)?.kind === 'drimbox';

const dubois = manifest.patients.find((p) => p.key === 'dubois');
if (!dubois?.ins) throw new Error('the manifest has no dubois with an INS');
const ins = dubois.ins;
const duboisStudies = manifest.studies.filter((s) => s.patientKey === 'dubois');
/** What a GP sees without consent: the studies some DRIMbox holds. */
const visible = duboisStudies.filter((s) => s.sourceIds.some(isDrimbox));
const archiveOnly = duboisStudies.filter((s) => s.sourceIds.every((id) => id === archive.id));

const rowsOf = (page: Page): Locator => page.getByTestId('study-row');
const sourceState = (page: Page, id: string) => page.getByTestId(`studies-source-${id}`);
const uidsOf = (studies: readonly ManifestStudy[]) => studies.map((s) => s.studyInstanceUID).sort();

async function shownUids(page: Page): Promise<string[]> {
  const uids = await rowsOf(page).evaluateAll((rows) =>
    rows.map((r) => r.getAttribute('data-study-uid') ?? ''),
  );
  return uids.sort();
}

async function waitSettled(page: Page): Promise<void> {
  for (const s of stack.sources.filter((x) => x.kind === 'drimbox')) {
    await expect(sourceState(page, s.id)).toHaveAttribute('data-state', 'loaded');
  }
  await expect(sourceState(page, archive!.id)).toHaveAttribute('data-state', 'consentNeeded');
  await expect(rowsOf(page)).toHaveCount(visible.length);
}

async function searchByIns(page: Page, value: string): Promise<void> {
  await page.getByLabel('INS (NIR à 15 chiffres, clé comprise)').fill(value);
  await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
}

async function openDubois(page: Page): Promise<void> {
  await searchByIns(page, ins.id);
  await page.getByRole('button', { name: `Voir les examens de ${dubois!.familyName}` }).click();
  await expect(page).toHaveURL(/\/patient\/[A-Za-z0-9_-]+/);
  await waitSettled(page);
}

test.beforeEach(async () => {
  await withdrawConsents('medecin', ins.id);
});

test.describe('the list first', () => {
  for (const size of [
    { width: 1366, height: 768, name: 'a 1366×768 laptop' },
    { width: 390, height: 844, name: 'a 390×844 phone' },
  ]) {
    test(`on ${size.name}, the first study row is in view once the list has loaded`, async ({
      page,
    }) => {
      await page.setViewportSize({ width: size.width, height: size.height });
      await loginThroughIdp(page, 'medecin');
      await openDubois(page);
      const first = rowsOf(page).first();
      // Unscrolled: the page shows the row where it lays it out.
      expect(await page.evaluate(() => window.scrollY)).toBe(0);
      await expect(first).toBeInViewport();
      await expect(first.getByRole('button', { name: /^Ouvrir l’examen/ })).toBeInViewport();
      const box = await first.boundingBox();
      if (!box) throw new Error('the first row has no box');
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.y).toBeLessThan(size.height);
      test.info().annotations.push({
        type: 'measure',
        description: `${size.width}×${size.height}: first row top at y=${Math.round(box.y)} px`,
      });
      // Nothing scrolls sideways.
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
    });
  }

  test('from the top of the page to the first « Ouvrir » in at most 5 Tab presses', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await loginThroughIdp(page, 'medecin');
    await openDubois(page);
    // From the top: the page loaded afresh at this address, nothing focused yet.
    await page.reload();
    await waitSettled(page);
    const firstOpen = rowsOf(page)
      .first()
      .getByRole('button', { name: /^Ouvrir l’examen/ });
    const isFocused = (l: Locator) => l.evaluate((el) => el === document.activeElement);

    let tabs = 0;
    await page.keyboard.press('Tab');
    tabs++;
    const skip = page.getByRole('link', { name: 'Aller au contenu' });
    await expect(skip).toBeFocused();
    await page.keyboard.press('Enter');
    while (tabs < 8 && !(await isFocused(firstOpen))) {
      await page.keyboard.press('Tab');
      tabs++;
    }
    await expect(firstOpen).toBeFocused();
    test.info().annotations.push({ type: 'measure', description: `${tabs} Tab presses` });
    expect(tabs).toBeLessThanOrEqual(5);
  });

  test('filters apply to what is loaded: no new source search, CT and MG combine, DOC and KO never offered', async ({
    page,
  }) => {
    await loginThroughIdp(page, 'medecin');
    await openDubois(page);
    const searches = recordSourceSearches(page);

    const bar = page.getByTestId('filter-bar');
    await bar.getByRole('button', { name: 'Filtres', exact: true }).click();
    const box = (name: string) => bar.getByRole('checkbox', { name, exact: true });
    const imaging = [...new Set(visible.flatMap((s) => s.modalities))]
      .filter((m) => !['DOC', 'KO', 'SR', 'PR'].includes(m))
      .sort();
    const offered = async () =>
      (
        await bar
          .getByRole('group', { name: 'Modalité' })
          .getByRole('checkbox')
          .evaluateAll((els) => els.map((e) => e.parentElement?.textContent?.trim() ?? ''))
      ).sort();
    expect(await offered()).toEqual(imaging);
    await expect(box('DOC')).toHaveCount(0);
    await expect(box('KO')).toHaveCount(0);

    await box('CT').click();
    await expect(page).toHaveURL(/mod=CT/);
    const ct = visible.filter((s) => s.modalities.includes('CT'));
    await expect(rowsOf(page)).toHaveCount(ct.length);
    expect(await shownUids(page)).toEqual(uidsOf(ct));
    // The choices are still the whole list's: MG can be added.
    expect(await offered()).toEqual(imaging);
    await box('MG').click();
    await expect(box('MG')).toBeChecked();
    await expect(box('CT')).toBeChecked();
    const ctOrMg = visible.filter(
      (s) => s.modalities.includes('CT') || s.modalities.includes('MG'),
    );
    await expect(rowsOf(page)).toHaveCount(ctOrMg.length);
    expect(await shownUids(page)).toEqual(uidsOf(ctOrMg));
    await expect(bar.getByTestId('active-filter')).toHaveText([/^CT/, /^MG/]);

    // A region and a date preset too, then all cleared: still no source asked.
    await bar.getByRole('button', { name: /^Région anatomique/ }).click();
    await bar.getByRole('checkbox', { name: 'Sein' }).click();
    const mgBreast = ctOrMg.filter((s) => s.regions.includes('76752008'));
    await expect(rowsOf(page)).toHaveCount(mgBreast.length);
    // The URL is the state: a click navigates, and the radio follows once the URL changed.
    await bar.getByRole('radio', { name: '5 dernières années' }).click();
    await expect(page).toHaveURL(/date=5y/);
    await expect(bar.getByRole('radio', { name: '5 dernières années' })).toBeChecked();
    await bar.getByRole('button', { name: 'Effacer les filtres' }).click();
    await expect(rowsOf(page)).toHaveCount(visible.length);
    expect(searches, `source searches after a filter change: ${searches.join(', ')}`).toEqual([]);
  });

  test('a backwards date range is refused in French and filters nothing', async ({ page }) => {
    await loginThroughIdp(page, 'medecin');
    await openDubois(page);
    const bar = page.getByTestId('filter-bar');
    await bar.getByRole('button', { name: 'Filtres', exact: true }).click();
    await bar.getByRole('radio', { name: 'Période personnalisée' }).check();
    await bar.getByLabel('Du', { exact: true }).fill('2026-01-01');
    await bar.getByLabel('Au', { exact: true }).fill('2020-01-01');
    const problem = page.getByTestId('date-range-problem');
    await expect(problem).toHaveText(
      'La date de début (01/01/2026) est postérieure à la date de fin (01/01/2020) : corrigez la période. Aucun filtre de date n’est appliqué.',
    );
    await expect(bar.getByLabel('Du', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expect(rowsOf(page)).toHaveCount(visible.length);
    // Corrected, the range applies.
    await bar.getByLabel('Du', { exact: true }).fill('2019-01-01');
    await expect(problem).toHaveCount(0);
    const inRange = visible.filter((s) => s.studyDate >= '20190101' && s.studyDate <= '20200101');
    await expect(rowsOf(page)).toHaveCount(inRange.length);
  });

  test('sorting head to feet puts « Sein » before « Membre inférieur »', async ({ page }) => {
    await loginThroughIdp(page, 'medecin');
    await openDubois(page);
    await page.getByLabel('Trier par').selectOption({ label: 'Région (tête → pieds)' });
    await expect(page).toHaveURL(/sort=region-asc/);
    const order = await shownUidsInOrder(page);
    const byUid = new Map(visible.map((s) => [s.studyInstanceUID, s]));
    const firstOf = (region: string) =>
      order.findIndex((uid) => byUid.get(uid)?.regions.includes(region));
    const breast = firstOf('76752008');
    const lowerLimb = firstOf('61685007');
    expect(breast).toBeGreaterThanOrEqual(0);
    expect(lowerLimb).toBeGreaterThanOrEqual(0);
    expect(breast).toBeLessThan(lowerLimb);
  });
});

async function shownUidsInOrder(page: Page): Promise<string[]> {
  return rowsOf(page).evaluateAll((rows) =>
    rows.map((r) => r.getAttribute('data-study-uid') ?? ''),
  );
}

test.describe('a search that cannot mislead', () => {
  test('a new INS, even with a wrong key, clears the previous result at once', async ({ page }) => {
    await loginThroughIdp(page, 'medecin');
    await searchByIns(page, ins.id);
    const result = page.getByTestId('patient-result');
    await expect(result).toHaveCount(1);
    // The result names the patient as the sources give them, and says what it answers.
    await expect(result.getByTestId('patient-result-name')).toHaveText(/^DUBOIS Marie$/);
    await expect(result.getByTestId('patient-result-facts')).toContainText('née le');
    await expect(result.getByTestId('patient-result-facts')).toContainText('femme');
    await expect(result.getByTestId('patient-result-facts')).toContainText(`INS ${ins.id}`);
    await expect(page.getByTestId('searched-for')).toHaveText(`Résultats pour l’INS ${ins.id}`);

    const wrong = `${ins.id.slice(0, 13)}${ins.id.slice(13) === '00' ? '01' : '00'}`;
    const field = page.getByLabel('INS (NIR à 15 chiffres, clé comprise)');
    await field.fill('');
    // Typing alone drops the answer: no result beside a search it does not answer.
    await expect(result).toHaveCount(0);
    await expect(page.getByTestId('searched-for')).toHaveCount(0);
    await field.fill(wrong);
    await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
    await expect(page.getByRole('alert')).toContainText('La clé de cet INS ne correspond pas');
    await expect(result).toHaveCount(0);
    await expect(page.getByRole('button', { name: /^Voir les examens de/ })).toHaveCount(0);
  });

  test('the name + birth-date search says the archive needs consent, as the INS search does', async ({
    page,
  }) => {
    await loginThroughIdp(page, 'medecin');
    const consentWords = `${archive.label} : accès soumis au consentement du patient, non interrogée.`;

    await searchByIns(page, ins.id);
    const problems = page.getByTestId('search-source-problem');
    await expect(problems).toHaveText([consentWords]);

    const searches = recordSourceSearches(page);
    await page.getByLabel('Par nom et date de naissance').check();
    await page.getByLabel('Nom de naissance').fill(dubois.familyName);
    const b = dubois.birthDate;
    await page
      .getByLabel('Date de naissance', { exact: true })
      .fill(`${b.slice(0, 4)}-${b.slice(4, 6)}-${b.slice(6)}`);
    await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
    await expect(page.getByTestId('patient-result')).toHaveCount(1);
    await expect(problems).toHaveText([consentWords]);
    await expect(page.getByText('Requête refusée')).toHaveCount(0);
    // The archive cannot check a consent for a name: it is not asked at all.
    expect(searches.filter((p) => p.startsWith(`/dicomweb/${archive.id}/`))).toEqual([]);
  });
});

test.describe('an IID link to an exam only the archive holds', () => {
  test('offers the consent dialog in place, and opens the study once consent is recorded', async ({
    page,
  }) => {
    test.slow();
    const study = archiveOnly[0];
    if (!study) throw new Error('the manifest has no archive-only dubois study');
    const cx = encodeURIComponent(`${ins.id}^^^&${ins.issuer}&ISO`);
    await page.goto(
      `${stack.gatewayUrl}/IHEInvokeImageDisplay?requestType=STUDY&studyUID=${study.studyInstanceUID}&patientID=${cx}&patientName=DUBOIS%5EMARIE`,
    );
    await expect(page.getByLabel('Identifiant')).toBeVisible();
    await page.getByLabel('Identifiant').fill('medecin');
    await page.getByLabel('Mot de passe').fill('demo');
    await page.getByRole('button', { name: 'Se connecter' }).click();

    const problem = page.getByTestId('launch-problem');
    await expect(problem).toHaveAttribute('data-problem', 'consentNeeded');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'Consentement du patient nécessaire',
    );
    await expect(problem).toContainText(
      `La source « ${archive.label} » peut le détenir, mais elle n’est accessible qu’avec le consentement du patient.`,
    );
    await expect(problem).not.toContainText('Examen introuvable');
    await expect(problem).not.toContainText('Sources qui n’ont pas répondu');

    await page.getByTestId(`launch-consent-${archive.id}`).getByRole('button').click();
    const dialog = page.getByRole('dialog', { name: 'Recherche étendue dans l’archive régionale' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByTestId('consent-patient')).toContainText('DUBOIS');
    await dialog.getByLabel('par écrit').check();
    await dialog.getByLabel('cette consultation').check();
    await dialog.getByRole('button', { name: 'Enregistrer le consentement' }).click();

    await expect(page).toHaveURL(/\/study\/[A-Za-z0-9_%-]+$/, { timeout: 30_000 });
    await expect(page.getByTestId('viewport-0')).toHaveAttribute('data-render-state', 'rendered', {
      timeout: 30_000,
    });
    expect(page.url()).not.toContain(study.studyInstanceUID);
    await withdrawConsents('medecin', ins.id);
  });
});

test.describe('the home page’s source states', () => {
  test('name no patient: opening the home page adds nothing to Marie’s access trace', async ({
    page,
  }) => {
    const marie = await demoAccessToken('patient1', stack);
    const trace = async () => {
      const res = await fetch(`${stack.gatewayUrl}/api/fhir/AuditEvent?_count=50`, {
        headers: { authorization: `Bearer ${marie}` },
      });
      expect(res.status).toBe(200);
      const bundle = (await res.json()) as {
        entry?: { fullUrl: string; resource: Record<string, unknown> }[];
      };
      return (bundle.entry ?? []).filter((e) => e.fullUrl.startsWith('AuditEvent/'));
    };
    const seqOf = (fullUrl: string) => Number(fullUrl.split('/')[1]);
    const before = await trace();
    const last = Math.max(0, ...before.map((e) => seqOf(e.fullUrl)));

    const asked: string[] = [];
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith('/dicomweb/') || path.startsWith('/api/sources/')) asked.push(path);
    });
    await loginThroughIdp(page, 'medecin');
    for (const source of stack.sources) {
      await expect(page.getByTestId(`source-status-${source.id}`)).toHaveAttribute(
        'data-state',
        source.kind === 'regional' ? 'consentNeeded' : 'online',
      );
    }
    await expect(
      page.getByText('Chaque source est interrogée sans désigner aucun patient.'),
    ).toBeVisible();
    // Each source asked once through the gateway's probe; no DICOMweb search from the page.
    expect(asked.filter((p) => p.startsWith('/dicomweb/'))).toEqual([]);
    expect(asked.sort()).toEqual(stack.sources.map((s) => `/api/sources/${s.id}/status`).sort());

    // Marie's trace: nothing new but her own reading of it.
    const after = (await trace()).filter((e) => seqOf(e.fullUrl) > last);
    for (const e of after) {
      expect(JSON.stringify(e.resource), 'a professional in Marie’s trace').not.toContain('"PROV"');
      expect(JSON.stringify(e.resource)).toContain('audit-read');
    }
  });
});

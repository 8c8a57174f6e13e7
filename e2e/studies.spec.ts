// The federated study list against the real local region, with the generator's manifest
// as truth: every DRIMbox's studies of a patient, once each, with a badge per source.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { loginThroughIdp } from './support/login';
import { readManifest, readStackInfo, setSourceRunning } from '../dev/stack/stackInfo';
import type { ManifestStudy } from '../dev/sample-data/manifest';

const stack = readStackInfo();
const manifest = readManifest(stack);
const THORAX = '67734004';

function patient(key: string) {
  const p = manifest.patients.find((x) => x.key === key);
  if (!p) throw new Error(`no patient ${key} in the manifest`);
  return p;
}

function studiesOf(key: string): ManifestStudy[] {
  return manifest.studies.filter((s) => s.patientKey === key);
}

const isDrimbox = (id: string) => stack.sources.find((s) => s.id === id)?.kind === 'drimbox';
const archive = stack.sources.find((s) => s.kind === 'regional');

async function setSourceDelay(id: string, ms: number): Promise<void> {
  const res = await fetch(`${stack.controlUrl}/sources/${id}/delay/${ms}`, { method: 'POST' });
  if (res.status !== 204) throw new Error(`control API: ${res.status} ${await res.text()}`);
}

async function searchByIns(page: Page, ins: string): Promise<void> {
  await page.getByLabel('INS (NIR à 15 chiffres, clé comprise)').fill(ins);
  await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
}

async function openPatientByIns(page: Page, key: string): Promise<void> {
  const p = patient(key);
  if (!p.ins) throw new Error(`${key} has no INS`);
  await searchByIns(page, p.ins.id);
  const result = page.getByTestId('patient-result');
  await expect(result).toHaveCount(1);
  await result.getByRole('button', { name: `Voir les examens de ${p.familyName}` }).click();
  await expect(page).toHaveURL(/\/patient\/[A-Za-z0-9_-]+/);
}

function rowsOf(page: Page): Locator {
  return page.getByTestId('study-row');
}

async function shownUids(page: Page): Promise<string[]> {
  const uids = await rowsOf(page).evaluateAll((rows) =>
    rows.map((r) => r.getAttribute('data-study-uid') ?? ''),
  );
  return uids.sort();
}

function sourceState(page: Page, id: string): Locator {
  return page.getByTestId(`studies-source-${id}`);
}

/** Waits for every DRIMbox to answer; the archive either answers or asks for consent. */
async function waitSettled(page: Page): Promise<'loaded' | 'consentNeeded'> {
  for (const s of stack.sources.filter((x) => x.kind === 'drimbox')) {
    await expect(sourceState(page, s.id)).toHaveAttribute('data-state', 'loaded');
  }
  if (!archive) return 'loaded';
  const state = sourceState(page, archive.id);
  await expect(state).toHaveAttribute('data-state', /^(loaded|consentNeeded)$/);
  return (await state.getAttribute('data-state')) as 'loaded' | 'consentNeeded';
}

function expectedUids(
  studies: ManifestStudy[],
  archiveState: 'loaded' | 'consentNeeded',
): string[] {
  return studies
    .filter((s) => s.sourceIds.some(isDrimbox) || archiveState === 'loaded')
    .map((s) => s.studyInstanceUID)
    .sort();
}

test.describe('federated study list', () => {
  test('the multi-site patient shows exactly the manifest’s studies, archive per its consent', async ({
    page,
  }) => {
    await loginThroughIdp(page, 'medecin');
    await openPatientByIns(page, 'dubois');
    const archiveState = await waitSettled(page);
    const dubois = studiesOf('dubois');
    await expect(rowsOf(page)).toHaveCount(expectedUids(dubois, archiveState).length);
    expect(await shownUids(page)).toEqual(expectedUids(dubois, archiveState));
    // No identifier in the URL: only the opaque key.
    expect(page.url()).not.toContain(patient('dubois').ins?.id ?? '');

    for (const s of dubois.filter((x) => x.sourceIds.some(isDrimbox))) {
      const badges = rowsOf(page)
        .and(page.locator(`[data-study-uid="${s.studyInstanceUID}"]`))
        .getByTestId('source-badge');
      expect(
        await badges.evaluateAll((b) => b.map((x) => x.getAttribute('data-source-id'))),
      ).toEqual(s.sourceIds);
    }
    if (archiveState === 'loaded' && archive) {
      const archived = dubois.find((s) => (s.sourceIds as string[]).includes(archive.id));
      if (!archived) throw new Error('the manifest has no archived dubois study');
      const row = page.locator(`[data-study-uid="${archived.studyInstanceUID}"]`);
      await expect(row.getByTestId('extended-access')).toHaveText('Accès étendu');
    }
  });

  test('a study held by two DRIMboxes shows once with two badges', async ({ page }) => {
    const study = manifest.studies.find((s) => s.tags.includes('multi-site'));
    if (!study) throw new Error('no multi-site study in the manifest');
    const p = patient(study.patientKey);
    await loginThroughIdp(page, 'medecin');
    // Found by name + birth date this time.
    await page.getByLabel('Par nom et date de naissance').check();
    await page.getByLabel('Nom de naissance').fill(p.familyName);
    const b = p.birthDate;
    await page
      .getByLabel('Date de naissance', { exact: true })
      .fill(`${b.slice(0, 4)}-${b.slice(4, 6)}-${b.slice(6)}`);
    await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
    await page.getByRole('button', { name: `Voir les examens de ${p.familyName}` }).click();
    await waitSettled(page);

    const row = page.locator(`[data-study-uid="${study.studyInstanceUID}"]`);
    await expect(row).toHaveCount(1);
    const badges = row.getByTestId('source-badge');
    await expect(badges).toHaveCount(2);
    expect(await badges.evaluateAll((x) => x.map((e) => e.getAttribute('data-source-id')))).toEqual(
      study.sourceIds,
    );
    if (study.report) await expect(row.getByTestId('has-report')).toBeVisible();
  });

  test('region « Segment thoracique du tronc » + CT leaves exactly the matching studies; back undoes', async ({
    page,
  }) => {
    await loginThroughIdp(page, 'medecin');
    await openPatientByIns(page, 'dubois');
    const archiveState = await waitSettled(page);
    const all = expectedUids(studiesOf('dubois'), archiveState);
    await expect(rowsOf(page)).toHaveCount(all.length);

    // The filters fold into a compact bar (issue 18): open it, then the region list.
    await page.getByRole('button', { name: 'Filtres', exact: true }).click();
    await page.getByRole('button', { name: /^Région anatomique/ }).click();
    // The URL is the state: a click navigates, and the box follows once the URL changed.
    const thorax = page.getByRole('checkbox', { name: 'Segment thoracique du tronc' });
    await thorax.click();
    await expect(thorax).toBeChecked();
    await expect(page).toHaveURL(/region=67734004/);
    await page.getByRole('checkbox', { name: 'CT', exact: true }).click();
    await expect(page.getByRole('checkbox', { name: 'CT', exact: true })).toBeChecked();
    await expect(page).toHaveURL(/mod=CT/);
    await waitSettled(page);

    const expected = expectedUids(
      studiesOf('dubois').filter((s) => s.regions.includes(THORAX) && s.modalities.includes('CT')),
      archiveState,
    );
    expect(expected.length).toBeGreaterThan(0);
    await expect(rowsOf(page)).toHaveCount(expected.length);
    expect(await shownUids(page)).toEqual(expected);
    // The active filters are summarised in the bar, the panel closed or not.
    await expect(page.getByTestId('active-filter')).toHaveText([
      /^CT/,
      /^Segment thoracique du tronc/,
    ]);
    expect(page.url()).not.toContain(patient('dubois').ins?.id ?? '');

    await page.goBack();
    await expect(page).not.toHaveURL(/mod=CT/);
    await expect(page.getByRole('checkbox', { name: 'CT', exact: true })).not.toBeChecked();
    await page.goBack();
    await waitSettled(page);
    await expect(rowsOf(page)).toHaveCount(all.length);
  });

  test('a stopped source shows its error while the others’ rows stay', async ({ page }) => {
    const down = 'drimbox-nancy';
    const dubois = studiesOf('dubois');
    const others = dubois.filter((s) => s.sourceIds.some((id) => isDrimbox(id) && id !== down));
    const downOnly = dubois.filter((s) => s.sourceIds.length === 1 && s.sourceIds[0] === down);
    expect(others.length).toBeGreaterThan(0);
    expect(downOnly.length).toBeGreaterThan(0);

    await loginThroughIdp(page, 'medecin');
    await openPatientByIns(page, 'dubois');
    await waitSettled(page);
    await setSourceRunning(down, false);
    try {
      await page.reload();
      const state = sourceState(page, down);
      await expect(state).toHaveAttribute('data-state', 'failed');
      await expect(state).toContainText('Source injoignable');
      for (const s of others) {
        await expect(page.locator(`[data-study-uid="${s.studyInstanceUID}"]`)).toBeVisible();
      }
      for (const s of downOnly) {
        await expect(page.locator(`[data-study-uid="${s.studyInstanceUID}"]`)).toHaveCount(0);
      }

      await setSourceRunning(down, true);
      await state.getByRole('button', { name: /Réessayer/ }).click();
      await expect(state).toHaveAttribute('data-state', 'loaded');
      for (const s of downOnly) {
        await expect(page.locator(`[data-study-uid="${s.studyInstanceUID}"]`)).toBeVisible();
      }
    } finally {
      await setSourceRunning(down, true);
    }
  });

  test('a slow source does not delay the others’ rows', async ({ page }) => {
    const slow = 'drimbox-reims';
    const dubois = studiesOf('dubois');
    const fast = dubois.filter((s) => s.sourceIds.some((id) => isDrimbox(id) && id !== slow));
    const slowOnly = dubois.filter((s) => s.sourceIds.length === 1 && s.sourceIds[0] === slow);
    expect(slowOnly.length).toBeGreaterThan(0);

    await loginThroughIdp(page, 'medecin');
    await setSourceDelay(slow, 4_000);
    try {
      await openPatientByIns(page, 'dubois');
      for (const s of fast) {
        await expect(page.locator(`[data-study-uid="${s.studyInstanceUID}"]`)).toBeVisible();
      }
      // The fast sources' rows are there while the slow one is still being asked.
      await expect(sourceState(page, slow)).toHaveAttribute('data-state', 'loading');
      for (const s of slowOnly) {
        await expect(page.locator(`[data-study-uid="${s.studyInstanceUID}"]`)).toHaveCount(0);
      }
      await expect(sourceState(page, slow)).toHaveAttribute('data-state', 'loaded');
      for (const s of slowOnly) {
        await expect(page.locator(`[data-study-uid="${s.studyInstanceUID}"]`)).toBeVisible();
      }
    } finally {
      await setSourceDelay(slow, 0);
    }
  });

  test('hostile HTML in a description shows as text', async ({ page }) => {
    const hostile = manifest.studies.find((s) => s.tags.includes('html-description'));
    if (!hostile) throw new Error('no html-description study in the manifest');
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    await loginThroughIdp(page, 'medecin');
    await openPatientByIns(page, hostile.patientKey);
    const row = page.locator(`[data-study-uid="${hostile.studyInstanceUID}"]`);
    await expect(row.getByTestId('study-description')).toHaveText(hostile.description);
    await expect(row.locator('img, b')).toHaveCount(0);
    expect(dialogs).toBe(0);
  });

  test('a mistyped INS is refused in French before any search', async ({ page }) => {
    await loginThroughIdp(page, 'medecin');
    const ins = patient('dubois').ins?.id ?? '';
    const wrong = `${ins.slice(0, 13)}${ins.slice(13) === '00' ? '01' : '00'}`;
    await searchByIns(page, wrong);
    await expect(page.getByRole('alert')).toContainText('La clé de cet INS ne correspond pas');
    await expect(page.getByTestId('patient-result')).toHaveCount(0);
  });

  test('a patient sees their own studies on the home page', async ({ page }) => {
    await loginThroughIdp(page, 'patient1');
    await expect(page.getByRole('heading', { name: 'Mes examens d’imagerie' })).toBeVisible();
    const archiveState = await waitSettled(page);
    expect(await shownUids(page)).toEqual(expectedUids(studiesOf('dubois'), archiveState));
  });

  test('on a phone the rows are cards and nothing scrolls sideways', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await loginThroughIdp(page, 'medecin');
    await openPatientByIns(page, 'dubois');
    await waitSettled(page);
    const row = rowsOf(page).first();
    await expect(row).toBeVisible();
    // A card (a compact grid since issue 18), not a table row.
    expect(['block', 'grid']).toContain(await row.evaluate((r) => getComputedStyle(r).display));
    await expect(row.getByRole('button', { name: /^Ouvrir l’examen/ })).toBeVisible();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
  });
});

// Downloads from the viewer, on the real stack: the image on screen (a PNG that decodes and
// is not blank) and the whole study (a ZIP holding every instance and a DICOMDIR dcmtk
// reads), each only after the health-data step — Cancel, or Escape, saves nothing and
// records nothing. A patient saves her own study the same way.
import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Download, type Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { readManifest, readStackInfo } from '../dev/stack/stackInfo';
import { readStudyZip } from '../server/testing/studyZipContents';
import { accessTokenFor, studyKeyFor } from './support/openStudyAs';
import { dragBetween, openInViewer, studyIn } from './support/viewerPage';

const stack = readStackInfo();
const manifest = readManifest(stack);

/** Counts what would betray a download: a file handed over, an export recorded, a ticket. */
function watchDownloads(page: Page): { files: Download[]; requests: string[] } {
  const seen = { files: [] as Download[], requests: [] as string[] };
  page.on('download', (d) => seen.files.push(d));
  page.on('request', (r) => {
    if (/\/api\/(studies\/[^/]+\/(exports|download)|downloads\/)/.test(r.url())) {
      seen.requests.push(r.url());
    }
  });
  return seen;
}

/** Serious or critical axe violations inside `selector` (as e2e/accessibility.spec.ts counts them). */
async function seriousViolations(page: Page, selector: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .include(selector)
    .analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

/** Grey-level spread, and how many pixels are coloured (an annotation; a CT is grey). */
function pixelsOf(png: PNG): { width: number; height: number; variance: number; coloured: number } {
  let sum = 0;
  let sumSq = 0;
  let coloured = 0;
  const n = png.width * png.height;
  for (let i = 0; i < n; i++) {
    const [r = 0, g = 0, b = 0] = png.data.subarray(i * 4, i * 4 + 3);
    sum += r;
    sumSq += r * r;
    if (Math.abs(r - g) > 60 || Math.abs(g - b) > 60) coloured++;
  }
  return { width: png.width, height: png.height, variance: sumSq / n - (sum / n) ** 2, coloured };
}

async function openMenu(page: Page): Promise<void> {
  const trigger = page.getByRole('button', { name: 'Télécharger', exact: true });
  if ((await trigger.getAttribute('aria-expanded')) !== 'true') await trigger.click();
}

async function confirmDialog(page: Page): Promise<void> {
  const dialog = page.getByRole('dialog', { name: 'Ce fichier contient des données de santé' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('sous votre responsabilité');
  await dialog.getByRole('button', { name: 'Je comprends, télécharger' }).click();
}

async function downloadStudyZip(page: Page): Promise<Buffer> {
  await openMenu(page);
  await page.getByRole('button', { name: 'Examen complet (ZIP DICOM)' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    confirmDialog(page),
  ]);
  expect(download.suggestedFilename()).toMatch(/^examen-\d{8}\.zip$/);
  return fs.readFileSync(await download.path());
}

test.describe('downloads, after the health-data step', () => {
  test('a GP saves the image on screen as PNG, and the whole study as a DICOM ZIP', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    const study = studyIn(manifest, 'dubois-ct-thorax-2026');
    await openInViewer(page, study, 'medecin');
    const seen = watchDownloads(page);

    // Cancel, then Escape: nothing saved, nothing recorded.
    await openMenu(page);
    expect(await seriousViolations(page, '[data-testid="download-menu"]')).toEqual([]);
    await page.getByRole('button', { name: 'Image (PNG)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ce fichier contient des données de santé' });
    await expect(dialog).toBeVisible();
    // « Annuler » has the focus: a stray Enter saves nothing.
    await expect(dialog.getByRole('button', { name: 'Annuler' })).toBeFocused();
    expect(await seriousViolations(page, '[data-testid="download-confirm"]')).toEqual([]);
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await expect(dialog).toBeHidden();
    await openMenu(page);
    await page.getByRole('button', { name: 'Examen complet (ZIP DICOM)' }).click();
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    expect(seen.files).toHaveLength(0);
    expect(seen.requests).toEqual([]);

    // The image, by keyboard: the PNG of what the view shows, not a blank canvas.
    await openMenu(page);
    await page.getByRole('button', { name: 'Image (PNG)' }).focus();
    await page.keyboard.press('Enter');
    await expect(dialog).toBeVisible();
    const [image] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Je comprends, télécharger' }).press('Enter'),
    ]);
    expect(image.suggestedFilename()).toBe('image.png');
    const plain = pixelsOf(PNG.sync.read(fs.readFileSync(await image.path())));
    expect(plain.width).toBeGreaterThan(100);
    expect(plain.height).toBeGreaterThan(100);
    expect(plain.variance).toBeGreaterThan(0);
    // A CT in grey levels, and nothing drawn over it.
    expect(plain.coloured).toBe(0);
    expect(seen.requests.filter((u) => u.endsWith('/exports'))).toHaveLength(1);

    // A length drawn on the image, saved « avec annotations »: the line is in the file.
    await page.getByTestId('tool-length').click();
    const box = (await page.getByTestId('viewport-0').boundingBox())!;
    const y = box.y + box.height * 0.5;
    await dragBetween(page, [box.x + box.width * 0.3, y], [box.x + box.width * 0.7, y]);
    await openMenu(page);
    await page.getByLabel('Avec annotations').check();
    await page.getByRole('button', { name: 'Image (PNG)' }).click();
    await expect(dialog).toContainText('avec ses annotations');
    const [annotated] = await Promise.all([page.waitForEvent('download'), confirmDialog(page)]);
    const withLine = pixelsOf(PNG.sync.read(fs.readFileSync(await annotated.path())));
    expect(withLine.coloured).toBeGreaterThan(50);

    // The same as JPEG: a JPEG file.
    await openMenu(page);
    await page.getByLabel('Avec annotations').uncheck();
    await page.getByRole('button', { name: 'Image (JPEG)' }).click();
    const [jpeg] = await Promise.all([page.waitForEvent('download'), confirmDialog(page)]);
    expect(jpeg.suggestedFilename()).toBe('image.jpg');
    const jpegBytes = fs.readFileSync(await jpeg.path());
    expect([...jpegBytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect(jpegBytes.length).toBeGreaterThan(5000);
    expect(seen.requests.filter((u) => u.endsWith('/exports'))).toHaveLength(3);

    // The whole study: every instance the source holds, and a DICOMDIR naming each file.
    const zip = await readStudyZip(await downloadStudyZip(page));
    expect(zip.sopUids.size).toBe(study.numberOfInstances);
    expect(new Set(zip.sopUids.values()).size).toBe(study.numberOfInstances);
    for (const series of study.series) {
      expect([...zip.sopUids.values()]).toContain(series.firstSopInstanceUID);
    }
    expect([...zip.dicomdirFiles].sort()).toEqual([...zip.sopUids.keys()].sort());
    expect(zip.dicomdirDump).toContain('MediaStorageDirectoryStorage');
  });

  test('a patient saves her own study, not another’s, and finds it in « Mes accès »', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    const study = studyIn(manifest, 'dubois-mg-2026');
    await openInViewer(page, study, 'patient1');
    const zip = await readStudyZip(await downloadStudyZip(page));
    expect(zip.sopUids.size).toBe(study.numberOfInstances);
    expect(zip.dicomdirDump).toContain('DUBOIS^MARIE');

    // Jean's study, asked with Marie's account: refused by the gateway, whatever the page does.
    const jean = manifest.studies.find((s) => s.patientKey === 'martin')!;
    const key = await studyKeyFor('patient1', jean.studyInstanceUID, jean.sourceIds);
    const refused = await fetch(`${stack.gatewayUrl}/api/studies/${key}/download.zip`, {
      headers: { authorization: `Bearer ${await accessTokenFor('patient1')}` },
    });
    expect(refused.status).toBe(403);

    // The same from her list, without opening the study: the row's own download button.
    await page.getByRole('link', { name: 'Retour à l’accueil' }).click();
    const escaped = study.description.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    await page
      .getByRole('button', { name: new RegExp(`^Télécharger l’examen du .*\\(${escaped}\\)`) })
      .click();
    const [fromList] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      confirmDialog(page),
    ]);
    const listed = await readStudyZip(fs.readFileSync(await fromList.path()));
    expect([...listed.sopUids.keys()].sort()).toEqual([...zip.sopUids.keys()].sort());

    await page.getByTestId('my-access-link').click();
    // Her own viewing, with the download among what was done.
    const own = page
      .locator('[data-testid="access-session"][data-actor="patient"]')
      .filter({ hasText: 'téléchargement' });
    await expect(own.first()).toBeVisible({ timeout: 30_000 });
  });
});

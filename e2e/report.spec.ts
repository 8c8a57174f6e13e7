// The report beside the images: a CDA report's French narrative shown as text, a PDF in the
// browser's viewer with its download link, and "no report yet" said plainly.
// The hostile-CDA case is covered by src/domain/reports/cdaNarrative.test.ts: the viewer
// does not yet show a report for a study that holds no image (issue 4 note).
import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { readManifest, readStackInfo } from '../dev/stack/stackInfo';
import type { ManifestStudy } from '../dev/sample-data/manifest';
import { openStudyAs } from './support/openStudyAs';

const stack = readStackInfo();
const manifest = readManifest(stack);
const SOURCE = 'drimbox-nancy';
const nancy = stack.sources.find((s) => s.id === SOURCE);
if (!nancy) throw new Error(`the stack has no ${SOURCE}`);

function studyWith(report: 'pdf' | 'cda' | null): ManifestStudy {
  const found = manifest.studies.find(
    (s) => s.sourceIds.includes(SOURCE) && (s.report?.kind ?? null) === report,
  );
  if (!found) throw new Error(`the sample has no ${report ?? 'report-less'} study at ${SOURCE}`);
  return found;
}

async function openOnNancy(page: Page, studyInstanceUID: string): Promise<void> {
  await openStudyAs(page, 'medecin', { studyInstanceUID, sourceIds: [SOURCE] });
  await expect(page.getByTestId('report-panel')).toBeVisible();
}

test.describe('the report beside the images', () => {
  test('a CDA report shows its French narrative and header as text', async ({ page }) => {
    const study = studyWith('cda');
    const report = study.report;
    if (!report) throw new Error('unreachable');
    await openOnNancy(page, study.studyInstanceUID);

    const panel = page.getByTestId('report-panel');
    await expect(panel).toHaveAttribute('data-state', 'found');
    const cda = panel.getByTestId('report-cda');
    await expect(cda).toBeVisible();
    await expect(cda.getByRole('heading', { name: report.title })).toBeVisible();
    // The manifest's text: title, patient, exam, site, then the narrative lines.
    const lines = report.text.split('\n');
    for (const line of lines.slice(4)) await expect(cda).toContainText(line);
    await expect(cda).toContainText('Auteur');
    await expect(panel.getByRole('heading', { name: 'Compte rendu', level: 2 })).toBeVisible();
  });

  test('a PDF report shows in a frame, with its download link and the real PDF bytes', async ({
    page,
  }) => {
    const study = studyWith('pdf');
    await openOnNancy(page, study.studyInstanceUID);

    const panel = page.getByTestId('report-panel');
    const frame = panel.getByTestId('report-pdf-frame');
    await expect(frame).toBeVisible();
    await expect(frame).toHaveAttribute('src', /^blob:/);
    const link = panel.getByRole('link', { name: 'Télécharger le compte rendu (PDF)' });
    await expect(link).toHaveAttribute('download', /\.pdf$/);

    // What the link hands over is the document itself: a PDF of real size.
    expect(await link.getAttribute('href')).toMatch(/^blob:/);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const bytes = fs.readFileSync(await download.path());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(500);
    expect(download.suggestedFilename()).toBe('compte-rendu.pdf');
  });

  test('a study without a report says so plainly', async ({ page }) => {
    const study = studyWith(null);
    await openOnNancy(page, study.studyInstanceUID);
    const panel = page.getByTestId('report-panel');
    await expect(panel).toHaveAttribute('data-state', 'none');
    await expect(panel).toContainText('Pas encore de compte rendu pour cet examen.');
  });
});

// The report beside the images: a CDA report's French narrative shown as text, a PDF in the
// browser's viewer with its download link, and "no report yet" said plainly.
// The report column is there with the first image's preview, before the image viewer's code
// has run; a PDF comes at once to a GP, after the images to a radiologist
// (src/domain/viewer/reportTiming.ts).
// The hostile-CDA case is covered by src/domain/reports/cdaNarrative.test.ts.
import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { readManifest, readStackInfo } from '../dev/stack/stackInfo';
import type { ManifestStudy } from '../dev/sample-data/manifest';
import { CORNERSTONE_CHUNK, IMAGE_DATA, holdRequests } from './support/holdRequests';
import { openStudyAs } from './support/openStudyAs';

const stack = readStackInfo();
// A frame for Cornerstone — not the source's rendering of it that the preview shows.
const FRAME = /\/frames\/\d+$/;
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

test.describe('the report does not wait for the image viewer', () => {
  test('a CDA report is read while the viewer’s code loads, and stays put when the viewer takes over', async ({
    page,
  }) => {
    const study = studyWith('cda');
    const release = await holdRequests(page, CORNERSTONE_CHUNK);
    await openStudyAs(page, 'medecin', {
      studyInstanceUID: study.studyInstanceUID,
      sourceIds: [SOURCE],
    });

    await expect(page.getByTestId('viewer-loading')).toBeVisible();
    const cda = page.getByTestId('report-cda');
    await expect(cda).toBeVisible();
    await expect(page.getByTestId('viewer')).toHaveCount(0);
    // Marks this very element: a report panel mounted anew would not carry the mark.
    await cda.evaluate((el) => el.setAttribute('data-seen-before-viewer', 'yes'));

    release();
    await expect(page.getByTestId('viewport-0')).toHaveAttribute('data-render-state', 'rendered', {
      timeout: 60_000,
    });
    await expect(page.getByTestId('viewer-loading')).toHaveCount(0);
    await expect(cda).toHaveAttribute('data-seen-before-viewer', 'yes');
  });

  test('a GP has the PDF at once, before the first image has come', async ({ page }) => {
    const study = studyWith('pdf');
    await holdRequests(page, IMAGE_DATA);
    await openStudyAs(page, 'medecin', {
      studyInstanceUID: study.studyInstanceUID,
      sourceIds: [SOURCE],
    });

    await expect(page.getByTestId('report-pdf-frame')).toHaveAttribute('src', /^blob:/);
    await expect(page.getByTestId('report-slot')).toHaveAttribute('data-pdf-hold', 'none');
    await expect(page.getByTestId('viewport-0')).not.toHaveAttribute(
      'data-render-state',
      'rendered',
    );
  });
});

test.describe('a radiologist has the images first, the PDF after', () => {
  test('the PDF waits for the first series, its download ready meanwhile', async ({ page }) => {
    const study = studyWith('pdf');
    const release = await holdRequests(page, IMAGE_DATA);
    await openStudyAs(page, 'radiologue', {
      studyInstanceUID: study.studyInstanceUID,
      sourceIds: [SOURCE],
    });

    const panel = page.getByTestId('report-panel');
    await expect(panel.getByTestId('report-pdf-on-hold')).toContainText(
      'Le compte rendu s’affiche une fois les images chargées.',
    );
    await expect(panel.getByTestId('report-pdf-frame')).toHaveCount(0);
    const link = panel.getByRole('link', { name: 'Télécharger le compte rendu (PDF)' });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const bytes = fs.readFileSync(await download.path());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    release();
    await expect(page.getByTestId('viewport-0')).toHaveAttribute('data-render-state', 'rendered', {
      timeout: 60_000,
    });
    await expect(panel.getByTestId('report-pdf-frame')).toHaveAttribute('src', /^blob:/);
    await expect(panel.getByTestId('report-pdf-on-hold')).toHaveCount(0);
    await expect(page.getByTestId('report-slot')).toHaveAttribute('data-pdf-hold', 'images-in');
  });

  test('asked for, the PDF shows at once', async ({ page }) => {
    const study = studyWith('pdf');
    await holdRequests(page, IMAGE_DATA);
    await openStudyAs(page, 'radiologue', {
      studyInstanceUID: study.studyInstanceUID,
      sourceIds: [SOURCE],
    });

    await page.getByRole('button', { name: 'Afficher maintenant' }).click();
    await expect(page.getByTestId('report-pdf-frame')).toHaveAttribute('src', /^blob:/);
    await expect(page.getByTestId('report-slot')).toHaveAttribute('data-pdf-hold', 'asked');
  });

  test('a first image that cannot be had does not keep the PDF back', async ({ page }) => {
    const study = studyWith('pdf');
    await page.route(FRAME, (route) => route.fulfill({ status: 500, body: 'panne' }));
    await openStudyAs(page, 'radiologue', {
      studyInstanceUID: study.studyInstanceUID,
      sourceIds: [SOURCE],
    });

    await expect(page.getByTestId('viewport-0')).toHaveAttribute('data-render-state', 'error', {
      timeout: 60_000,
    });
    await expect(page.getByTestId('report-pdf-frame')).toHaveAttribute('src', /^blob:/);
    // Let go because the series settled, not by the time limit of a slow source.
    await expect(page.getByTestId('report-slot')).toHaveAttribute('data-pdf-hold', 'images-in');
  });

  test('a source slow to give the images holds the PDF back a few seconds at most', async ({
    page,
  }) => {
    const study = studyWith('pdf');
    await holdRequests(page, IMAGE_DATA);
    await openStudyAs(page, 'radiologue', {
      studyInstanceUID: study.studyInstanceUID,
      sourceIds: [SOURCE],
    });

    await expect(page.getByTestId('report-pdf-on-hold')).toBeVisible();
    await expect(page.getByTestId('report-pdf-frame')).toHaveAttribute('src', /^blob:/, {
      timeout: 20_000,
    });
    await expect(page.getByTestId('report-slot')).toHaveAttribute('data-pdf-hold', 'timed-out');
    await expect(page.getByTestId('viewport-0')).not.toHaveAttribute(
      'data-render-state',
      'rendered',
    );
  });
});

// The report beside the images: a CDA report's French narrative shown as text, a PDF in the
// browser's viewer with its download link, "no report yet" said plainly — and a hostile
// CDA (script, event handlers, HTML) shown as inert text.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test, type Page } from '@playwright/test';
import { readManifest, readStackInfo } from '../dev/stack/stackInfo';
import type { ManifestStudy } from '../dev/sample-data/manifest';
import { openStudyAs } from './support/openStudyAs';

const run = promisify(execFile);
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

    // What the frame and the link point at is the document itself, typed as a PDF.
    const href = await link.getAttribute('href');
    expect(href).toMatch(/^blob:/);
    const blob = await page.evaluate(async (url) => {
      const b = await (await fetch(url)).blob();
      return { type: b.type, head: await b.slice(0, 5).text(), size: b.size };
    }, href ?? '');
    expect(blob).toMatchObject({ type: 'application/pdf', head: '%PDF-' });
    expect(blob.size).toBeGreaterThan(500);

    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('compte-rendu.pdf');
  });

  test('a study without a report says so plainly', async ({ page }) => {
    const study = studyWith(null);
    await openOnNancy(page, study.studyInstanceUID);
    const panel = page.getByTestId('report-panel');
    await expect(panel).toHaveAttribute('data-state', 'none');
    await expect(panel).toContainText('Pas encore de compte rendu pour cet examen.');
  });

  test.describe('a hostile CDA', () => {
    const studyInstanceUID = `2.25.${BigInt(`0x${randomBytes(15).toString('hex')}`).toString()}`;
    let orthancId = '';

    test.beforeAll(async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hostile-cda-'));
      try {
        const xml = path.join(dir, 'cr.xml');
        fs.writeFileSync(
          xml,
          `<?xml version="1.0" encoding="UTF-8"?>
<ClinicalDocument xmlns="urn:hl7-org:v3" xmlns:h="http://www.w3.org/1999/xhtml">
  <title>CR &lt;b&gt;piégé&lt;/b&gt;</title>
  <effectiveTime value="20260101120000+0100"/>
  <component><structuredBody><component><section>
    <title>Compte rendu</title>
    <text>
      <paragraph>Texte &lt;img src=x onerror="window.__pwned=1"&gt; à lire tel quel.</paragraph>
      <script>window.__pwned = 2;</script>
      <h:img src="x" onerror="window.__pwned = 3"/>
      <paragraph onclick="window.__pwned = 4"><content styleCode="Bold" onmouseover="window.__pwned = 5">Conclusion : examen normal.</content></paragraph>
      <paragraph><linkHtml href="javascript:window.__pwned=6">lien piégé</linkHtml></paragraph>
    </text>
  </section></component></structuredBody></component>
</ClinicalDocument>
`,
        );
        const dcm = path.join(dir, 'cr.dcm');
        await run('cda2dcm', [
          '+ov',
          '+t',
          'CR piege',
          '+pn',
          'TEST^HOSTILE',
          '+pi',
          'HOSTILE-1',
          '-k',
          `0020,000D=${studyInstanceUID}`,
          xml,
          dcm,
        ]);
        const res = await fetch(`${nancy.orthancUrl}/instances`, {
          method: 'POST',
          body: fs.readFileSync(dcm),
        });
        if (!res.ok) throw new Error(`upload: HTTP ${res.status} ${await res.text()}`);
        orthancId = ((await res.json()) as { ID: string }).ID;
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    test.afterAll(async () => {
      if (orthancId)
        await fetch(`${nancy.orthancUrl}/instances/${orthancId}`, { method: 'DELETE' });
    });

    test('shows HTML as text and runs nothing of it', async ({ page }) => {
      await openOnNancy(page, studyInstanceUID);
      const cda = page.getByTestId('report-cda');
      await expect(cda).toContainText(
        'Texte <img src=x onerror="window.__pwned=1"> à lire tel quel.',
      );
      await expect(cda).toContainText('Conclusion : examen normal.');
      await expect(cda).toContainText('lien piégé');
      await expect(cda.locator('strong')).toHaveText('Conclusion : examen normal.');
      // Nothing executable or linkable came through: no element, no attribute, no effect.
      await expect(cda.locator('img, script, a, [onclick], [onmouseover], [onerror]')).toHaveCount(
        0,
      );
      await cda.locator('strong').hover();
      expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
      await expect(cda).not.toContainText('window.__pwned = 2');
    });
  });
});

// A radiologist reads today's study against the patient's earlier ones, from every site of
// the region (issue 17): the priors panel, compare mode, slice and window synchronisation,
// the mirrored mammography layout, the archive behind consent, priors fetched only when
// shown, and a prior whose source is down. The manifest's `comparisons` are the truth.
import { expect, test, type Page } from '@playwright/test';
import type { ManifestStudy } from '../dev/sample-data/manifest';
import {
  readManifest,
  readStackInfo,
  setSourceFault,
  setSourceRunning,
} from '../dev/stack/stackInfo';
import {
  comparisonOf,
  openAsRadiologist as openAs,
  openComparison,
  patientOf,
  plane,
  priorRow,
  recordRequests,
  voiOf,
  withdrawConsents,
} from './support/comparePage';
import { studyIn, viewerHook } from './support/viewerPage';

const stack = readStackInfo();
const manifest = readManifest(stack);

const ctCase = comparisonOf(manifest, 'ct-thorax-other-frame');
const mgCase = comparisonOf(manifest, 'mg-four-views');
const ctCurrent = studyIn(manifest, ctCase.currentStudy);
const ctPrior = studyIn(manifest, ctCase.proposedPrior);
const mgCurrent = studyIn(manifest, mgCase.currentStudy);
const mgPrior = studyIn(manifest, mgCase.proposedPrior);

const isPixelRequestOf = (study: ManifestStudy) => (r: { url(): string }) => {
  const url = new URL(r.url());
  return (
    url.pathname.includes(`/studies/${study.studyInstanceUID}/`) &&
    /\/frames\/|\/rendered|\/thumbnail/.test(url.pathname)
  );
};
const isMetadataRequestOf = (study: ManifestStudy) => (r: { url(): string }) => {
  const url = new URL(r.url());
  return (
    url.pathname.includes(`/studies/${study.studyInstanceUID}/`) &&
    url.pathname.endsWith('/metadata')
  );
};

const openAsRadiologist = (page: Page, study: ManifestStudy) => openAs(page, manifest, study);

test.describe('priors and compare mode', () => {
  test('the current chest CT proposes the prior held by another DRIMbox, fetches none of it, and compares on one click', async ({
    page,
  }) => {
    test.slow();
    const requests = recordRequests(page);
    await openAsRadiologist(page, ctCurrent);

    // Ranked first, proposed, with its reason and the DRIMbox that holds it.
    const panel = page.getByTestId('priors-panel');
    await expect(panel).toHaveAttribute('data-settled', 'true', { timeout: 30_000 });
    const first = panel.getByTestId('prior-row').first();
    await expect(first).toHaveAttribute('data-study-uid', ctPrior.studyInstanceUID);
    await expect(first).toHaveAttribute('data-proposed', 'true');
    expect(ctCase.sameExam).toBe(true);
    await expect(first.getByTestId('prior-reason')).toHaveText(
      `même examen, ${ctCase.yearsBefore} ans avant`,
    );
    for (const id of ctCase.priorSourceIds) {
      await expect(
        first.locator(`[data-testid="prior-source"][data-source-id="${id}"]`),
      ).toBeVisible();
      expect(ctCurrent.sourceIds).not.toContain(id);
    }

    // Nothing of the prior was asked while it was only proposed.
    expect(requests.filter(isPixelRequestOf(ctPrior))).toHaveLength(0);
    expect(requests.filter(isMetadataRequestOf(ctPrior))).toHaveLength(0);

    // One click: the prior beside the current, each with its dated header.
    await page.getByTestId('compare-toggle').click();
    await expect(page).toHaveURL(/\?compare=/);
    const prior = page.getByTestId('prior1-viewport-0');
    await expect(prior).toHaveAttribute('data-render-state', 'rendered', { timeout: 60_000 });
    await expect(page.getByTestId('viewport-0')).toHaveAttribute('data-render-state', 'rendered');
    await expect(page.getByTestId('viewport-0-header')).toContainText('Actuel');
    await expect(page.getByTestId('prior1-viewport-0-header')).toContainText('Antérieur 1');
    await expect(page.getByTestId('prior1-viewport-0-header')).toContainText(
      `${ctCase.yearsBefore} ans avant`,
    );
    const ids = await viewerHook<string[]>(page, 'imageIds', 'drim-prior1-stack-0');
    expect(ids[0]).toContain(ctPrior.studyInstanceUID);
    expect(requests.filter(isPixelRequestOf(ctPrior)).length).toBeGreaterThan(0);

    // Back leaves compare mode, the current study as it was.
    await page.goBack();
    await expect(page).not.toHaveURL(/compare=/);
    await expect(page.getByTestId('prior1-viewport-0')).toHaveCount(0);
    await expect(page.getByTestId('viewport-0')).toHaveAttribute('data-render-state', 'rendered');
  });

  test('after « Aligner » on the documented shift, the prior follows the current slice by slice and stops at its end', async ({
    page,
  }) => {
    test.slow();
    const alignment = ctCase.alignment;
    if (!alignment) throw new Error('the CT case has no alignment truth');
    expect(alignment.sameFrameOfReference).toBe(false);
    await openAsRadiologist(page, ctCurrent);
    await openComparison(page);
    await expect(page.getByTestId('compare-needs-alignment')).toBeVisible();

    // Both on the landmark (the bone sphere), each scrolled on its own.
    const currentSeries = ctCurrent.series.find(
      (x) => x.seriesInstanceUID === alignment.currentSeriesInstanceUID,
    );
    const priorSeries = ctPrior.series.find(
      (x) => x.seriesInstanceUID === alignment.priorSeriesInstanceUID,
    );
    const zOf = (series: typeof currentSeries, instance: number) => {
      const phantom = series?.phantom;
      if (phantom?.kind !== 'cross-section') throw new Error('not a cross-section');
      return phantom.firstSliceZ + (instance - 1) * phantom.sliceStepZ;
    };
    const { currentInstanceNumber, priorInstanceNumber } = alignment.matchingSlices.atLandmark;
    await goToZ(page, 'viewport-0', 'drim-stack-0', zOf(currentSeries, currentInstanceNumber));
    await goToZ(
      page,
      'prior1-viewport-0',
      'drim-prior1-stack-0',
      zOf(priorSeries, priorInstanceNumber),
    );
    await page.getByTestId('compare-align').click();
    await expect(page.getByTestId('compare-offset-1')).toContainText(
      `${alignment.shiftMm[2].toLocaleString('fr-FR', { minimumFractionDigits: 1 })} mm`,
    );
    await expect(page.getByTestId('compare-needs-alignment')).toHaveCount(0);

    // Scrolling the current moves the prior to the slice at the same level (within a slice).
    const thickness = currentSeries?.sliceThickness ?? 0;
    expect(thickness).toBeGreaterThan(0);
    await page.getByTestId('viewport-0-title').click();
    for (const step of [1, 1, 1, -1, 5]) {
      const before = await plane(page, 'drim-stack-0');
      await page.keyboard.press(step > 0 ? 'ArrowDown' : 'ArrowUp');
      if (Math.abs(step) > 1) for (let i = 1; i < step; i++) await page.keyboard.press('ArrowDown');
      await expect
        .poll(async () => (await plane(page, 'drim-stack-0')).imageIndex)
        .not.toBe(before.imageIndex);
      const current = await plane(page, 'drim-stack-0');
      await expect
        .poll(async () => {
          const prior = await plane(page, 'drim-prior1-stack-0');
          return Math.abs(
            (prior.imagePositionPatient?.[2] ?? NaN) -
              ((current.imagePositionPatient?.[2] ?? NaN) + alignment.shiftMm[2]),
          );
        })
        .toBeLessThanOrEqual(thickness);
    }

    // Towards the current's first slices the prior has none: it stops on its own first one.
    await page.keyboard.press('Home');
    const first = await plane(page, 'drim-stack-0');
    expect(first.imageIndex).toBe(0);
    const priorEnd = zOf(priorSeries, 1);
    for (let instance = currentInstanceNumber; instance > 1; instance--) {
      await goToZ(page, 'viewport-0', 'drim-stack-0', zOf(currentSeries, instance));
    }
    await expect
      .poll(async () => (await plane(page, 'drim-prior1-stack-0')).imagePositionPatient?.[2])
      .toBeCloseTo(priorEnd, 3);
    const priorState = await plane(page, 'drim-prior1-stack-0');
    expect(priorState.imageIndex).not.toBeNull();

    // The offset can be reset: the slices no longer scroll together until aligned again.
    await page.getByTestId('compare-reset-offset-1').click();
    await expect(page.getByTestId('compare-needs-alignment')).toBeVisible();
  });

  test('window sync on changes both views’ window; off, only the active one', async ({ page }) => {
    test.slow();
    await openAsRadiologist(page, ctCurrent);
    await openComparison(page);
    await expect(page.getByTestId('sync-voi')).toBeChecked();
    await page.getByTestId('viewport-0-title').click();
    await page.keyboard.press('1');
    const lung = await voiOf(page, 'drim-stack-0');
    await expect.poll(() => voiOf(page, 'drim-prior1-stack-0')).toEqual(lung);

    await page.getByTestId('sync-voi').uncheck();
    await page.getByTestId('viewport-0-title').click();
    await page.keyboard.press('2');
    await expect.poll(() => voiOf(page, 'drim-stack-0')).not.toEqual(lung);
    // The other view kept its window: give the event loop a render to prove it did not move.
    await expect(page.getByTestId('viewport-0')).toHaveAttribute('data-render-state', 'rendered');
    expect(await voiOf(page, 'drim-prior1-stack-0')).toEqual(lung);
  });
});

test.describe('mammography', () => {
  test('opens in the mirrored four-view layout, then compares current and prior per view', async ({
    page,
  }) => {
    test.slow();
    const views = mgCase.views;
    if (!views) throw new Error('the mammography case has no views');
    await openAsRadiologist(page, mgCurrent);
    await expect(page.getByTestId('protocol-select')).toHaveValue('mammoFourViews');
    const places = ['RCC', 'LCC', 'RMLO', 'LMLO'];
    const boxes = [];
    for (const [i, place] of places.entries()) {
      const pane = page.getByTestId(`viewport-${i}`);
      await expect(pane).toHaveAttribute('data-place', place);
      await expect(pane).toHaveAttribute('data-render-state', 'rendered', { timeout: 60_000 });
      const truth = views.find((v) => v.view === place);
      const ids = await viewerHook<string[]>(page, 'imageIds', `drim-stack-${i}`);
      expect(ids).toHaveLength(1);
      expect(ids[0]).toContain(truth?.current.sopInstanceUID);
      boxes.push(await pane.boundingBox());
    }
    // RCC | LCC on top, RMLO | LMLO below: right breast on the left of the screen.
    const [rcc, lcc, rmlo, lmlo] = boxes;
    expect(rcc!.x).toBeLessThan(lcc!.x);
    expect(rmlo!.x).toBeLessThan(lmlo!.x);
    expect(rcc!.y).toBeLessThan(rmlo!.y);
    expect(lcc!.y).toBeLessThan(lmlo!.y);
    // Chest walls back to back: the right breast's tissue against its right edge, the left's
    // against its left edge — what the screen shows, whichever way the files were stored.
    for (const [i, place] of places.entries()) {
      const side = await tissueSide(page, `drim-stack-${i}`, mgCurrent.series[0]!);
      expect(side, place).toBe(place.startsWith('R') ? 'right' : 'left');
    }

    // Compared: each current view beside the prior's same view, hung the same way.
    await openComparison(page);
    await expect(page.getByTestId('protocol-select')).toHaveValue('mammoCompareCC');
    for (const [n, place] of ['RCC', 'LCC'].entries()) {
      const truth = views.find((v) => v.view === place);
      await expect(page.getByTestId(`viewport-${n}`)).toHaveAttribute('data-place', place);
      const priorPane = page.getByTestId(`prior1-viewport-${n}`);
      await expect(priorPane).toHaveAttribute('data-place', place);
      await expect(priorPane).toHaveAttribute('data-render-state', 'rendered', { timeout: 60_000 });
      const ids = await viewerHook<string[]>(page, 'imageIds', `drim-prior1-stack-${n}`);
      expect(ids[0]).toContain(truth?.prior.sopInstanceUID);
      const current = await page.getByTestId(`viewport-${n}`).boundingBox();
      const prior = await priorPane.boundingBox();
      expect(Math.abs(current!.y - prior!.y)).toBeLessThan(2);
      expect(current!.x).toBeLessThan(prior!.x);
      expect(await tissueSide(page, `drim-prior1-stack-${n}`, mgPrior.series[0]!)).toBe(
        await tissueSide(page, `drim-stack-${n}`, mgCurrent.series[0]!),
      );
    }
    await page.getByTestId('protocol-select').selectOption('mammoCompareLMLO');
    await expect(page.getByTestId('prior1-viewport-0')).toHaveAttribute('data-place', 'LMLO');
    await expect(page.getByTestId('prior1-viewport-0')).toHaveAttribute(
      'data-render-state',
      'rendered',
      { timeout: 60_000 },
    );
    const lmloPrior = views.find((v) => v.view === 'LMLO')?.prior.sopInstanceUID;
    expect((await viewerHook<string[]>(page, 'imageIds', 'drim-prior1-stack-0'))[0]).toContain(
      lmloPrior,
    );
  });
});

test.describe('priors across sources', () => {
  test('an archive prior appears only once the patient’s consent is recorded', async ({ page }) => {
    test.slow();
    const archive = stack.sources.find((x) => x.kind === 'regional');
    if (!archive) throw new Error('no regional archive');
    expect(ctCase.consentOnlyPriors.length).toBeGreaterThan(0);
    await withdrawConsents(patientOf(manifest, ctCurrent).ins.id);
    await openAsRadiologist(page, ctCurrent);
    const panel = page.getByTestId('priors-panel');
    const note = panel.getByTestId(`priors-source-${archive.id}`);
    await expect(note).toHaveAttribute('data-state', 'consentNeeded', { timeout: 30_000 });
    await expect(panel).toHaveAttribute('data-settled', 'true');
    for (const key of ctCase.consentOnlyPriors) {
      await expect(priorRow(page, studyIn(manifest, key))).toHaveCount(0);
    }

    await note.getByRole('button', { name: /Recherche étendue/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Recherche étendue dans l’archive régionale' });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel('par écrit').check();
    await dialog.getByLabel('cette consultation').check();
    await dialog.getByRole('button', { name: 'Enregistrer le consentement' }).click();
    await expect(dialog).toBeHidden();

    for (const key of ctCase.consentOnlyPriors) {
      const row = priorRow(page, studyIn(manifest, key));
      await expect(row).toHaveCount(1, { timeout: 30_000 });
      await expect(row.locator(`[data-source-id="${archive.id}"]`)).toBeVisible();
    }
    await expect(panel.getByTestId('prior-row').first()).toHaveAttribute(
      'data-study-uid',
      studyIn(manifest, ctCase.proposedPriorWithConsent).studyInstanceUID,
    );
    await withdrawConsents(patientOf(manifest, ctCurrent).ins.id);
  });

  test('a prior whose source is down says so in its view; the current study stays usable', async ({
    page,
  }) => {
    test.slow();
    const [priorSource] = ctCase.priorSourceIds;
    if (!priorSource) throw new Error('no prior source');
    await openAsRadiologist(page, ctCurrent);
    await expect(priorRow(page, ctPrior)).toHaveAttribute('data-proposed', 'true', {
      timeout: 30_000,
    });
    await setSourceRunning(priorSource, false);
    try {
      await page.getByTestId('compare-toggle').click();
      const pane = page.getByTestId('prior1-viewport-0');
      await expect(pane).toHaveAttribute('data-render-state', 'error', { timeout: 60_000 });
      await expect(pane.getByRole('alert')).toContainText('ne répond pas');
      // The current study: scrolled and windowed as before.
      await page.getByTestId('viewport-0-title').click();
      const before = await plane(page, 'drim-stack-0');
      await page.keyboard.press('ArrowDown');
      await expect
        .poll(async () => (await plane(page, 'drim-stack-0')).imageIndex)
        .toBe((before.imageIndex ?? 0) + 1);
      await page.keyboard.press('1');
      await expect.poll(() => voiOf(page, 'drim-stack-0')).not.toBeNull();
      await expect(page.getByTestId('viewport-0')).toHaveAttribute('data-render-state', 'rendered');
    } finally {
      await setSourceRunning(priorSource, true);
    }
  });

  test('an archive prior whose consent was withdrawn meanwhile says so in its view; the current stays usable', async ({
    page,
  }) => {
    test.slow();
    const ins = patientOf(manifest, ctCurrent).ins.id;
    const [archiveOnlyKey] = ctCase.consentOnlyPriors;
    if (!archiveOnlyKey) throw new Error('no archive-only prior');
    const archivePrior = studyIn(manifest, archiveOnlyKey);
    await withdrawConsents(ins);
    await openAsRadiologist(page, ctCurrent);
    const panel = page.getByTestId('priors-panel');
    await expect(panel).toHaveAttribute('data-settled', 'true', { timeout: 30_000 });
    await panel.getByRole('button', { name: /Recherche étendue/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Recherche étendue dans l’archive régionale' });
    await dialog.getByLabel('par écrit').check();
    await dialog.getByLabel('cette consultation').check();
    await dialog.getByRole('button', { name: 'Enregistrer le consentement' }).click();
    const row = priorRow(page, archivePrior);
    await expect(row).toHaveCount(1, { timeout: 30_000 });

    // The patient withdraws her consent while the radiologist reads; the row is still there.
    await withdrawConsents(ins);
    try {
      await row.getByTestId('prior-compare').click();
      const pane = page.getByTestId('prior1-viewport-0');
      await expect(pane).toHaveAttribute('data-render-state', 'error', { timeout: 60_000 });
      await expect(pane.getByRole('alert')).toContainText(
        'consentement du patient n’est plus actif',
      );
      await page.getByTestId('viewport-0-title').click();
      const before = await plane(page, 'drim-stack-0');
      await page.keyboard.press('ArrowDown');
      await expect
        .poll(async () => (await plane(page, 'drim-stack-0')).imageIndex)
        .toBe((before.imageIndex ?? 0) + 1);
    } finally {
      await withdrawConsents(ins);
    }
  });

  test('studies of another patient with the same local number never appear as priors', async ({
    page,
  }) => {
    test.slow();
    // durand at Nancy and leroy at Reims are both P000123 there, under different issuers.
    const current = studyIn(manifest, 'durand-dx-wrist-2026');
    const durand = patientOf(manifest, current);
    const local = durand.localIds.find((l) => l.sourceId === 'drimbox-nancy');
    if (!local) throw new Error('durand has no Nancy number');
    const leroyStudies = manifest.studies.filter((s) => s.patientKey === 'leroy');
    const reims = leroyStudies[0]?.sourceIds[0];
    if (!reims) throw new Error('leroy has no study');
    expect(manifest.patients.find((p) => p.key === 'leroy')?.localIds[0]?.id).toBe(local.id);
    const durandOthers = manifest.studies
      .filter((s) => s.patientKey === 'durand' && s.key !== current.key)
      .map((s) => s.studyInstanceUID)
      .sort();

    // Reims answers every study it holds, whatever the patient asked for.
    await setSourceFault(reims, 'ignores-patient-filter');
    try {
      await openAs(page, manifest, current, [durand.ins, local]);
      const panel = page.getByTestId('priors-panel');
      await expect(panel).toHaveAttribute('data-settled', 'true', { timeout: 30_000 });
      const shown = await panel
        .getByTestId('prior-row')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-study-uid') ?? '').sort());
      expect(shown).toEqual(durandOthers);
      for (const s of leroyStudies) await expect(priorRow(page, s)).toHaveCount(0);
    } finally {
      await setSourceFault(reims, 'none');
    }
  });
});

// ————— helpers —————

/** Makes a view active (its header) and scrolls it with the keyboard to the slice at z. */
async function goToZ(page: Page, testId: string, viewportId: string, z: number): Promise<void> {
  const positions = await viewerHook<(number[] | null)[]>(page, 'stackPositions', viewportId);
  const index = positions.findIndex((p) => p !== null && Math.abs((p[2] ?? NaN) - z) < 1e-3);
  expect(index, `a slice at z=${z} in ${viewportId}`).toBeGreaterThanOrEqual(0);
  await page.getByTestId(`${testId}-title`).click();
  const now = (await plane(page, viewportId)).imageIndex ?? 0;
  const key = index > now ? 'ArrowDown' : 'ArrowUp';
  for (let i = 0; i < Math.abs(index - now); i++) await page.keyboard.press(key);
  await expect.poll(async () => (await plane(page, viewportId)).imageIndex).toBe(index);
}

/**
 * Which side of its view a breast image shows its tissue on, as the user sees it: the mean
 * luminance near the displayed image's left edge against near its right edge, mid-height.
 */
async function tissueSide(
  page: Page,
  viewportId: string,
  image: { rows: number; columns: number },
): Promise<'left' | 'right'> {
  const state = await viewerHook<{ imageCount: number }>(page, 'state', viewportId);
  expect(state.imageCount).toBe(1);
  const { rows, columns } = image;
  const left = await viewerHook<number[]>(page, 'pixelToPage', viewportId, 0, rows / 2);
  const right = await viewerHook<number[]>(page, 'pixelToPage', viewportId, columns - 1, rows / 2);
  const [x0, x1] = [Math.min(left[0]!, right[0]!), Math.max(left[0]!, right[0]!)];
  const y = left[1]!;
  const width = x1 - x0;
  const at = (x: number) => viewerHook<number>(page, 'luminanceAtPage', viewportId, x, y);
  const nearLeft = await at(x0 + width * 0.08);
  const nearRight = await at(x1 - width * 0.08);
  expect(
    Math.abs(nearLeft - nearRight),
    'tissue on one side, background on the other',
  ).toBeGreaterThan(30);
  return nearLeft > nearRight ? 'left' : 'right';
}

// What the compare-mode specs share: the manifest's comparison cases, a study opened as a
// radiologist the way a list click opens it (the key sealed with the patient's identifiers),
// the views' state through the test hook, and the patient's consents cleared.
import { expect, type Page, type Request } from '@playwright/test';
import type { Manifest, ManifestComparison, ManifestStudy } from '../../dev/sample-data/manifest';
import { withdrawConsents as withdrawConsentsOf } from './consents';
import { loginThroughIdp } from './login';
import { studyKeyFor } from './openStudyAs';
import { viewerHook } from './viewerPage';

export const RADIOLOGIST = 'radiologue';

interface Identifier {
  issuer: string;
  id: string;
}

export function comparisonOf(manifest: Manifest, key: string): ManifestComparison {
  const found = manifest.comparisons.find((c) => c.key === key);
  if (!found) throw new Error(`no comparison ${key} in the manifest`);
  return found;
}

export function patientOf(manifest: Manifest, study: ManifestStudy) {
  const p = manifest.patients.find((x) => x.key === study.patientKey);
  if (!p?.ins) throw new Error(`no INS for ${study.patientKey}`);
  return { ...p, ins: p.ins };
}

/** The key a list row seals: the study, where it is held, whom it was opened for (by INS). */
export function studyKeyOf(
  manifest: Manifest,
  study: ManifestStudy,
  identifiers: readonly Identifier[] = [patientOf(manifest, study).ins],
): Promise<string> {
  return studyKeyFor(RADIOLOGIST, study.studyInstanceUID, study.sourceIds, identifiers);
}

/** Every request the page makes, to check what was (not) asked of a prior's source. */
export function recordRequests(page: Page): Request[] {
  const seen: Request[] = [];
  page.on('request', (r) => seen.push(r));
  return seen;
}

/** Logs in and opens the study inside the app, as a click in the list does (no reload). */
export async function openAsRadiologist(
  page: Page,
  manifest: Manifest,
  study: ManifestStudy,
  identifiers?: readonly Identifier[],
): Promise<void> {
  await page.addInitScript(() => {
    (window as { __drimViewerTestEnabled?: boolean }).__drimViewerTestEnabled = true;
  });
  const key = await studyKeyOf(manifest, study, identifiers);
  await loginThroughIdp(page, RADIOLOGIST);
  await page.evaluate((path) => {
    window.history.pushState({}, '', path);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, `/study/${key}`);
  await expect(page.getByTestId('viewport-0')).toHaveAttribute('data-render-state', 'rendered', {
    timeout: 90_000,
  });
}

export const priorRow = (page: Page, study: ManifestStudy) =>
  page.locator(`[data-testid="prior-row"][data-study-uid="${study.studyInstanceUID}"]`);

/** « Comparer » in the toolbar: the proposed prior beside the current, both drawn. */
export async function openComparison(page: Page): Promise<void> {
  const toggle = page.getByTestId('compare-toggle');
  await expect(toggle).toBeEnabled({ timeout: 30_000 });
  await toggle.click();
  await expect(page.getByTestId('prior1-viewport-0')).toHaveAttribute(
    'data-render-state',
    'rendered',
    { timeout: 60_000 },
  );
}

export interface Plane {
  imageIndex: number | null;
  imagePositionPatient: number[] | null;
}

export const plane = (page: Page, viewportId: string) =>
  viewerHook<Plane>(page, 'imagePlane', viewportId);

export async function voiOf(page: Page, viewportId: string) {
  return (
    await viewerHook<{ voi: { lower: number; upper: number } | null }>(page, 'state', viewportId)
  ).voi;
}

/** Withdraws the radiologist's active consents for the patient (a clean start, and after). */
export async function withdrawConsents(ins: string): Promise<void> {
  await withdrawConsentsOf(RADIOLOGIST, ins);
}

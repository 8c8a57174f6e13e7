// IID `compare=auto` (our extension): a STUDY link asking for comparison opens the study as
// any link does, and the wish travels sealed in the study key — never in the viewer's URL.
import { expect, test, type Response } from '@playwright/test';
import { readManifest, readStackInfo } from '../dev/stack/stackInfo';

const stack = readStackInfo();
const manifest = readManifest(stack);
const ctThorax = manifest.studies.find((s) => s.key === 'dubois-ct-thorax-2026');
if (!ctThorax) throw new Error('manifest has no study dubois-ct-thorax-2026');

// The gateway seals the launched exam's key with the claim (server/launch/claimLookup.ts).
const isClaim = (r: Response) =>
  r.request().method() === 'POST' &&
  /^\/api\/launch\/[\w-]+\/claim$/.test(new URL(r.url()).pathname);

for (const [compare, sealed] of [
  ['auto', 'auto'],
  // Another value is a warning, not an error: the study opens alone.
  ['manual', undefined],
] as const) {
  test(`a STUDY link with compare=${compare} opens the study${sealed ? ', comparison sealed in its key' : ' alone'}`, async ({
    page,
  }) => {
    const claimed = page.waitForResponse(isClaim);
    await page.goto(
      `/IHEInvokeImageDisplay?requestType=STUDY&studyUID=${ctThorax.studyInstanceUID}&compare=${compare}`,
    );
    await expect(page.getByLabel('Identifiant')).toBeVisible();
    await page.getByLabel('Identifiant').fill('radiologue');
    await page.getByLabel('Mot de passe').fill('demo');
    await page.getByRole('button', { name: 'Se connecter' }).click();

    const body = (await (await claimed).json()) as {
      lookup?: { study?: { value: Record<string, unknown> } };
    };
    const value = body.lookup?.study?.value ?? {};
    expect(value.studyInstanceUID).toBe(ctThorax.studyInstanceUID);
    expect(value.compare).toBe(sealed);
    await expect(page).toHaveURL(/\/study\/[^/?]+$/);
    expect(page.url()).not.toContain('compare');
    await expect(page.getByTestId('viewport-0')).toHaveAttribute('data-render-state', 'rendered', {
      timeout: 30_000,
    });
  });
}

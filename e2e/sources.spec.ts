import { expect, test } from '@playwright/test';
import { loginThroughIdp } from './support/login';
import { readStackInfo, setSourceRunning } from '../dev/stack/stackInfo';

const stack = readStackInfo();

test.describe('a GP sees every source of the region', () => {
  test('logs in through the IdP: DRIMboxes online, the archive on consent', async ({ page }) => {
    await loginThroughIdp(page, 'medecin');
    await expect(page.getByTestId('user-role')).toContainText('Professionnel de santé');
    await expect(page.getByTestId('user-name')).toContainText('LAMBERT');
    for (const source of stack.sources) {
      const card = page.getByTestId(`source-status-${source.id}`);
      if (source.kind === 'regional') {
        // The archive answers, but only with the patient's consent (issue 6): not offline.
        await expect(card).toHaveAttribute('data-state', 'consentNeeded');
        await expect(card).toContainText('Accès sur consentement');
        continue;
      }
      await expect(card).toHaveAttribute('data-state', 'online');
      await expect(card).toContainText('En ligne');
    }
    await expect(page.locator('[data-testid^="source-status-"]')).toHaveCount(stack.sources.length);
  });

  test('a stopped source shows offline with a French reason while the others answer', async ({
    page,
  }) => {
    const down = stack.sources.find((s) => s.kind === 'drimbox');
    if (!down) throw new Error('the stack has no DRIMbox');
    await loginThroughIdp(page, 'medecin');
    await expect(page.getByTestId(`source-status-${down.id}`)).toHaveAttribute(
      'data-state',
      'online',
    );

    await setSourceRunning(down.id, false);
    try {
      const card = page.getByTestId(`source-status-${down.id}`);
      await card.getByRole('button', { name: 'Réessayer' }).click();
      await expect(card).toHaveAttribute('data-state', 'offline');
      await expect(card).toContainText('Hors ligne');
      await expect(card).toContainText('injoignable');

      // The others still answer: reload, so they are queried again with the source down.
      await page.reload();
      for (const other of stack.sources.filter((s) => s.id !== down.id && s.kind !== 'regional')) {
        await expect(page.getByTestId(`source-status-${other.id}`)).toHaveAttribute(
          'data-state',
          'online',
        );
      }
      await expect(page.getByTestId(`source-status-${down.id}`)).toHaveAttribute(
        'data-state',
        'offline',
      );
    } finally {
      await setSourceRunning(down.id, true);
    }
  });
});

// The radiologist's « comparaison automatique » preference: kept in this browser for the
// user who set it — a reload keeps it, another user of the same browser does not get it, a
// patient has no such setting — and the browser keeps a boolean, nothing of any patient.
import { expect, test, type Page } from '@playwright/test';
import { loginThroughIdp } from './support/login';

const LABEL_FR = 'Ouvrir automatiquement la comparaison avec l’examen antérieur le plus pertinent';
const LABEL_EN = 'Automatically open the comparison with the most relevant prior study';

const storedPreferences = (page: Page) =>
  page.evaluate(() =>
    Object.entries(localStorage).filter(([key]) => key.startsWith('drim-viewer.preference.')),
  );

test('the auto-compare preference is set from the keyboard, survives a reload and stays with its user', async ({
  page,
}) => {
  await loginThroughIdp(page, 'radiologue');
  const menu = page.getByTestId('preferences-menu');
  const summary = menu.getByText('Préférences', { exact: true });
  const box = page.getByLabel(LABEL_FR);

  // Keyboard only: Enter opens the menu, Space ticks the box, Escape closes the menu.
  await summary.focus();
  await page.keyboard.press('Enter');
  await expect(box).toBeVisible();
  await expect(box).not.toBeChecked();
  await page.keyboard.press('Tab');
  await expect(box).toBeFocused();
  await page.keyboard.press('Space');
  await expect(box).toBeChecked();
  await expect(menu).toContainText('gardé dans ce navigateur');
  await page.keyboard.press('Escape');
  await expect(box).toBeHidden();
  await expect(summary).toBeFocused();

  expect(await storedPreferences(page)).toEqual([
    ['drim-viewer.preference.autoCompare.radiologue', 'true'],
  ]);

  await page.reload();
  await expect(page.getByTestId('user-name')).toBeVisible();
  await summary.click();
  await expect(box).toBeChecked();

  // The English label is there too.
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await expect(page.getByLabel(LABEL_EN)).toBeChecked();
  await page.getByRole('button', { name: 'FR', exact: true }).click();

  // Another user of the same browser: not set for them, and theirs changes nothing of hers.
  await page.getByTestId('logout-button').click();
  await expect(page.getByTestId('login-button')).toBeVisible();
  await loginThroughIdp(page, 'medecin');
  await summary.click();
  await expect(box).not.toBeChecked();
  await box.check();
  await box.uncheck();
  expect(await storedPreferences(page)).toEqual(
    expect.arrayContaining([
      ['drim-viewer.preference.autoCompare.radiologue', 'true'],
      ['drim-viewer.preference.autoCompare.medecin', 'false'],
    ]),
  );
});

test('a patient has no comparison preference, and nothing is stored for them', async ({ page }) => {
  await loginThroughIdp(page, 'patient1');
  await expect(page.getByTestId('studies-count')).toBeVisible();
  await expect(page.getByTestId('preferences-menu')).toHaveCount(0);
  expect(await storedPreferences(page)).toEqual([]);
});

// Logs in through the real IdP page, as a user would.
import { expect, type Page } from '@playwright/test';

export async function loginThroughIdp(
  page: Page,
  username: string,
  password = 'demo',
): Promise<void> {
  await page.goto('/');
  await page.getByTestId('login-button').click();
  await expect(page.getByLabel('Identifiant')).toBeVisible();
  await page.getByLabel('Identifiant').fill(username);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByTestId('user-name')).toBeVisible();
}

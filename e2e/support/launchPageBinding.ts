// A launch whose page comes without its sign-in (server/launch/launchPage.ts): the page's
// own binding cookie is lost on the way, so the gateway sends the plain page, and the page
// hands the code in and draws the first image itself. Playwright's routes do not see a
// redirect's next request, so the IID link's own 303 is where the cookie is dropped.
import type { Page } from '@playwright/test';

const PAGE_BINDING = /^drim-launch-binding-[\w-]+$/;

export async function dropLaunchPageBinding(page: Page): Promise<void> {
  await page.route(
    (url) => url.pathname === '/IHEInvokeImageDisplay',
    async (route) => {
      // Fetched through the context: the 303's cookies land in it, and this one goes.
      const response = await route.fetch({ maxRedirects: 0 });
      await page.context().clearCookies({ name: PAGE_BINDING });
      const headers = response.headersArray().filter((h) => h.name.toLowerCase() !== 'set-cookie');
      await route.fulfill({
        status: response.status(),
        headers: Object.fromEntries(headers.map((h) => [h.name, h.value])),
        body: '',
      });
    },
  );
}

// The federated searches a page sends to the sources from now on (QIDO studies and series),
// as paths: no identifier in a test's output.
import type { Page, Request } from '@playwright/test';

export const isSourceSearch = (r: Request): boolean =>
  r.method() === 'GET' && /^\/dicomweb\/[^/]+\/(studies|series)$/.test(new URL(r.url()).pathname);

export function recordSourceSearches(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (r) => {
    if (isSourceSearch(r)) seen.push(new URL(r.url()).pathname);
  });
  return seen;
}

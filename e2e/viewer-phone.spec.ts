// The viewer on a phone (390 × 844, an iPhone 12–15 screen in CSS pixels): nothing makes
// the page wider than the screen, the image comes first and large, every tool stays
// reachable inside the toolbar, and the series and the report follow below the image.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { readManifest, readStackInfo } from '../dev/stack/stackInfo';
import { openInViewer, studyIn } from './support/viewerPage';

const stack = readStackInfo();
const manifest = readManifest(stack);
const PHONE = { width: 390, height: 844 };

test.use({ viewport: PHONE, hasTouch: true });
// SwiftShader on a shared 2-core machine: the first image can take most of a minute.
test.setTimeout(150_000);

/** The elements wider than the screen, named, for a failure message that says what to fix. */
function overflowing(page: Page): Promise<string[]> {
  return page.evaluate((width) => {
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      const r = el.getBoundingClientRect();
      // Its box, or content spilling out of it (a line that does not wrap).
      const right = Math.max(r.right, r.left + el.scrollWidth);
      if (r.width === 0 || right <= width + 0.5) continue;
      // Inside a box that scrolls sideways on its own, being wide is the point.
      let clipped = false;
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const overflowX = getComputedStyle(p).overflowX;
        if (overflowX !== 'visible' && p.getBoundingClientRect().right <= width + 0.5) {
          clipped = true;
          break;
        }
      }
      if (!clipped) out.push(`${el.tagName.toLowerCase()}.${el.className} → ${Math.round(right)}`);
    }
    return out.slice(0, 10);
  }, PHONE.width);
}

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  if (!b) throw new Error('not laid out');
  return b;
}

test('a study fits a 390 px phone: image first, tools reachable, series and report below', async ({
  page,
}) => {
  // Two CT series, key images and a PDF report: every panel of the viewer has something.
  const study = studyIn(manifest, 'martin-ct-thorax-2026');
  const thumbnails = study.series.map((s) => page.getByTestId(`series-${s.seriesInstanceUID}`));
  await openInViewer(page, study, 'medecin');

  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth, (await overflowing(page)).join('\n')).toBeLessThanOrEqual(PHONE.width);

  // The image: rendered, first under the tools, nearly the screen's width.
  const pane = page.getByTestId('viewport-0');
  await expect(pane).toHaveAttribute('data-render-state', 'rendered');
  const image = await box(pane);
  expect(image.width).toBeGreaterThan(PHONE.width * 0.9);
  expect(image.height).toBeGreaterThan(PHONE.height * 0.4);

  // A long title is cut with an ellipsis on one line, not spread sideways.
  const title = page.getByRole('heading', { level: 1 });
  expect((await box(title)).x + (await box(title)).width).toBeLessThanOrEqual(PHONE.width);
  await expect(title).toHaveCSS('text-overflow', 'ellipsis');

  // The toolbar scrolls within itself; its last control is reached by keyboard and works.
  const toolbar = page.getByRole('toolbar');
  const bar = await box(toolbar);
  expect(bar.x + bar.width).toBeLessThanOrEqual(PHONE.width);
  const help = page.getByTestId('help-button');
  await help.focus();
  await expect(help).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();

  // Below the image: the series (as a strip), then the report.
  // The viewer picks which series to show first: the other one is tapped below.
  const pressed = await Promise.all(thumbnails.map((t) => t.getAttribute('aria-pressed')));
  const shown = thumbnails[pressed.indexOf('true')];
  const other = thumbnails[pressed.indexOf('false')];
  if (!shown || !other) throw new Error('one of two series shown expected');
  const series = await box(shown);
  const report = await box(page.getByTestId('report-slot'));
  expect(series.y).toBeGreaterThanOrEqual(image.y + image.height);
  expect(report.y).toBeGreaterThanOrEqual(series.y + series.height);
  expect(report.x + report.width).toBeLessThanOrEqual(PHONE.width);

  // A tap on the other series shows it in the viewport.
  await other.scrollIntoViewIfNeeded();
  await other.tap();
  await expect(other).toHaveAttribute('aria-pressed', 'true');
  await expect(pane).toHaveAttribute('data-render-state', 'rendered', { timeout: 60_000 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    PHONE.width,
  );
});

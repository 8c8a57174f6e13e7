// The viewer's chrome as its three users meet it (issue 18): a toolbar of icons in one row
// on a laptop and unfolding on a phone, states readable in every colour, focus on the page's
// heading after each page change, and the patient's own viewer — fewer tools, the study in
// plain French, and a notice that it informs rather than diagnoses.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { readManifest, readStackInfo } from '../dev/stack/stackInfo';
import { openInViewer, studyIn } from './support/viewerPage';

const manifest = readManifest(readStackInfo());
// SwiftShader on a shared 2-core machine: the first image can take most of a minute.
test.setTimeout(150_000);

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  if (!b) throw new Error('not laid out');
  return b;
}

/** WCAG contrast of an element's text colour on its own background colour. */
function contrastOf(locator: Locator): Promise<number> {
  return locator.evaluate((el) => {
    const rgb = (css: string) => (css.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
    const lum = ([r = 0, g = 0, b = 0]: number[]) => {
      const c = [r, g, b].map((v) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * (c[0] ?? 0) + 0.7152 * (c[1] ?? 0) + 0.0722 * (c[2] ?? 0);
    };
    const style = getComputedStyle(el);
    const a = lum(rgb(style.color));
    const b = lum(rgb(style.backgroundColor));
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  });
}

const MEASUREMENT_TOOLS = ['length', 'angle', 'ellipse', 'rectangle', 'probe'];

test.describe('on a 1366 × 768 laptop', () => {
  test.use({ viewport: { width: 1366, height: 768 } });

  test('the toolbar is one row of named icons, and its states stay readable', async ({ page }) => {
    await openInViewer(page, studyIn(manifest, 'martin-ct-thorax-2026'));
    const toolbar = page.getByTestId('viewer-toolbar');
    const bar = await box(toolbar);
    // Three rows of text buttons took 130 px; one row of icons takes well under 60.
    expect(bar.height).toBeLessThan(60);

    // Every control is in that row, none waiting behind « Plus d’outils ».
    await expect(page.getByTestId('toolbar-more')).toBeHidden();
    const ids = [
      ...['windowLevel', 'pan', 'zoom', 'scroll', ...MEASUREMENT_TOOLS].map((t) => `tool-${t}`),
      'tool-invert',
      'tool-rotate',
      'tool-flip-h',
      'tool-flip-v',
      'tool-reset',
      'tool-clear',
      'preset-select',
      'cine-toggle',
      'protocol-select',
      'layout-1x1',
      'layout-1x2',
      'layout-2x2',
      'mpr-toggle',
      'compare-toggle',
      'help-button',
    ];
    for (const id of ids) {
      const control = page.getByTestId(id);
      await expect(control, id).toBeVisible();
      const b = await box(control);
      expect(b.y, id).toBeGreaterThanOrEqual(bar.y);
      expect(b.y + b.height, id).toBeLessThanOrEqual(bar.y + bar.height);
    }

    // An icon is named for screen readers and in its tooltip, with its key.
    const length = page.getByTestId('tool-length');
    await expect(length).toHaveAccessibleName('Longueur');
    await expect(length).toHaveAttribute('data-tip', 'Longueur (L)');
    await expect(length.locator('svg')).toHaveAttribute('aria-hidden', 'true');

    // Pressed, hovered and pressed-and-hovered: light text on a dark ground, ≥ 4.5:1.
    const pressed = page.getByTestId('tool-windowLevel');
    await expect(pressed).toHaveAttribute('aria-pressed', 'true');
    await page.mouse.move(0, 0);
    expect(await contrastOf(pressed)).toBeGreaterThanOrEqual(4.5);
    await pressed.hover();
    expect(await contrastOf(pressed)).toBeGreaterThanOrEqual(4.5);
    await length.hover();
    expect(await contrastOf(length)).toBeGreaterThanOrEqual(4.5);
  });

  test('« Chargée » stays one word and the detector warning leaves the study line readable', async ({
    page,
  }) => {
    // A radiograph at the detector: the warning and the overlay's study line both show.
    const study = studyIn(manifest, 'thomas-dx-chest-2025');
    await openInViewer(page, study);
    const warning = page.getByTestId('scale-warning');
    const studyLine = page.getByTestId('overlay-study');
    await expect(warning).toBeVisible();
    await expect(studyLine).toBeVisible();
    const w = await box(warning);
    const s = await box(studyLine);
    const overlap =
      w.x < s.x + s.width && s.x < w.x + w.width && w.y < s.y + s.height && s.y < w.y + w.height;
    expect(overlap, 'the warning covers the study line').toBe(false);

    const series = study.series[0];
    if (!series) throw new Error('a series expected');
    const progress = page.getByTestId(`series-progress-${series.seriesInstanceUID}`);
    await expect(progress).toHaveAttribute('data-complete', 'true', { timeout: 60_000 });
    const loaded = page
      .getByTestId(`series-${series.seriesInstanceUID}`)
      .getByText('Chargée', { exact: true });
    await expect(loaded).toBeVisible();
    // One line box: a word broken in two would have two.
    expect(
      await loaded.evaluate((el) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        return range.getClientRects().length;
      }),
    ).toBe(1);
  });

  test('focus goes to the page’s heading after each page change', async ({ page }) => {
    await openInViewer(page, studyIn(manifest, 'martin-ct-thorax-2026'));
    const title = page.getByRole('heading', { level: 1 });
    await expect(title).toBeFocused();
    await page.getByRole('link', { name: 'Retour à l’accueil' }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.locator('main h1')).toBeFocused();
    // And keyboard users go on from there, not from the top of the document.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('main') !== null)).toBe(true);
  });
});

test.describe('on a 390 × 844 phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

  test('the row keeps looking around; « Plus d’outils » unfolds the rest and a tool is chosen', async ({
    page,
  }) => {
    await openInViewer(page, studyIn(manifest, 'martin-ct-thorax-2026'), 'medecin');
    const toolbar = page.getByTestId('viewer-toolbar');
    expect((await box(toolbar)).height).toBeLessThan(60);
    for (const id of ['tool-windowLevel', 'tool-pan', 'tool-zoom', 'tool-scroll', 'help-button']) {
      await expect(page.getByTestId(id), id).toBeInViewport();
    }
    const more = page.getByRole('button', { name: 'Plus d’outils' });
    await expect(more).toHaveAttribute('aria-expanded', 'false');
    const length = page.getByTestId('tool-length');
    await expect(length).toBeHidden();
    const image = await box(page.getByTestId('viewport-0'));

    await more.tap();
    await expect(more).toHaveAttribute('aria-expanded', 'true');
    await expect(length).toBeVisible();
    // Unfolded over the image: the image does not move.
    expect((await box(page.getByTestId('viewport-0'))).y).toBe(image.y);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );

    await length.tap();
    await expect(length).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('active-tool')).toHaveText('Outil actif : Longueur');
    // Chosen, the toolbar folds back to its row.
    await expect(more).toHaveAttribute('aria-expanded', 'false');
    await expect(length).toBeHidden();

    // From the keyboard: Entrée unfolds, Échap folds back to the button.
    await more.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('tool-angle')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(more).toHaveAttribute('aria-expanded', 'false');
    await expect(more).toBeFocused();
  });
});

async function expectNoMeasurementClutter(page: Page) {
  for (const tool of MEASUREMENT_TOOLS)
    await expect(page.getByTestId(`tool-${tool}`)).toHaveCount(0);
  for (const id of [
    'tool-clear',
    'mpr-toggle',
    'compare-toggle',
    'protocol-select',
    'layout-1x2',
    'cine-toggle',
  ]) {
    await expect(page.getByTestId(id), id).toHaveCount(0);
  }
}

test.describe('the patient’s viewer', () => {
  test('a simpler toolbar, the study in plain French and the information notice', async ({
    page,
  }) => {
    // patient1 is Marie DUBOIS; her chest CT of 2 June 2026 (« SCANNER THORAX SANS INJECTION »).
    await openInViewer(page, studyIn(manifest, 'dubois-ct-thorax-2026'), 'patient1');
    await expect(page.getByTestId('plain-study-title')).toHaveText(
      'Scanner du thorax du 2 juin 2026',
    );
    await expect(page.getByTestId('viewer-patient')).toHaveText('DUBOIS Marie');
    const notice = page.getByTestId('patient-notice');
    await expect(notice).toBeVisible();
    await expect(notice).toContainText('Document d’information, pas un outil de diagnostic');
    await expect(notice).toContainText('rayons X');

    // Looking around only: brightness and contrast, move, zoom, scroll, presets, help.
    await expectNoMeasurementClutter(page);
    await expect(page.getByTestId('tool-windowLevel')).toHaveAccessibleName(
      'Luminosité et contraste',
    );
    for (const id of ['tool-pan', 'tool-zoom', 'tool-scroll', 'preset-select', 'tool-reset']) {
      await expect(page.getByTestId(id), id).toBeVisible();
    }
    const toolbar = page.getByTestId('viewer-toolbar');
    expect((await box(toolbar)).height).toBeLessThan(60);
    await expect(page.getByTestId('toolbar-more')).toBeHidden();

    // A measurement key does nothing here either; a looking-around key does.
    await page.locator('body').press('l');
    await expect(page.getByTestId('active-tool')).toHaveText(
      'Outil actif : Luminosité et contraste',
    );
    await page.locator('body').press('z');
    await expect(page.getByTestId('active-tool')).toHaveText('Outil actif : Zoom');
  });

  test.describe('on a phone', () => {
    test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

    test('the patient’s row fits the screen; the presets are one tap away', async ({ page }) => {
      await openInViewer(page, studyIn(manifest, 'dubois-ct-thorax-2026'), 'patient1');
      await expectNoMeasurementClutter(page);
      for (const id of [
        'tool-windowLevel',
        'tool-pan',
        'tool-zoom',
        'tool-scroll',
        'help-button',
        'toolbar-more',
      ]) {
        await expect(page.getByTestId(id), id).toBeInViewport();
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        390,
      );
      await expect(page.getByTestId('patient-notice')).toBeVisible();
      await page.getByTestId('toolbar-more').tap();
      await page.getByTestId('preset-select').selectOption('mediastinum');
      await expect(page.getByTestId('overlay-window')).toContainText('F 350 / N 50');
    });
  });
});

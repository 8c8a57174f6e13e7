// A GP's IID link shows the exam's first image before the viewer's code has run: written by
// the gateway into the launch's page (server/launch/launchShot.ts), or, when the page came
// without its sign-in, drawn by the page the moment its bytes are in (src/lib/launchPreview,
// features/launch/api/previewLaunchAhead.ts). With the patient's name and birth date above
// it, in the viewer's own frame, so that the image neither changes nor moves when the
// viewer's preview takes its place. Held here by holding the viewer route's chunk, so that
// the early image is the only one. A link whose exam is not the named patient's never shows
// anything; a preview too large or that never comes shows nothing early, and the viewer
// opens as always.
import zlib from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { readManifest, readStackInfo } from '../dev/stack/stackInfo';
import { CORNERSTONE_CHUNK, holdRequests } from './support/holdRequests';
import { dropLaunchPageBinding } from './support/launchPageBinding';
import { loginThroughIdp } from './support/login';
import { patientWithIns } from './support/manifestPatients';

const stack = readStackInfo();
const manifest = readManifest(stack);

const VIEWER_ROUTE_CHUNK = /\/assets\/ViewerRoute-[^/]+\.js$/;
const RENDERED = /\/frames\/1\/rendered(\?|$)/;

const dubois = patientWithIns(manifest, 'dubois');
const thomas = patientWithIns(manifest, 'thomas');
const ctThorax = manifest.studies.find((s) => s.key === 'dubois-ct-thorax-2026');
if (!ctThorax) throw new Error('manifest has no dubois-ct-thorax-2026');

function iidStudyLink(studyUID: string, patient: { ins: { id: string; issuer: string } }) {
  const q = new URLSearchParams({
    requestType: 'STUDY',
    studyUID,
    patientID: `${patient.ins.id}^^^&${patient.ins.issuer}&ISO`,
  });
  return `${stack.gatewayUrl}/IHEInvokeImageDisplay?${q}`;
}

/** Whether the early image ever entered the page, whatever came after. */
async function watchEarlyImage(page: Page): Promise<() => Promise<boolean>> {
  await page.addInitScript(() => {
    const w = window as { __sawLaunchPreview?: boolean };
    new MutationObserver(() => {
      if (document.querySelector('[data-testid="launch-preview"]')) w.__sawLaunchPreview = true;
    }).observe(document, { childList: true, subtree: true });
  });
  return () =>
    page.evaluate(() => (window as { __sawLaunchPreview?: boolean }).__sawLaunchPreview === true);
}

interface Drawn {
  box: { x: number; y: number; width: number; height: number };
  width: number;
  height: number;
  /** Sum of grey levels per row band: the same picture gives the same figures. */
  bands: number[];
  distinctGreys: number;
}

/** What a canvas or an image holds, read back from its pixels, and where it sits on the page. */
async function drawnIn(page: Page, selector: string): Promise<Drawn> {
  return page.locator(selector).evaluate((el) => {
    let canvas = el as HTMLCanvasElement;
    if (el instanceof HTMLImageElement) {
      // An image's pixels, read through a canvas of its own size.
      canvas = document.createElement('canvas');
      canvas.width = el.naturalWidth;
      canvas.height = el.naturalHeight;
      canvas.getContext('2d')?.drawImage(el, 0, 0);
    }
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d context');
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    const bands = new Array<number>(16).fill(0);
    const greys = new Set<number>();
    for (let y = 0; y < canvas.height; y += 1) {
      const band = Math.floor((y * 16) / canvas.height);
      for (let x = 0; x < canvas.width; x += 1) {
        const grey = data[(y * canvas.width + x) * 4] ?? 0;
        bands[band] = (bands[band] ?? 0) + grey;
        greys.add(grey);
      }
    }
    const r = el.getBoundingClientRect();
    return {
      box: { x: r.x, y: r.y, width: r.width, height: r.height },
      width: canvas.width,
      height: canvas.height,
      bands,
      distinctGreys: greys.size,
    };
  });
}

for (const { screen, by } of [
  { screen: { name: 'a desktop', viewport: { width: 1400, height: 900 } }, by: 'gateway' },
  { screen: { name: 'a phone', viewport: { width: 390, height: 844 } }, by: 'gateway' },
  { screen: { name: 'a tablet', viewport: { width: 900, height: 1100 } }, by: 'gateway' },
  { screen: { name: 'a desktop', viewport: { width: 1400, height: 900 } }, by: 'page' },
  { screen: { name: 'a phone', viewport: { width: 390, height: 844 } }, by: 'page' },
] as const) {
  test(`on ${screen.name}, the exam’s first image ${by === 'gateway' ? 'written into the launch’s page by the gateway' : 'drawn by a page that came without its sign-in'} comes with the patient’s name before the viewer’s code, and stays in place when the viewer draws it`, async ({
    page,
  }) => {
    test.slow();
    await page.setViewportSize(screen.viewport);
    const sawEarlyImage = await watchEarlyImage(page);
    await loginThroughIdp(page, 'medecin');
    if (by === 'page') await dropLaunchPageBinding(page);
    const releaseViewer = await holdRequests(page, VIEWER_ROUTE_CHUNK);
    // And Cornerstone's, so that the viewer's preview stays once drawn.
    const releaseCornerstone = await holdRequests(page, CORNERSTONE_CHUNK);
    const previewAsks: string[] = [];
    page.on('request', (r) => {
      if (RENDERED.test(r.url())) previewAsks.push(r.url());
    });
    await page.goto(iidStudyLink(ctThorax.studyInstanceUID, dubois));

    const early = page.getByTestId('launch-preview');
    await expect(early).toBeVisible({ timeout: 30_000 });
    // The name as the viewer writes it, and the birth date an identity check asks for.
    await expect(early).toContainText('DUBOIS Marie');
    await expect(early).toContainText('née le 14 mars 1958');
    // Alone on screen: the viewer's code is still held back.
    await expect(page.getByTestId('viewer-loading')).toHaveCount(0);
    // The gateway's is an image in the page as it came; the page's own, a canvas.
    const ahead = await drawnIn(
      page,
      by === 'gateway'
        ? '#drim-launch-shot[data-testid="launch-preview"] img'
        : '[data-testid="launch-preview"] canvas',
    );
    // A picture, not a blank: the CT's slice has many grey levels.
    expect(ahead.distinctGreys).toBeGreaterThan(16);
    await expect(
      page.getByRole('img', { name: 'Première image de la série (aperçu)' }),
    ).toBeVisible();

    expect(await sawEarlyImage()).toBe(true);

    releaseViewer();
    await expect(
      page.locator('[data-testid="first-image-preview"][data-state="shown"]'),
    ).toBeVisible({
      timeout: 30_000,
    });
    await expect(early).toHaveCount(0);
    await expect(page.getByTestId('skeleton-patient')).toHaveText(
      'DUBOIS Marie née le 14 mars 1958',
    );
    const viewers = await drawnIn(page, '[data-testid="first-image-preview"] canvas');
    // The very same picture, at the very same place.
    expect(viewers.width).toBe(ahead.width);
    expect(viewers.height).toBe(ahead.height);
    expect(viewers.bands).toEqual(ahead.bands);
    for (const side of ['x', 'y', 'width', 'height'] as const) {
      expect(Math.abs(viewers.box[side] - ahead.box[side]), side).toBeLessThanOrEqual(1);
    }
    // Asked once: by the gateway for its page, or in the launch's worker (the page's own
    // timing has no such request); the viewer's own preview is that same answer.
    expect(previewAsks).toHaveLength(by === 'gateway' ? 0 : 1);
    const askedByPage = await page.evaluate(
      (pattern) =>
        performance.getEntriesByType('resource').filter((e) => new RegExp(pattern).test(e.name))
          .length,
      RENDERED.source,
    );
    expect(askedByPage).toBe(0);
    releaseCornerstone();
  });
}

test('with the gateway’s image on screen, Cornerstone’s code runs while the viewer’s route is still on its way, and the viewer then draws', async ({
  page,
}) => {
  test.slow();
  await loginThroughIdp(page, 'medecin');
  const releaseViewer = await holdRequests(page, VIEWER_ROUTE_CHUNK);
  await page.goto(iidStudyLink(ctThorax.studyInstanceUID, dubois));
  await expect(page.locator('#drim-launch-shot[data-testid="launch-preview"] img')).toBeVisible({
    timeout: 30_000,
  });
  // Run by the launch itself: no route, hence no study's session, can have asked for it yet.
  await page.waitForFunction(
    () => performance.getEntriesByName('drim:viewer:cornerstone-code').length > 0,
    undefined,
    { timeout: 30_000 },
  );
  expect(await page.evaluate(() => performance.getEntriesByName('drim:viewer:route').length)).toBe(
    0,
  );
  await expect(page.getByTestId('launch-preview')).toBeVisible();

  releaseViewer();
  await expect(page.getByTestId('viewport-0')).toHaveAttribute('data-render-state', 'rendered', {
    timeout: 30_000,
  });
  await expect(page.getByTestId('launch-preview')).toHaveCount(0);
});

test('an IID link naming another patient than the exam’s never draws the exam’s image', async ({
  page,
}) => {
  test.slow();
  const sawEarlyImage = await watchEarlyImage(page);
  await loginThroughIdp(page, 'medecin');
  await page.goto(iidStudyLink(ctThorax.studyInstanceUID, thomas));
  await expect(page.getByRole('alert')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('first-image-preview')).toHaveCount(0);
  expect(await sawEarlyImage()).toBe(false);
});

test('a name with markup, as a source may send it, is shown as text above the early image', async ({
  page,
}) => {
  test.slow();
  const hostile = 'DUBOIS<img src=x onerror="window.__pwned=1">^MARIE';
  await loginThroughIdp(page, 'medecin');
  // The page reads the sources' answers and draws the name itself when it came without its
  // sign-in; the gateway's own screen escapes the name it writes (launchShot.test.ts).
  await dropLaunchPageBinding(page);
  const releaseViewer = await holdRequests(page, VIEWER_ROUTE_CHUNK);
  // The sources' answers as the gateway hands them to the page's sign-in, the patient's name
  // rewritten everywhere it appears (identity is matched on identifiers, not names).
  let nameRewritten = false;
  await page.route(/\/api\/launch\/[^/]+\/sign-in$/, async (route) => {
    const response = await route.fetch();
    const body = await response.text();
    nameRewritten ||= body.includes('"Alphabetic":"DUBOIS^MARIE"');
    await route.fulfill({
      response,
      body: body.replaceAll(
        '"Alphabetic":"DUBOIS^MARIE"',
        `"Alphabetic":${JSON.stringify(hostile)}`,
      ),
    });
  });
  await page.goto(iidStudyLink(ctThorax.studyInstanceUID, dubois));

  const early = page.getByTestId('launch-preview');
  await expect(early).toBeVisible({ timeout: 30_000 });
  expect(nameRewritten).toBe(true);
  await expect(early).toContainText('DUBOIS<img src=x onerror="window.__pwned=1"> Marie');
  await expect(early.locator('img, script, [onerror]')).toHaveCount(0);
  releaseViewer();
  await expect(page.getByTestId('skeleton-patient')).toContainText('onerror', { timeout: 30_000 });
  await expect(page.getByTestId('skeleton-patient').locator('img, [onerror]')).toHaveCount(0);
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
});

/** A valid grey PNG of side × side pixels, stored uncompressed: about side² bytes. */
function largeGreyPng(side: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(Buffer.concat([head.subarray(4), data])), 0);
    return Buffer.concat([head, data, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header.set([8, 0, 0, 0, 0], 8);
  // Each row: filter 0, then a grey ramp.
  const rows = Buffer.alloc(side * (side + 1));
  for (let y = 0; y < side; y++) for (let x = 0; x < side; x++) rows[y * (side + 1) + 1 + x] = x;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(rows, { level: 0 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

for (const [label, answer] of [
  ['is over 8 MB', 'huge'],
  ['does not come', 'held'],
] as const) {
  test(`an exam whose first-image preview ${label} draws no early image, and the viewer opens as always`, async ({
    page,
  }) => {
    test.slow();
    const sawEarlyImage = await watchEarlyImage(page);
    await loginThroughIdp(page, 'medecin');
    // The page asks it itself when it came without its sign-in; the gateway's own screen
    // refuses such answers the same way (launchShot.test.ts).
    await dropLaunchPageBinding(page);
    let asked = 0;
    let letGo: () => void = () => undefined;
    const heldBack = new Promise<void>((resolve) => (letGo = resolve));
    // The launch's worker asks it (the page's route sees a dedicated worker's requests).
    await page.route(RENDERED, async (route) => {
      asked++;
      if (answer === 'held') {
        await heldBack;
        return route.abort('connectionreset').catch(() => undefined);
      }
      // A picture the browser would draw, were it not over the 8 MB a preview may be.
      return route.fulfill({ status: 200, contentType: 'image/png', body: largeGreyPng(3000) });
    });
    await page.goto(iidStudyLink(ctThorax.studyInstanceUID, dubois));

    const view = page.getByTestId('viewport-0');
    await expect(view).toHaveAttribute('data-render-state', 'rendered', { timeout: 60_000 });
    await expect(page.getByTestId('viewer')).toContainText('DUBOIS Marie');
    expect(asked).toBeGreaterThanOrEqual(1);
    expect(await sawEarlyImage()).toBe(false);
    await expect(page.getByTestId('first-image-preview')).toHaveCount(0);
    await expect(view.getByRole('alert')).toHaveCount(0);
    letGo();
  });
}

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page, type Request, type Response } from '@playwright/test';
import { readManifest, readStackInfo } from '../dev/stack/stackInfo';
import { holdRequests } from './support/holdRequests';
import { dropLaunchPageBinding } from './support/launchPageBinding';
import { loginThroughIdp } from './support/login';
import { viewerHook } from './support/viewerPage';
import { patientWithIns } from './support/manifestPatients';

const stack = readStackInfo();
const manifest = readManifest(stack);

const patientOf = (key: string) => patientWithIns(manifest, key);
const studyOf = (key: string) => {
  const s = manifest.studies.find((x) => x.key === key);
  if (!s) throw new Error(`manifest has no study ${key}`);
  return s;
};

const dubois = patientOf('dubois');
const ctThorax = studyOf('dubois-ct-thorax-2026');
const mammo = studyOf('dubois-mg-2026');
const nancyLocal = dubois.localIds.find((l) => l.sourceId === 'drimbox-nancy');
if (!nancyLocal) throw new Error('dubois has no local id at drimbox-nancy');

/** Everything that would identify the patient in a URL, as sent and as encoded. */
const IDENTIFYING = [
  dubois.ins.id,
  dubois.familyName,
  ctThorax.studyInstanceUID,
  mammo.accessionNumber,
];
const expectNothingIdentifying = (url: string) => {
  for (const value of IDENTIFYING) {
    expect(url, `"${url}" must not contain ${value}`).not.toContain(value);
    expect(url.toUpperCase()).not.toContain(value.toUpperCase());
  }
};

let dpi: http.Server;
let dpiUrl: string;

test.beforeAll(async () => {
  const cx = encodeURIComponent(`${dubois.ins.id}^^^&${dubois.ins.issuer}&ISO`);
  const page = fs
    .readFileSync(path.join(import.meta.dirname, 'fixtures', 'dpi.html'), 'utf8')
    .replaceAll('{{GATEWAY}}', stack.gatewayUrl)
    .replaceAll('{{STUDY_UID}}', ctThorax.studyInstanceUID)
    .replaceAll('{{PATIENT_CX}}', cx)
    .replaceAll('{{PATIENT_ID_ONLY}}', dubois.ins.id)
    .replaceAll('{{INS}}', dubois.ins.id)
    .replaceAll('{{INS_OID}}', dubois.ins.issuer)
    .replaceAll('{{LOCAL_ID}}', nancyLocal.id)
    .replaceAll('{{LOCAL_ISSUER}}', nancyLocal.issuer)
    .replaceAll('{{ACCESSION}}', mammo.accessionNumber);
  // Another origin than the gateway's, as a DPI is: 127.0.0.1 against localhost, own port.
  dpi = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
  });
  await new Promise<void>((resolve) => dpi.listen(0, '127.0.0.1', resolve));
  dpiUrl = `http://127.0.0.1:${(dpi.address() as AddressInfo).port}/dossier-patient`;
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => dpi.close(() => resolve()));
});

async function signInAtIdp(page: Page, username: string): Promise<void> {
  await expect(page.getByLabel('Identifiant')).toBeVisible();
  await page.getByLabel('Identifiant').fill(username);
  await page.getByLabel('Mot de passe').fill('demo');
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

const isKeyCreation = (r: Request) =>
  r.method() === 'POST' && new URL(r.url()).pathname === '/api/keys';

interface SealedKey {
  key: string;
  kind: string;
  value: Record<string, unknown>;
  authorization: string;
}

/** The opaque key the app created on the way, what it seals, and proof the gateway opens it. */
async function sealedKeyOf(page: Page, request: Request): Promise<SealedKey> {
  const response = await request.response();
  if (!response) throw new Error('POST /api/keys got no answer');
  const { key } = (await response.json()) as { key: string };
  return openedKey(page, key, (await request.allHeaders()).authorization ?? '');
}

async function openedKey(page: Page, key: string, authorization: string): Promise<SealedKey> {
  const opened = await page.request.get(`/api/keys/${key}`, { headers: { authorization } });
  expect(opened.status()).toBe(200);
  const body = (await opened.json()) as { kind: string; value: Record<string, unknown> };
  return { key, kind: body.kind, value: body.value, authorization };
}

/** The gateway's claim and sign-in requests of a launch (server/launch/routes.ts). */
const CLAIM_PATH = /^\/api\/launch\/[\w-]+\/claim$/;
const SIGN_IN_PATH = /^\/api\/launch\/[\w-]+\/sign-in$/;

const isClaim = (r: Response) =>
  r.request().method() === 'POST' && CLAIM_PATH.test(new URL(r.url()).pathname);

/**
 * A STUDY launch's key comes with the claim: the gateway looked the exam up and sealed it
 * (server/launch/claimLookup.ts). Also records what the page itself asked meanwhile.
 */
function watchStudyLaunch(page: Page): {
  sealed: () => Promise<SealedKey>;
  askedByPage: string[];
} {
  const askedByPage: string[] = [];
  page.on('request', (r) => {
    const { pathname } = new URL(r.url());
    if (/^\/dicomweb\/[^/]+\/studies$/.test(pathname) || pathname === '/api/keys') {
      askedByPage.push(`${r.method()} ${pathname}`);
    }
  });
  const claimed = page.waitForResponse(isClaim);
  return {
    askedByPage,
    sealed: async () => {
      const response = await claimed;
      const body = (await response.json()) as { lookup?: { study?: { key: string } } };
      const key = body.lookup?.study?.key;
      if (!key) throw new Error('the claim brought no study key');
      return openedKey(page, key, (await response.request().allHeaders()).authorization ?? '');
    },
  };
}

/**
 * What the viewer asks of the launched study, in order: its series list (the viewer's own,
 * asked with the patient's attributes, or the report panel's, which looks for SR and DOC
 * series once the image is on its way), and the first image's preview asked before or after
 * its series' metadata has answered.
 */
function watchViewerRequests(page: Page, studyInstanceUID: string): string[] {
  const seen: string[] = [];
  const study = `/dicomweb/[^/]+/studies/${studyInstanceUID.replaceAll('.', '\\.')}/series`;
  const seriesList = new RegExp(`^${study}$`);
  const preview = new RegExp(`^${study}/([^/]+)/instances/[^/]+/frames/\\d+/rendered$`);
  const metadata = new RegExp(`^${study}/([^/]+)/metadata$`);
  page.on('request', (r) => {
    const { pathname, searchParams } = new URL(r.url());
    if (seriesList.test(pathname)) {
      // PatientID among the fields: the viewer's opening (features/viewer/api/openStudy.ts).
      const opening = (searchParams.get('includefield') ?? '').includes('00100020');
      seen.push(opening ? 'series list asked' : 'report series asked');
    }
    const previewOf = preview.exec(pathname)?.[1];
    if (previewOf) seen.push(`preview of ${previewOf} asked`);
  });
  page.on('response', (r) => {
    const metadataOf = metadata.exec(new URL(r.url()).pathname)?.[1];
    if (metadataOf) seen.push(`metadata of ${metadataOf} answered`);
  });
  return seen;
}

/**
 * Every entry of the tab's history (read through Chromium's DevTools protocol, which lists
 * them all without navigating), the current location and the documents' navigation
 * entries: none may hold the INS, the name, the UID or the accession number.
 */
async function expectHistoryClean(
  page: Page,
  opts: {
    originalUrlsToo: boolean;
    /** Signed in on the way (no IdP page shown): the DPI's page is the way back. */
    signedInOnTheWay?: boolean;
  },
): Promise<void> {
  expectNothingIdentifying(await page.evaluate(() => location.href));
  const navigations = await page.evaluate(() =>
    performance.getEntriesByType('navigation').map((e) => e.name),
  );
  expect(navigations.length).toBeGreaterThan(0);
  for (const name of navigations) expectNothingIdentifying(name);

  const cdp = await page.context().newCDPSession(page);
  const { entries } = await cdp.send('Page.getNavigationHistory');
  await cdp.detach();
  expect(entries.length).toBe(await page.evaluate(() => history.length));
  for (const entry of entries) {
    expectNothingIdentifying(entry.url);
    expectNothingIdentifying(entry.title);
    // Chromium remembers the URL a redirected entry was first asked for: for a GET link
    // that is the DPI's own link, INS included, and no answer from the gateway can change
    // it — only the contextual POST keeps the identity out of every URL.
    if (opts.originalUrlsToo) expectNothingIdentifying(entry.userTypedURL);
  }
  // The list is the real way back: from the DPI page, through the launch page and the IdP.
  const urls = entries.map((e) => e.url);
  expect(urls).toContain(dpiUrl);
  if (opts.signedInOnTheWay) {
    // The code the IdP sent back with is in no entry: the page replaced that address.
    for (const url of urls) expect(url).not.toMatch(/\/auth\/launch|[?&]code=/);
    return;
  }
  // The launch page sent the GP to the IdP in its own entry's place: Back from the IdP's
  // page leads to the DPI, not to a page that would only send them to the IdP again.
  expect(urls.some((url) => url.startsWith(stack.idpUrl))).toBe(true);
  expect(urls.filter((url) => new URL(url).pathname.startsWith('/launch/'))).toEqual([]);
  expect(urls[urls.indexOf(dpiUrl) + 1]?.startsWith(stack.idpUrl)).toBe(true);
}

/** The viewer has drawn the first image of the launched study. */
async function expectImageShown(page: Page, description: string): Promise<void> {
  // A cold viewer decodes its first image in WebAssembly on a shared 2-core machine.
  await expect(page.getByTestId('viewport-0')).toHaveAttribute('data-render-state', 'rendered', {
    timeout: 90_000,
  });
  await expect(page.getByRole('heading', { level: 1 })).toContainText(description);
}

test.describe('a GP opens imaging from their patient-record software', () => {
  test('an IID STUDY link: log in, land on the study, nothing of the patient in the URL or history', async ({
    page,
  }) => {
    test.slow();
    await page.goto(dpiUrl);
    await page.locator('#iid-study').click();
    const launch = watchStudyLaunch(page);
    const viewerAsked = watchViewerRequests(page, ctThorax.studyInstanceUID);
    await signInAtIdp(page, 'medecin');
    const sealed = await launch.sealed();
    await expect(page).toHaveURL(new RegExp(`/study/${sealed.key}$`));
    // The exam was found by the gateway with the claim: the page searched and sealed nothing.
    expect(launch.askedByPage).toEqual([]);
    expect(sealed.kind).toBe('study');
    expect(sealed.value.studyInstanceUID).toBe(ctThorax.studyInstanceUID);
    expect(sealed.value.sourceIds).toEqual(ctThorax.sourceIds);
    // The viewer lists the patient's other studies from this: INS first.
    expect((sealed.value.patient as { identifiers: unknown[] }).identifiers[0]).toEqual(dubois.ins);
    await expectImageShown(page, ctThorax.description);
    // The claim brought the series list and the first image's preview request: the page
    // asked no series list, and its preview left before its series' metadata had answered.
    expect(viewerAsked).not.toContain('series list asked');
    const previewAsked = viewerAsked.find((e) => e.startsWith('preview of '));
    expect(previewAsked).toBeDefined();
    const firstSeries = previewAsked!.split(' ')[2];
    const metadataIn = viewerAsked.indexOf(`metadata of ${firstSeries} answered`);
    expect(metadataIn).toBeGreaterThan(viewerAsked.indexOf(previewAsked!));
    // The report panel's own search does not hold the first image back.
    const reports = viewerAsked.indexOf('report series asked');
    if (reports >= 0) expect(reports).toBeGreaterThan(viewerAsked.indexOf(previewAsked!));
    await expectHistoryClean(page, { originalUrlsToo: false });
  });

  test('already signed in at the IdP: the page the IdP sends back holds the sign-in and the claim, no further request for them, no code or token left behind', async ({
    page,
  }) => {
    test.slow();
    await loginThroughIdp(page, 'medecin');
    await page.goto(dpiUrl);
    // The first step is an inline script: a CSP refusing it would slow every launch silently.
    const refused: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
    });
    // What the launched page asks: from the tab's first request to the image.
    const asked: string[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      asked.push(
        `${r.method()} ${url.origin === new URL(stack.idpUrl).origin ? 'idp:' : ''}${url.pathname}`,
      );
    });
    const launchPage = page.waitForResponse((r) => new URL(r.url()).pathname === '/auth/launch');
    await page.locator('#iid-study').click();
    const document = await launchPage;
    expect(document.status()).toBe(200);
    expect(document.headers()['cache-control']).toBe('no-store');
    const block = /id="drim-launch-answer">(.*?)<\/script>/.exec(await document.text());
    const body = JSON.parse(block?.[1] ?? 'null') as {
      claim?: { lookup?: { study?: { key: string } } };
    } | null;
    const key = body?.claim?.lookup?.study?.key;
    expect(key).toBeDefined();
    await expect(page).toHaveURL(new RegExp(`/study/${key}$`));
    await expectImageShown(page, ctThorax.description);
    // The IdP was met once, on the way in: no hidden page, no token request, no sign-in or
    // claim asked by the page.
    expect(asked.filter((a) => a.includes('/auth/silent'))).toEqual([]);
    expect(asked.filter((a) => a.startsWith('POST idp:'))).toEqual([]);
    expect(asked.filter((a) => a.endsWith('/sign-in') || a.endsWith('/claim'))).toEqual([]);
    // The tokens were read out of the page and are not in it any more.
    expect(await page.locator('#drim-launch-answer').count()).toBe(0);
    const atIdp = asked.filter((a) => a.includes('idp:'));
    expect(atIdp.length).toBeGreaterThan(0);
    for (const request of atIdp) expect(request).toMatch(/^GET idp:\/auth\b/);
    await expectHistoryClean(page, { originalUrlsToo: false, signedInOnTheWay: true });
    expect(refused).toEqual([]);
  });

  test('a page without its sign-in (its binding lost on the way) hands the code in itself; slower than the app, the launch page says so meanwhile, then the viewer, one claim', async ({
    page,
  }) => {
    test.slow();
    await loginThroughIdp(page, 'medecin');
    await page.goto(dpiUrl);
    // The page's binding is lost on the way: the gateway sends the plain page.
    await dropLaunchPageBinding(page);
    const claims: string[] = [];
    const signIns: string[] = [];
    page.on('request', (r) => {
      if (CLAIM_PATH.test(new URL(r.url()).pathname)) claims.push(r.url());
      if (SIGN_IN_PATH.test(new URL(r.url()).pathname)) signIns.push(r.url());
    });
    // Read on the path: the pattern is anchored there, not on the whole URL.
    const releaseSignIn = await holdRequests(page, (url) => SIGN_IN_PATH.test(url.pathname));
    await page.locator('#iid-study').click();
    await expect(page.getByTestId('launch-opening')).toBeVisible();
    releaseSignIn();
    await expectImageShown(page, ctThorax.description);
    expect(new URL(page.url()).pathname).toMatch(/^\/study\/[\w-]+$/);
    // The page handed the code in itself, once; the claim came with that sign-in, late: the
    // launch page used it, not a claim of its own.
    expect(signIns).toHaveLength(1);
    expect(claims).toEqual([]);
    await expectHistoryClean(page, { originalUrlsToo: false, signedInOnTheWay: true });
  });

  test('an IID PATIENT link with modalitiesInStudy=CT opens the patient’s list showing CT only', async ({
    page,
  }) => {
    await page.goto(dpiUrl);
    await page.locator('#iid-patient-ct').click();
    const keyCreated = page.waitForRequest(isKeyCreation);
    await signInAtIdp(page, 'medecin');
    const sealed = await sealedKeyOf(page, await keyCreated);
    await expect(page).toHaveURL(new RegExp(`/patient/${sealed.key}\\?mod=CT$`));
    expect(sealed.kind).toBe('patient');
    expect(sealed.value).toEqual({ identifiers: [dubois.ins], label: 'DUBOIS MARIE' });

    const ctStudies = manifest.studies.filter(
      (s) => s.patientKey === 'dubois' && s.modalities.includes('CT'),
    );
    const rows = page.getByTestId('study-row');
    await expect(rows).toHaveCount(ctStudies.length);
    for (const study of ctStudies)
      await expect(rows.filter({ hasText: study.description })).toHaveCount(1);
    expectNothingIdentifying(page.url());
  });

  test('an IID PATIENT link with mostRecentResults=2 lists the 2 most recent studies, said in a chip', async ({
    page,
  }) => {
    const cx = encodeURIComponent(`${dubois.ins.id}^^^&${dubois.ins.issuer}&ISO`);
    await page.goto(dpiUrl);
    // As the DPI's link would be clicked: the gateway answers 303 to a launch page.
    await page.goto(
      `${stack.gatewayUrl}/IHEInvokeImageDisplay?requestType=PATIENT&patientID=${cx}&mostRecentResults=2`,
    );
    await signInAtIdp(page, 'medecin');
    await expect(page).toHaveURL(/\/patient\/[A-Za-z0-9_%-]+\?recent=2$/);
    expectNothingIdentifying(page.url());

    // The manifest's truth: the patient's studies a GP sees without consent (the DRIMboxes'),
    // newest first.
    const visible = manifest.studies
      .filter(
        (s) =>
          s.patientKey === 'dubois' &&
          s.sourceIds.some((id) => stack.sources.find((x) => x.id === id)?.kind === 'drimbox'),
      )
      .sort((a, b) => b.studyDate.localeCompare(a.studyDate));
    const recent = visible.slice(0, 2);
    expect(visible.length).toBeGreaterThan(2);
    const rows = page.getByTestId('study-row');
    await expect(page.getByTestId('studies-count')).not.toContainText('encore interrogées', {
      timeout: 30_000,
    });
    await expect(rows).toHaveCount(2);
    for (const study of recent)
      await expect(rows.filter({ hasText: study.description })).toHaveCount(1);
    const older = visible[2];
    if (older) await expect(rows.filter({ hasText: older.description })).toHaveCount(0);

    const chip = page.getByTestId('most-recent-chip');
    await expect(chip).toHaveText(/Liste limitée aux 2 examens les plus récents/);
    await chip.getByRole('button', { name: 'Afficher tous les examens' }).click();
    await expect(chip).toHaveCount(0);
    await expect(rows).toHaveCount(visible.length);
    await expect(page).toHaveURL(/\/patient\/[A-Za-z0-9_%-]+$/);
  });

  test('the DRIMbox contextual POST opens the study; no INS in location, history or navigation entries', async ({
    page,
  }) => {
    test.slow();
    await page.goto(dpiUrl);
    await page.getByRole('button', { name: /appel contextuel/ }).click();
    const launch = watchStudyLaunch(page);
    await signInAtIdp(page, 'medecin');
    const sealed = await launch.sealed();
    await expect(page).toHaveURL(new RegExp(`/study/${sealed.key}$`));
    expect(sealed.value.studyInstanceUID).toBe(mammo.studyInstanceUID);
    const identifiers = (sealed.value.patient as { identifiers: unknown[] }).identifiers;
    expect(identifiers[0]).toEqual(dubois.ins);
    expect(identifiers).toContainEqual({ issuer: nancyLocal.issuer, id: nancyLocal.id });
    await expectImageShown(page, mammo.description);
    await expectHistoryClean(page, { originalUrlsToo: true });
  });

  test('a malformed link shows a French error page that says what to do', async ({ page }) => {
    await page.goto(dpiUrl);
    await page.locator('#iid-malformed').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'L’imagerie n’a pas pu être ouverte',
    );
    await expect(page.getByTestId('launch-errors')).toContainText('patientID');
    await expect(page.getByRole('heading', { name: 'Que faire ?' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    expect(new URL(page.url()).pathname).toMatch(/^\/ouverture-impossible\/[A-Za-z0-9_-]{43}$/);
    expectNothingIdentifying(page.url());
  });

  test('a launch link serves once: back to it after opening says so in French', async ({
    page,
  }) => {
    // The launch page is shown only until it sends the GP to the IdP: every address the tab
    // takes is kept, so a quick redirect cannot hide it.
    const addresses: string[] = [];
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) addresses.push(frame.url());
    });
    await page.goto(dpiUrl);
    await page.locator('#iid-study').click();
    await signInAtIdp(page, 'medecin');
    await expect(page).toHaveURL(/\/study\//);
    const launchUrl = addresses.find((url) => new URL(url).pathname.startsWith('/launch/'));
    expect(launchUrl).toBeDefined();
    await page.goto(launchUrl!);
    await expect(page.getByTestId('launch-problem')).toHaveAttribute(
      'data-problem',
      'claimRefused',
    );
    await expect(page.getByRole('alert')).toContainText('n’est plus valable');
  });
});

test.describe('patients, and the end of a session', () => {
  test('patient1’s own link lands on their own studies; it never opens for a professional', async ({
    browser,
  }) => {
    const gp = await browser.newPage();
    await gp.goto(dpiUrl);
    await gp.locator('#patient-link').click();
    await signInAtIdp(gp, 'medecin');
    await expect(gp.getByTestId('launch-problem')).toBeVisible();
    await expect(gp.getByRole('alert')).toContainText('destiné au patient lui-même');
    await gp.close();

    const page = await browser.newPage();
    await page.goto(dpiUrl);
    await page.locator('#patient-link').click();
    const keyCreated = page.waitForRequest(isKeyCreation);
    await signInAtIdp(page, 'patient1');
    const sealed = await sealedKeyOf(page, await keyCreated);
    await expect(page).toHaveURL(new RegExp(`/patient/${sealed.key}$`));
    expect(sealed.value).toEqual({ identifiers: [dubois.ins] });
    await expect(page.getByTestId('user-role')).toContainText('Patient');
    const own = manifest.studies.filter((s) => s.patientKey === 'dubois');
    await expect(page.getByTestId('study-row')).toHaveCount(own.length);
    await page.close();
  });

  test('logout, then the back button shows no patient data', async ({ page }) => {
    await page.goto(dpiUrl);
    await page.locator('#iid-patient-ct').click();
    await signInAtIdp(page, 'medecin');
    await expect(page).toHaveURL(/\/patient\/[^/?]+\?mod=CT$/);
    await expect(page.getByTestId('study-row').first()).toContainText(ctThorax.description);
    const before = await page.evaluate(() => history.length);

    await page.getByTestId('logout-button').click();
    await expect(page.getByTestId('login-button')).toBeVisible();
    const after = await page.evaluate(() => history.length);
    // Straight back to the list's entry, past the IdP's logout page (which would log out again).
    await page.evaluate((steps) => history.go(-steps), after - before);
    await expect(page).toHaveURL(/\/patient\//);
    await expect(page.getByTestId('login-button')).toBeVisible();
    await expect(page.getByTestId('study-row')).toHaveCount(0);
    await expect(page.locator('body')).not.toContainText(ctThorax.description);
    await expect(page.locator('body')).not.toContainText(dubois.familyName);
  });

  test('logout, then the back button to the viewer shows no image', async ({ page }) => {
    test.slow();
    await page.addInitScript(() => {
      (window as { __drimViewerTestEnabled?: boolean }).__drimViewerTestEnabled = true;
    });
    await page.goto(dpiUrl);
    await page.locator('#iid-study').click();
    await signInAtIdp(page, 'medecin');
    await expect(page).toHaveURL(/\/study\//);
    await expectImageShown(page, ctThorax.description);
    const before = await page.evaluate(() => history.length);
    const imageIds = (await viewerHook<string[] | null>(page, 'imageIds', 'drim-stack-0')) ?? [];
    expect(imageIds.length).toBeGreaterThan(0);

    await page.getByRole('link', { name: 'Retour à l’accueil' }).click();
    await expect(page.getByTestId('logout-button')).toBeVisible();
    // Off the viewer, the page still holds the study's images and metadata in memory…
    expect(await viewerHook<number>(page, 'imagesCached', imageIds)).toBeGreaterThan(0);
    expect(await viewerHook<number>(page, 'metadataHeld', imageIds)).toBe(imageIds.length);
    // …until logout. The page reports what it still holds as it leaves for the IdP's
    // logout page, after the purge (a binding call is delivered even from an unloading page).
    const heldAtLogout = new Promise<number[]>((resolve) => {
      void page.exposeFunction('__reportMemoryAtLogout', (...counts: number[]) => resolve(counts));
    });
    await page.evaluate((ids) => {
      const w = window as unknown as {
        __drimViewerTest: Record<string, (...x: unknown[]) => number>;
        __reportMemoryAtLogout: (...counts: number[]) => void;
      };
      window.addEventListener(
        'beforeunload',
        () => {
          const api = w.__drimViewerTest;
          w.__reportMemoryAtLogout(
            api.cacheBytes?.() ?? -1,
            api.imagesCached?.(ids) ?? -1,
            api.metadataHeld?.(ids) ?? -1,
          );
        },
        { once: true },
      );
    }, imageIds);
    await page.getByTestId('logout-button').click();
    // Bytes of decoded images, images of the study, instances with metadata: none left.
    expect(await heldAtLogout).toEqual([0, 0, 0]);
    await expect(page.getByTestId('login-button')).toBeVisible();
    const after = await page.evaluate(() => history.length);
    await page.evaluate((steps) => history.go(-steps), after - before);
    await expect(page).toHaveURL(/\/study\//);
    await expect(page.getByText('Connectez-vous pour ouvrir cet examen.')).toBeVisible();
    await expect(page.getByTestId('viewport-0')).toHaveCount(0);
    await expect(page.locator('canvas')).toHaveCount(0);
    await expect(page.locator('body')).not.toContainText(ctThorax.description);
    await expect(page.locator('body')).not.toContainText(dubois.familyName);
  });
});

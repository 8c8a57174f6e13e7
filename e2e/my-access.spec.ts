// « Mes accès » as a patient reads it: one line per viewing — who (name, profession,
// structure, as the trace recorded them from the professional's token), when, which exam,
// why — newest first, a page at a time, readable on a phone.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { readManifest, readStackInfo } from '../dev/stack/stackInfo';
import { accessTokenFor } from './support/openStudyAs';
import { loginThroughIdp } from './support/login';

const stack = readStackInfo();
const manifest = readManifest(stack);
const dubois = manifest.patients.find((p) => p.key === 'dubois')!;
const archive = stack.sources.find((s) => s.kind === 'regional')!;
const isDrimbox = (id: string) => stack.sources.find((s) => s.id === id)?.kind === 'drimbox';
const atDrimboxes = manifest.studies.filter(
  (s) => s.patientKey === 'dubois' && s.sourceIds.some(isDrimbox),
);
// The CT at Thionville: « Scanner », done on 2 June 2026 (the manifest says so).
const ct = atDrimboxes.find((s) => s.modalities.includes('CT') && s.studyDate === '20260602')!;
const PHONE = { width: 390, height: 844 };
const SESSIONS_PER_PAGE = 8;

/** « 2 juin 2026 »: how the page writes a study's date. */
function frenchDate(dicomDate: string): string {
  const at = new Date(
    Date.UTC(+dicomDate.slice(0, 4), +dicomDate.slice(4, 6) - 1, +dicomDate.slice(6, 8)),
  );
  return new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', dateStyle: 'long' }).format(at);
}

/** A study's series list read through the gateway, as the viewer starts a viewing. */
async function readStudy(username: string, study: (typeof atDrimboxes)[number]): Promise<void> {
  const source = study.sourceIds.find(isDrimbox)!;
  const res = await fetch(
    `${stack.gatewayUrl}/dicomweb/${source}/studies/${study.studyInstanceUID}/series`,
    { headers: { authorization: `Bearer ${await accessTokenFor(username)}` } },
  );
  expect(res.status, `${username} reads ${study.studyInstanceUID}`).toBe(200);
  await res.arrayBuffer();
}

/** axe-core's serious and critical findings on the page (WCAG 2.2 AA and best practice). */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

async function openMyAccess(page: Page): Promise<void> {
  await loginThroughIdp(page, 'patient1');
  await page.getByTestId('my-access-link').click();
  await expect(
    page.getByRole('heading', { name: 'Mes consentements et les accès à mes images' }),
  ).toBeVisible();
  await expect(page.getByTestId('access-session').first()).toBeVisible();
}

test('a radiologist’s emergency viewing is one line with their name, profession, structure and reason', async ({
  page,
  browser,
}) => {
  expect(ct).toBeDefined();
  const reason = `Douleur thoracique aiguë, comparaison urgente (essai ${Date.now()})`;
  // The radiologist opens the archive in an emergency, then the CT from the list.
  await loginThroughIdp(page, 'radiologue');
  await page.getByLabel('INS (NIR à 15 chiffres, clé comprise)').fill(dubois.ins!.id);
  await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
  await page.getByRole('button', { name: `Voir les examens de ${dubois.familyName}` }).click();
  const archiveState = page.getByTestId(`studies-source-${archive.id}`);
  await expect(archiveState).toHaveAttribute('data-state', /^(consentNeeded|loaded)$/);
  // Run after consent.spec.ts, the radiologist's emergency access of a minute ago is still
  // open (and its reason is the one the trace holds); alone, this test opens one.
  if ((await archiveState.getAttribute('data-state')) === 'consentNeeded') {
    await archiveState.getByRole('button', { name: /Recherche étendue/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Recherche étendue dans l’archive régionale' });
    await dialog.getByText('Urgence : bris de glace').click();
    await dialog.getByLabel(/Motif de l’urgence/).fill(reason);
    await dialog.getByRole('button', { name: 'Ouvrir l’accès en urgence' }).click();
    await expect(archiveState).toHaveAttribute('data-state', 'loaded');
  }
  const row = page.locator(`[data-testid="study-row"][data-study-uid="${ct.studyInstanceUID}"]`);
  await row.getByRole('button').first().click();
  await expect(page.getByTestId('viewport-0')).toHaveAttribute('data-render-state', 'rendered', {
    timeout: 30_000,
  });

  // The trace holds many records of that viewing, each naming the radiologist…
  const raw = await fetch(`${stack.gatewayUrl}/api/fhir/AuditEvent?_count=1000`, {
    headers: { authorization: `Bearer ${await accessTokenFor('patient1')}` },
  });
  expect(raw.status).toBe(200);
  type Raw = {
    subtype: { code: string }[];
    agent: { who: { identifier: { value: string }; display?: string } }[];
    entity?: {
      description?: string;
      what?: { identifier?: { value?: string } };
      detail?: { type: string; valueString: string }[];
    }[];
  };
  const records = ((await raw.json()) as { entry: { resource: Raw }[] }).entry
    .map((e) => e.resource)
    .filter((r) => r.agent[0]!.who.identifier.value === '899900067890');
  const ofTheCt = records.filter((r) =>
    r.entity?.some(
      (x) =>
        x.description === 'study' && x.what?.identifier?.value === `urn:oid:${ct.studyInstanceUID}`,
    ),
  );
  expect(ofTheCt.length).toBeGreaterThan(2);
  expect(records[0]!.agent[0]!.who.display).toMatch(/MOREAU/);
  // The emergency this viewing was made under: the radiologist's latest opening.
  const opening = records.find((r) => r.subtype[0]!.code === 'break-glass')!;
  const traced = opening.entity!.flatMap((x) => x.detail ?? []).find((d) => d.type === 'reason')!;
  expect(traced.valueString.length).toBeGreaterThan(10);

  // …and the patient reads one line for it.
  const patientContext = await browser.newContext();
  const patientPage = await patientContext.newPage();
  await openMyAccess(patientPage);
  const lines = patientPage
    .getByTestId('access-session')
    .filter({ hasText: /MOREAU/ })
    .filter({ hasText: frenchDate(ct.studyDate) });
  await expect(lines).toHaveCount(1);
  const line = lines.first();
  await expect(line.getByTestId('access-who')).toContainText(/Paul MOREAU|MOREAU Paul/);
  await expect(line.getByTestId('access-who')).toContainText(
    'Médecin (Radio-diagnostic et imagerie médicale)',
  );
  await expect(line.getByTestId('access-who')).toContainText(
    'Centre d’imagerie Stanislas (fictif)',
  );
  await expect(line.getByTestId('access-study')).toContainText(
    `Scanner, ${frenchDate(ct.studyDate)}`,
  );
  // Sources by their names, never their ids.
  const source = stack.sources.find((s) => s.id === ct.sourceIds.find(isDrimbox))!;
  await expect(line.getByTestId('access-study')).toContainText(source.label);
  await expect(line).not.toContainText(source.id);
  // Why: the emergency and its reason, as typed.
  await expect(line).toHaveAttribute('data-purpose', 'emergency');
  await expect(line.getByTestId('access-purpose')).toHaveText(
    `Pourquoi : accès en urgence (bris de glace) — motif : ${traced.valueString}`,
  );
  expect(await seriousViolations(patientPage)).toEqual([]);
  // The records it groups are counted, not listed: several on one line, none invented. (Only
  // those of the pages read so far: after a whole test run the CT's records span pages.)
  const counted = Number(/(\d+) accès enregistrés/.exec((await line.textContent()) ?? '')?.[1]);
  expect(counted).toBeGreaterThan(2);
  expect(counted).toBeLessThanOrEqual(records.length);
  await patientContext.close();
});

test.describe('on a phone', () => {
  test.use({ viewport: PHONE });

  test('the viewings come a page at a time, without horizontal scroll, in under three screens', async ({
    page,
  }) => {
    // Two professionals each look at every DRIMbox study, and the patient at one of hers:
    // more viewings than one page holds.
    for (const study of atDrimboxes) {
      await readStudy('medecin', study);
      await readStudy('radiologue', study);
    }
    await readStudy('patient1', atDrimboxes[0]!);
    expect(2 * atDrimboxes.length + 1).toBeGreaterThan(SESSIONS_PER_PAGE);

    await openMyAccess(page);
    const sessions = page.getByTestId('access-session');
    await expect(sessions).toHaveCount(SESSIONS_PER_PAGE);
    await expect(page.getByTestId('my-access-count')).toContainText(
      `${SESSIONS_PER_PAGE} consultations affichées sur`,
    );

    // Newest first.
    const ends = await sessions.evaluateAll((els) =>
      els.map((e) => Date.parse(e.getAttribute('data-end') ?? '')),
    );
    expect(ends.every((t, i) => Number.isFinite(t) && (i === 0 || t <= ends[i - 1]!))).toBe(true);

    // Every GP line names her, her profession and her practice, not only numbers.
    const gp = sessions.filter({ hasText: /LAMBERT/ });
    expect(await gp.count()).toBeGreaterThan(0);
    for (const line of await gp.all()) {
      await expect(line.getByTestId('access-who')).toContainText('Médecin (Médecine générale)');
      await expect(line.getByTestId('access-who')).toContainText(
        'Cabinet médical du Parc (fictif)',
      );
    }
    // The patient's own viewing says it was her.
    await expect(
      page.locator('[data-testid="access-session"][data-purpose="own"]').first(),
    ).toContainText('vous-même, depuis votre espace patient');

    // Readable on the phone: nothing wider than the screen; each viewing in under a third
    // of a screen (its sources' names wrap), and the whole page in under three — the
    // consents above it aside, whose number is the patient's (other specs record some).
    const size = await page.evaluate(() => {
      const height = (sel: string) => document.querySelector(sel)?.getBoundingClientRect().height;
      return {
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
        scrollHeight: document.documentElement.scrollHeight,
        viewings: height('section[aria-labelledby="my-access"]') ?? Infinity,
        consents: height('[data-testid="my-consents"]') ?? 0,
      };
    });
    expect(size.scrollWidth).toBeLessThanOrEqual(size.clientWidth);
    expect(size.clientWidth).toBe(PHONE.width);
    const lines = await sessions.count();
    expect(size.viewings / lines, JSON.stringify(size)).toBeLessThan(PHONE.height / 3);
    expect(size.scrollHeight - size.consents, JSON.stringify(size)).toBeLessThan(3 * PHONE.height);
    for (const line of await sessions.all()) {
      const box = await line.boundingBox();
      expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
    }

    expect(await seriousViolations(page)).toEqual([]);

    // « Voir plus » adds the next page, and the keyboard continues at its first line.
    await page.getByRole('button', { name: 'Voir plus' }).click();
    await expect(sessions.nth(SESSIONS_PER_PAGE)).toBeVisible();
    // On a line of the added page: a viewing recorded meanwhile (this very stack's other
    // accesses) may have put a line above it, so its rank is not fixed.
    const focusedRank = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('[data-testid="access-session"]')].indexOf(
          document.activeElement as Element,
        ),
      );
    await expect.poll(focusedRank).toBeGreaterThanOrEqual(SESSIONS_PER_PAGE);
    expect(await sessions.count()).toBeGreaterThan(SESSIONS_PER_PAGE);
    expect(await sessions.count()).toBeLessThanOrEqual(2 * SESSIONS_PER_PAGE);
    const after = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(after).toBeLessThanOrEqual(PHONE.width);

    // In English too.
    await page.getByRole('group', { name: 'Langue' }).getByRole('button', { name: 'EN' }).click();
    await expect(page.getByTestId('my-access-count')).toContainText(/viewings shown of/);
    await expect(gp.first().getByTestId('access-who')).toContainText('Médecin (Médecine générale)');
    await expect(sessions.first().getByTestId('access-purpose')).toContainText(/^Why: /);
  });
});

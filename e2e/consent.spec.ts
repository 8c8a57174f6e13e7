// The extended search as a GP lives it: the DRIMbox studies first, the regional archive
// behind the patient's consent, recorded in a dialog, then withdrawn in one click — and
// the gateway, not only the page, refusing the archive again afterwards.
import { expect, test, type Page } from '@playwright/test';
import { INS_TEST_OID } from '../dev/demo-identities';
import { loginWithPassword } from '../dev/idp/login-client';
import { readManifest, readStackInfo } from '../dev/stack/stackInfo';
import { loginThroughIdp } from './support/login';

const stack = readStackInfo();
const manifest = readManifest(stack);
const archive = stack.sources.find((s) => s.kind === 'regional')!;
const dubois = manifest.patients.find((p) => p.key === 'dubois')!;
const duboisStudies = manifest.studies.filter((s) => s.patientKey === 'dubois');
const atArchive = duboisStudies.filter((s) => (s.sourceIds as string[]).includes(archive.id));
const atDrimboxes = duboisStudies.filter((s) =>
  s.sourceIds.some((id) => stack.sources.find((x) => x.id === id)?.kind === 'drimbox'),
);
const row = (page: Page, uid: string) =>
  page.locator(`[data-testid="study-row"][data-study-uid="${uid}"]`);

test('a GP records consent for the extended search, sees and opens the archive, then withdraws it', async ({
  page,
}) => {
  expect(atArchive.length).toBeGreaterThan(0);
  await loginThroughIdp(page, 'medecin');
  await page.getByLabel('INS (NIR à 15 chiffres, clé comprise)').fill(dubois.ins!.id);
  await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
  await page.getByRole('button', { name: `Voir les examens de ${dubois.familyName}` }).click();

  // The DRIMboxes answer; the archive waits for consent and shows none of its studies.
  const archiveState = page.getByTestId(`studies-source-${archive.id}`);
  await expect(archiveState).toHaveAttribute('data-state', 'consentNeeded');
  await expect(page.getByTestId('study-row')).toHaveCount(atDrimboxes.length);
  for (const s of atArchive) await expect(row(page, s.studyInstanceUID)).toHaveCount(0);

  await archiveState.getByRole('button', { name: /Recherche étendue/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Recherche étendue dans l’archive régionale' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('consent-patient')).toContainText('DUBOIS');
  await expect(dialog.getByTestId('consent-information')).toContainText('retirer cet accord');
  await expect(dialog).toContainText('version drim-info-');
  await dialog.getByLabel('par écrit').check();
  await dialog.getByLabel('cette consultation').check();
  await dialog.getByRole('button', { name: 'Enregistrer le consentement' }).click();
  await expect(dialog).toBeHidden();

  // The archive's studies join the list, badged, with the consent's end date beside the source.
  await expect(archiveState).toHaveAttribute('data-state', 'loaded');
  await expect(page.getByTestId('study-row')).toHaveCount(duboisStudies.length);
  for (const s of atArchive) {
    await expect(row(page, s.studyInstanceUID).getByTestId('extended-access')).toHaveText(
      'Accès étendu',
    );
  }
  await expect(archiveState.getByTestId('consent-active-until')).toContainText(
    'Accès étendu jusqu’au',
  );

  // One archived study opens in the viewer and renders.
  await row(page, atArchive[0]!.studyInstanceUID).getByRole('button').first().click();
  await expect(page).toHaveURL(/\/study\//);
  await expect(page.getByTestId('viewport-0')).toHaveAttribute('data-render-state', 'rendered', {
    timeout: 30_000,
  });
  await page.goBack();

  // Withdrawn in one click: the archive asks for consent again and its studies are gone.
  await expect(archiveState).toHaveAttribute('data-state', 'loaded');
  // Withdrawing asks first: cancelled, nothing changes; confirmed, the consent goes.
  await archiveState.getByTestId('consent-revoke').click();
  const confirm = page.getByRole('dialog', { name: 'Retirer le consentement ?' });
  await expect(confirm).toContainText('nouveau consentement');
  await confirm.getByRole('button', { name: 'Annuler' }).click();
  await expect(confirm).toBeHidden();
  await expect(archiveState).toHaveAttribute('data-state', 'loaded');
  await archiveState.getByTestId('consent-revoke').click();
  await confirm.getByRole('button', { name: 'Retirer le consentement' }).click();
  await expect(archiveState).toHaveAttribute('data-state', 'consentNeeded');
  for (const s of atArchive) await expect(row(page, s.studyInstanceUID)).toHaveCount(0);
  await expect(page.getByTestId('study-row')).toHaveCount(atDrimboxes.length);

  // And the gateway refuses it, whatever a page would do.
  const { accessToken } = await loginWithPassword({
    idpUrl: stack.idpUrl,
    username: 'medecin',
    password: 'demo',
    redirectUri: `${stack.gatewayUrl}/auth/callback`,
  });
  const res = await fetch(
    `${stack.gatewayUrl}/dicomweb/${archive.id}/studies?PatientID=${dubois.ins!.id}&IssuerOfPatientID=${INS_TEST_OID}`,
    { headers: { authorization: `Bearer ${accessToken}` } },
  );
  expect(res.status).toBe(403);
  const outcome = (await res.json()) as { issue: { details: { coding: { code: string }[] } }[] };
  expect(outcome.issue[0]!.details.coding[0]!.code).toBe('consent_revoked');
});

test('a patient sees who accessed their data and withdraws a consent', async ({ page }) => {
  // A GP records a consent and searches the archive, through the API.
  const { accessToken } = await loginWithPassword({
    idpUrl: stack.idpUrl,
    username: 'medecin',
    password: 'demo',
    redirectUri: `${stack.gatewayUrl}/auth/callback`,
  });
  const created = await fetch(`${stack.gatewayUrl}/api/fhir/Consent`, {
    method: 'POST',
    headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/fhir+json' },
    body: JSON.stringify({
      resourceType: 'Consent',
      patient: { identifier: { system: `urn:oid:${INS_TEST_OID}`, value: dubois.ins!.id } },
      extension: [
        { url: 'urn:drim-viewer:consent:method', valueCode: 'oral' },
        { url: 'urn:drim-viewer:consent:information-version', valueString: 'drim-info-2026-01' },
        { url: 'urn:drim-viewer:consent:duration', valueDuration: { value: 3, code: 'd' } },
      ],
    }),
  });
  expect(created.status).toBe(201);

  await loginThroughIdp(page, 'patient1');
  await page.getByTestId('my-access-link').click();
  await expect(
    page.getByRole('heading', { name: 'Mes consentements et les accès à mes images' }),
  ).toBeVisible();
  // The GP of the test above searched and viewed: they are listed, by name (RPPS beside it).
  await expect(page.getByTestId('my-access-trace')).toContainText(/Claire LAMBERT|LAMBERT Claire/);
  await expect(page.getByTestId('my-access-trace')).toContainText('RPPS 99900012345');
  await expect(page.getByTestId('my-access-trace')).toContainText('consentement enregistré');
  const active = page.getByTestId('my-consents').locator('li[data-status="active"]');
  const before = await active.count();
  expect(before).toBeGreaterThan(0);
  await active
    .first()
    .getByRole('button', { name: /Retirer le consentement donné le/ })
    .click();
  await expect(active).toHaveCount(before - 1);
  await expect(page.getByTestId('my-consents')).toContainText('Retiré le');
});

test('a radiologist breaks the glass with a reason, and the patient reads it in « Mes accès »', async ({
  page,
  browser,
}) => {
  // The radiologist, not the GP: the GP's own specs expect the archive closed to them.
  const reason = `Patiente inconsciente, <b>AVC</b> suspecté (essai ${Date.now()})`;
  await loginThroughIdp(page, 'radiologue');
  await page.getByLabel('INS (NIR à 15 chiffres, clé comprise)').fill(dubois.ins!.id);
  await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
  await page.getByRole('button', { name: `Voir les examens de ${dubois.familyName}` }).click();
  const archiveState = page.getByTestId(`studies-source-${archive.id}`);
  await expect(archiveState).toHaveAttribute('data-state', 'consentNeeded');
  await archiveState.getByRole('button', { name: /Recherche étendue/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Recherche étendue dans l’archive régionale' });
  await dialog.getByText('Urgence : bris de glace').click();
  await expect(dialog).toContainText('visible du patient');

  // Invisible characters do not make a reason: the dialog says so, in French, and waits.
  const reasonField = dialog.getByLabel(/Motif de l’urgence/);
  await reasonField.fill('\u200B'.repeat(12));
  await dialog.getByRole('button', { name: 'Ouvrir l’accès en urgence' }).click();
  await expect(dialog.getByRole('alert')).toContainText(
    'au moins 10 caractères visibles ; il en compte 0',
  );
  await expect(archiveState).toHaveAttribute('data-state', 'consentNeeded');

  await reasonField.fill(`\u202E ${reason}\u200B\n`);
  await dialog.getByRole('button', { name: 'Ouvrir l’accès en urgence' }).click();
  await expect(dialog).toBeHidden();
  await expect(archiveState).toHaveAttribute('data-state', 'loaded');
  // The professional sees until when the emergency access stays open.
  await expect(archiveState.getByTestId('break-glass-until')).toContainText(
    /Accès en urgence \(bris de glace\) ouvert jusqu’au \d{1,2} \S+ \d{4}/,
  );

  const patientContext = await browser.newContext();
  const patientPage = await patientContext.newPage();
  await loginThroughIdp(patientPage, 'patient1');
  await patientPage.getByTestId('my-access-link').click();
  const trace = patientPage.getByTestId('my-access-trace');
  await expect(trace).toContainText(`accès en urgence (bris de glace) — motif : ${reason}`);
  await expect(trace).toContainText(/Paul MOREAU|MOREAU Paul/);
  await expect(trace).toContainText('RPPS 99900067890');
  // The archive searches made under that opening say why, too; and the reason stays text.
  await expect(
    trace
      .getByTestId('access-session')
      .filter({ hasText: 'recherche de vos examens' })
      .filter({ hasText: reason })
      .first(),
  ).toBeVisible();
  await expect(trace.locator('b')).toHaveCount(0);
  await patientContext.close();
});

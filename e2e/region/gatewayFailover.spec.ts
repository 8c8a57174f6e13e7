// The region profile's fault test: a gateway is killed (SIGKILL) while a viewer streams the
// 320-slice CT through the balancer. The broken stream is retried, frame by frame, through
// the balancer, which sends it to the gateway still alive: the series completes with no
// error shown. A consent and its trace record acknowledged before the kill are still there.
import { expect, test } from '@playwright/test';
import { INS_TEST_OID, PATIENTS } from '../../dev/demo-identities';
import { readManifest, readStackInfo } from '../../dev/stack/stackInfo';
import { loadRegionConfig } from '../../server/config/loadConfig';
import { openDatabase } from '../../server/storage/openDatabase';
import { CONSENT_EXT } from '../../src/domain/consent/consentExtensions';
import { accessTokenFor } from '../support/openStudyAs';
import { openStudyInApp, viewerHook } from '../support/viewerPage';

test.describe.configure({ timeout: 300_000 });

const SERIES_RETRIEVE = /\/dicomweb\/[^/]+\/studies\/[0-9.]+\/series\/[0-9.]+$/;
const FRAME_REQUEST = /\/frames\/[0-9]+$/;
/** The balancer names the gateway that answered (dev/stack/nginx.ts). */
const GATEWAY_HEADER = 'x-drim-gateway';

async function control(path: string): Promise<void> {
  const res = await fetch(`${readStackInfo().controlUrl}${path}`, { method: 'POST' });
  expect(res.status, `control ${path}`).toBe(204);
}

test('a gateway killed mid-load: the study finishes through the other, nothing acknowledged is lost', async ({
  page,
}) => {
  const stack = readStackInfo();
  const gateways = stack.gateways ?? [];
  expect(stack.profile).toBe('region');
  expect(gateways.length).toBeGreaterThanOrEqual(2);
  const ct = readManifest(stack).studies.find((s) => s.tags.includes('large-ct'))!;
  const seriesUid = ct.series[0]!.seriesInstanceUID;

  // Acknowledged before the kill: a consent (and, in the same transaction, its trace record).
  const robert = PATIENTS.find((p) => p.key === 'robert')!;
  const token = await accessTokenFor('radiologue');
  const recorded = await fetch(`${stack.gatewayUrl}/api/fhir/Consent`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/fhir+json' },
    body: JSON.stringify({
      resourceType: 'Consent',
      status: 'active',
      patient: { identifier: { system: `urn:oid:${INS_TEST_OID}`, value: robert.ins } },
      extension: [
        { url: CONSENT_EXT.method, valueCode: 'oral' },
        { url: CONSENT_EXT.informationVersion, valueString: 'drim-info-1' },
        { url: CONSENT_EXT.duration, valueCode: 'visit' },
      ],
    }),
  });
  expect(recorded.status).toBe(201);
  const consentId = ((await recorded.json()) as { id: string }).id;

  // The browser receives slowly, so the series is still streaming when its gateway dies.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: 4 * 1024 * 1024,
    uploadThroughput: -1,
  });
  await page.addInitScript(() => {
    (window as { __drimViewerTestEnabled?: boolean }).__drimViewerTestEnabled = true;
  });
  const seriesStream = page.waitForResponse(
    (r) => SERIES_RETRIEVE.test(new URL(r.url()).pathname),
    {
      timeout: 120_000,
    },
  );
  await openStudyInApp(page, 'radiologue', ct);
  const stream = await seriesStream;
  const servedBy = stream.headers()[GATEWAY_HEADER] ?? '';
  const victim = gateways.findIndex((g) => servedBy.endsWith(`:${new URL(g.url).port}`));
  expect(victim, `the stream's gateway (${servedBy})`).toBeGreaterThanOrEqual(0);
  const afterKill: number[] = [];
  page.on('response', (r) => {
    if (FRAME_REQUEST.test(new URL(r.url()).pathname)) afterKill.push(r.status());
  });
  await control(`/gateways/${victim}/kill`);
  try {
    await expect(page.getByTestId(`series-progress-${seriesUid}`)).toHaveAttribute(
      'data-complete',
      'true',
      { timeout: 240_000 },
    );
    const imageIds = await viewerHook<string[]>(page, 'imageIds', 'drim-stack-0');
    expect(imageIds).toHaveLength(ct.series[0]!.numberOfInstances);
    expect(await viewerHook<number>(page, 'imagesCached', imageIds)).toBe(imageIds.length);
    await expect(page.getByRole('alert')).toHaveCount(0);
    // The kill landed mid-stream: what the stream did not bring was asked again, frame by
    // frame, and the balancer sent it all to the gateway still alive.
    expect(afterKill.length).toBeGreaterThan(10);
    expect(afterKill.every((status) => status === 200)).toBe(true);
    await expect(page.getByTestId('viewport-0')).toHaveAttribute('data-render-state', 'rendered');
  } finally {
    await control(`/gateways/${victim}/start`);
  }

  const db = await openDatabase(loadRegionConfig(gateways[0]!.configPath).storage);
  try {
    const consent = await db.get<{ status: string }>('SELECT status FROM consents WHERE id = ?', [
      consentId,
    ]);
    expect(consent?.status).toBe('active');
    const traced = await db.get<{ n: number }>(
      'SELECT count(*) AS n FROM audit_events WHERE body LIKE ?',
      [`%${consentId}%`],
    );
    expect(Number(traced?.n)).toBeGreaterThanOrEqual(1);
  } finally {
    await db.close();
  }
});

// The gateway's region.json for the local stack: the same schema a real region fills in
// (server/config/region.example.json), pointed at the local Orthancs and demo IdP.
import fs from 'node:fs';
import path from 'node:path';
import { INS_TEST_OID } from '../demo-identities';
import type { StackLayout } from '../stack-layout';

/** What Orthanc's DICOMweb plugin 1.7 really honours in QIDO (STACK-NOTES). */
const ORTHANC_QIDO = {
  issuerOfPatientId: true,
  modalitiesInStudy: true,
  studyDateRange: true,
  bodyPartAtStudyLevel: false,
  maxResults: 200,
  decodesUrl: false,
};

/** Long enough for the 320-slice CT streamed whole on a busy CI machine (a few seconds). */
export const TEST_DEADLINE_MS = 20_000;

/** What the region profile's gateways add to the shared config (server/config/schema.ts). */
export interface RegionConfigExtras {
  storage?: { kind: 'sqlite' } | { kind: 'postgresql'; url: string; passwordFile: string };
  gateway?: { trustProxy: boolean; metricsPort?: number };
}

/**
 * `upstreamUrls`: a DICOMweb base per source id to use instead of Orthanc's own (the
 * launcher's delaying proxies, or the cache nginx).
 */
export function regionConfigFor(
  layout: StackLayout,
  upstreamUrls: Readonly<Record<string, string>> = {},
  extras: RegionConfigExtras = {},
): unknown {
  return {
    region: { name: 'Grand Est (démonstration)' },
    idp: {
      issuer: layout.idpUrl,
      clientId: 'drim-viewer',
      scope: 'openid profile drim',
      audience: 'urn:drim-viewer:gateway',
      // The stack's IdP registers /auth/launch (dev/idp/server.ts).
      launchRedirect: true,
    },
    sources: layout.sources.map((s) => ({
      id: s.id,
      label: s.label,
      kind: s.kind,
      upstream: { url: upstreamUrls[s.id] ?? s.dicomWebUrl },
      qido: ORTHANC_QIDO,
      timeoutMs: s.kind === 'regional' ? 15_000 : 8_000,
      // Tests wait for a trickling source to be cut off; the demo keeps the default (300 s).
      ...(layout.profile === 'test' ? { deadlineMs: TEST_DEADLINE_MS } : {}),
    })),
    // The search form proposes the test OID; no patient is named here (the home page's
    // source states are asked without one).
    demo: { insOid: INS_TEST_OID },
    ...(extras.gateway ? { gateway: extras.gateway } : {}),
    ...(extras.storage ? { storage: extras.storage } : {}),
  };
}

export function writeRegionConfig(
  layout: StackLayout,
  upstreamUrls: Readonly<Record<string, string>> = {},
  extras: RegionConfigExtras = {},
  file = layout.regionConfigPath,
): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(regionConfigFor(layout, upstreamUrls, extras), null, 2));
}

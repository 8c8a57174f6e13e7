// Downloads on the real stack (real IdP, real Orthancs): the study ZIP holds every instance
// the source has of the study and a DICOMDIR that dcmtk reads and that names every file; a
// patient gets her own study and nobody else's; the regional archive needs the patient's
// consent; every download, and every image saved from the viewer, leaves an « export »
// record in the access trace.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INS_TEST_OID, PATIENTS } from '../dev/demo-identities';
import type { Manifest, ManifestStudy } from '../dev/sample-data/manifest';
import type { StackInfo } from '../dev/stack/launch';
import { demoAccessToken, readManifest, readStackInfo } from '../dev/stack/stackInfo';
import { CONSENT_EXT } from '../src/domain/consent/consentExtensions';
import { readStudyZip } from './testing/studyZipContents';

const dubois = PATIENTS.find((p) => p.key === 'dubois')!;

let stack: StackInfo;
let manifest: Manifest;
const tokens: Record<string, string> = {};

const gw = (p: string, who: string | null, init: RequestInit = {}): Promise<Response> =>
  fetch(`${stack.gatewayUrl}${p}`, {
    ...init,
    headers: {
      ...(who ? { authorization: `Bearer ${tokens[who]}` } : {}),
      ...(init.body ? { 'content-type': 'application/json' } : {}),
      ...(init.headers as Record<string, string> | undefined),
    },
  });

const study = (key: string): ManifestStudy => {
  const found = manifest.studies.find((s) => s.key === key);
  if (!found) throw new Error(`no study ${key} in the manifest`);
  return found;
};

/** The key the viewer would hold for this study, sealed for `who`. */
async function keyFor(
  who: string,
  s: ManifestStudy,
  patient?: { issuer: string; id: string },
): Promise<string> {
  const res = await gw('/api/keys', who, {
    method: 'POST',
    body: JSON.stringify({
      kind: 'study',
      value: {
        studyInstanceUID: s.studyInstanceUID,
        sourceIds: s.sourceIds,
        ...(patient ? { patient: { identifiers: [patient] } } : {}),
      },
    }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { key: string }).key;
}

/** What the source itself lists for the study, straight from Orthanc. */
async function sopUidsAtSource(s: ManifestStudy): Promise<string[]> {
  const source = stack.sources.find((x) => x.id === s.sourceIds[0])!;
  const res = await fetch(
    `${source.dicomWebUrl}/studies/${s.studyInstanceUID}/instances?includefield=00080018`,
  );
  const rows = (await res.json()) as { '00080018': { Value: string[] } }[];
  return rows.map((r) => r['00080018'].Value[0]!).sort();
}

interface AuditEntry {
  resource: {
    subtype: { code: string }[];
    outcome: string;
    outcomeDesc: string;
    source: { site?: string };
    entity?: {
      description?: string;
      what?: { identifier?: { value: string } };
      detail?: { valueString: string }[];
    }[];
  };
}

async function exportsInTrace(
  who: string,
  patient: { issuer: string; id: string },
): Promise<AuditEntry['resource'][]> {
  const res = await gw(
    `/api/fhir/AuditEvent?patient=urn:oid:${patient.issuer}|${patient.id}&_count=200`,
    who,
  );
  expect(res.status).toBe(200);
  const entries = ((await res.json()) as { entry?: AuditEntry[] }).entry ?? [];
  return entries.map((e) => e.resource).filter((r) => r.subtype.some((c) => c.code === 'export'));
}

const formatOf = (r: AuditEntry['resource']): string | undefined =>
  r.entity?.find((e) => e.description === 'export')?.detail?.[0]?.valueString;
const uidsOf = (r: AuditEntry['resource']): string[] =>
  (r.entity ?? []).flatMap((e) => e.what?.identifier?.value ?? []);

beforeAll(async () => {
  stack = readStackInfo();
  manifest = readManifest(stack);
  const [patient1, patient2, medecin, radiologue] = await Promise.all(
    ['patient1', 'patient2', 'medecin', 'radiologue'].map((u) => demoAccessToken(u, stack)),
  );
  Object.assign(tokens, { patient1, patient2, medecin, radiologue });
});

afterAll(() => undefined);

describe('the study as a DICOM ZIP', () => {
  it('holds every instance of the study and a DICOMDIR naming every file', async () => {
    // Marie's CT at the JPEG-LS DRIMbox, with its report: images and a document.
    const ct = study('dubois-ct-thorax-2024');
    const key = await keyFor(
      'medecin',
      ct,
      dubois.ins ? { issuer: INS_TEST_OID, id: dubois.ins } : undefined,
    );
    const res = await gw(`/api/studies/${key}/download.zip`, 'medecin');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="examen-\d{8}\.zip"$/,
    );
    const zip = await readStudyZip(Buffer.from(await res.arrayBuffer()));

    expect(zip.files.size).toBe(ct.numberOfInstances + 1);
    expect([...zip.sopUids.values()].sort()).toEqual(await sopUidsAtSource(ct));
    expect(zip.sopUids.size).toBe(ct.numberOfInstances);
    // IHE PDI: files under DICOM/, every path component 1–8 of A–Z 0–9 _.
    for (const name of zip.sopUids.keys()) {
      expect(name).toMatch(/^DICOM(\/[A-Z0-9_]{1,8}){3}$/);
    }
    expect(zip.dicomdirDump).toContain('MediaStorageDirectoryStorage');
    expect([...zip.dicomdirFiles].sort()).toEqual([...zip.sopUids.keys()].sort());
    expect(zip.dicomdirDump.match(/"Directory Record" PATIENT/g)).toHaveLength(1);
    expect(zip.dicomdirDump.match(/"Directory Record" SERIES/g)?.length).toBeGreaterThan(
      ct.series.length,
    );
  });

  it('gives a patient her own study, and refuses her another patient’s', async () => {
    const own = study('dubois-mg-2026');
    const res = await gw(`/api/studies/${await keyFor('patient1', own)}/download.zip`, 'patient1');
    expect(res.status).toBe(200);
    const zip = await readStudyZip(Buffer.from(await res.arrayBuffer()));
    expect([...zip.sopUids.values()].sort()).toEqual(await sopUidsAtSource(own));

    const jean = manifest.studies.find((s) => s.patientKey === 'martin')!;
    const refused = await gw(
      `/api/studies/${await keyFor('patient1', jean)}/download.zip`,
      'patient1',
    );
    expect(refused.status).toBe(403);
    const body = await refused.text();
    expect(body).toContain('forbidden');
    expect(body).not.toContain('MARTIN');
  });

  it('opens the regional archive only under the patient’s consent', async () => {
    // Richard's CT is only at the archive, and no other test records a consent for him.
    const ct = study('richard-ct-thorax-2021');
    const richard = manifest.patients.find((p) => p.key === 'richard')!;
    const local = richard.localIds.find((l) => l.sourceId === 'archive-regionale')!;
    const key = await keyFor('radiologue', ct, { issuer: local.issuer, id: local.id });

    const refused = await gw(`/api/studies/${key}/download.zip`, 'radiologue');
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('consent_required');

    const consent = await gw('/api/fhir/Consent', 'radiologue', {
      method: 'POST',
      headers: { 'content-type': 'application/fhir+json' },
      body: JSON.stringify({
        resourceType: 'Consent',
        status: 'active',
        patient: { identifier: { system: `urn:oid:${local.issuer}`, value: local.id } },
        extension: [
          { url: CONSENT_EXT.method, valueCode: 'oral' },
          { url: CONSENT_EXT.informationVersion, valueString: 'drim-info-1' },
          { url: CONSENT_EXT.duration, valueCode: 'visit' },
        ],
      }),
    });
    expect(consent.status).toBe(201);
    const res = await gw(`/api/studies/${key}/download.zip`, 'radiologue');
    expect(res.status).toBe(200);
    const zip = await readStudyZip(Buffer.from(await res.arrayBuffer()));
    expect(zip.sopUids.size).toBe(ct.numberOfInstances);
  });

  it('follows a one-minute ticket once, without a token', async () => {
    const mg = study('dubois-mg-2026');
    const ticket = await gw(
      `/api/studies/${await keyFor('patient1', mg)}/download-ticket`,
      'patient1',
      {
        method: 'POST',
        body: JSON.stringify({}),
      },
    );
    expect(ticket.status).toBe(200);
    const { url } = (await ticket.json()) as { url: string };
    expect(url).toMatch(/^\/api\/downloads\/[A-Za-z0-9_-]+\/examen\.zip$/);
    expect(url).not.toContain(dubois.ins!);
    const first = await gw(url, null);
    expect(first.status).toBe(200);
    expect((await readStudyZip(Buffer.from(await first.arrayBuffer()))).sopUids.size).toBe(
      mg.numberOfInstances,
    );
    const again = await gw(url, null);
    expect(again.status).toBe(404);
    const forged = await gw(`${url.slice(0, 20)}AAAA${url.slice(24)}`, null);
    expect(forged.status).toBe(404);
  });
});

describe('the access trace', () => {
  it('records each download and each saved image as an export the patient sees', async () => {
    const marie = { issuer: INS_TEST_OID, id: dubois.ins! };
    const mg = study('dubois-mg-2026');
    const key = await keyFor('medecin', mg, marie);
    const res = await gw(`/api/studies/${key}/download.zip`, 'medecin');
    expect(res.status).toBe(200);
    await res.arrayBuffer();

    const series = mg.series.find((s) => s.modality === 'MG')!;
    const saved = await gw(`/api/studies/${key}/exports`, 'medecin', {
      method: 'POST',
      body: JSON.stringify({
        format: 'png',
        annotations: true,
        seriesInstanceUID: series.seriesInstanceUID,
        sopInstanceUID: series.firstSopInstanceUID,
      }),
    });
    expect(saved.status).toBe(204);
    // Jean cannot record (nor so learn of) an export of Marie's image.
    const theirs = await gw(`/api/studies/${await keyFor('patient2', mg)}/exports`, 'patient2', {
      method: 'POST',
      body: JSON.stringify({
        format: 'jpeg',
        annotations: false,
        seriesInstanceUID: series.seriesInstanceUID,
        sopInstanceUID: series.firstSopInstanceUID,
      }),
    });
    expect(theirs.status).toBe(403);
    const bad = await gw(`/api/studies/${key}/exports`, 'medecin', {
      method: 'POST',
      body: JSON.stringify({ format: 'gif', annotations: false }),
    });
    expect(bad.status).toBe(400);

    // The gateway writes the ZIP's record once the last byte has left.
    await expect
      .poll(async () => (await exportsInTrace('patient1', marie)).map(formatOf), { timeout: 5000 })
      .toEqual(expect.arrayContaining(['dicom-zip', 'png+annotations']));
    const records = await exportsInTrace('patient1', marie);
    const zipRecord = records.find(
      (r) => formatOf(r) === 'dicom-zip' && uidsOf(r).includes(`urn:oid:${mg.studyInstanceUID}`),
    );
    expect(zipRecord?.outcome).toBe('0');
    expect(zipRecord?.source.site).toBe(mg.sourceIds[0]);
    const image = records.find((r) => formatOf(r) === 'png+annotations')!;
    expect(uidsOf(image)).toEqual(
      expect.arrayContaining([
        `urn:oid:${mg.studyInstanceUID}`,
        `urn:oid:${series.seriesInstanceUID}`,
        `urn:oid:${series.firstSopInstanceUID}`,
      ]),
    );
    // Refusals are traced too, and say so.
    expect(records.some((r) => r.outcome === '4')).toBe(true);
  });
});

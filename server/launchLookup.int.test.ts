// A STUDY launch's exam looked up by the gateway at claim time (server/launch/claimLookup.ts),
// on the real stack: the claim brings every source's answer and a study key sealed for the
// claimant only; the searches are traced like the browser's own; a patient's link finds
// only that patient, even from a source that ignores the patient filter; a UID held under two
// persons never comes back as one opened exam.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INS_TEST_OID, PATIENTS } from '../dev/demo-identities';
import { str, type DicomDataset } from '../src/domain/dicom/dicomJson';
import { seriesToShowFirst } from '../src/domain/viewer/firstSeries';
import { PREVIEW_ACCEPT, previewPath } from '../src/domain/viewer/previewPath';
import {
  previewAheadOf,
  readStudySeries,
  SERIES_PATIENT_FIELDS,
} from '../src/domain/viewer/studySeries';
import { plantConflictingStudy, type PlantedConflict } from '../dev/sample-data/conflictingStudy';
import type { Manifest, ManifestStudy } from '../dev/sample-data/manifest';
import type { StackInfo } from '../dev/stack/launch';
import {
  demoAccessToken,
  launchKeyOf,
  readManifest,
  readStackInfo,
  setSourceFault,
} from '../dev/stack/stackInfo';

const dubois = PATIENTS.find((p) => p.key === 'dubois')!;
const martin = PATIENTS.find((p) => p.key === 'martin')!;
const cx = (ins: string) => encodeURIComponent(`${ins}^^^&${INS_TEST_OID}&ISO`);

let stack: StackInfo;
let manifest: Manifest;
let conflict: PlantedConflict;
const tokens: Record<string, string> = {};

interface ClaimAnswer {
  kind: string;
  lookup?: {
    answers: { sourceId: string; ok: boolean; datasets?: unknown[]; consentRequired?: boolean }[];
    study?: {
      key: string;
      value: Record<string, unknown>;
      series?: { sourceId: string; datasets: DicomDataset[] };
      first?: {
        seriesInstanceUID: string;
        preview: { sopInstanceUID: string; frame: number; query: string } | null;
      };
    };
  };
}

const gw = (p: string, who: string, init: RequestInit = {}): Promise<Response> =>
  fetch(`${stack.gatewayUrl}${p}`, {
    ...init,
    headers: { authorization: `Bearer ${tokens[who]}`, ...(init.headers ?? {}) },
  });

/** Follows the DPI's link as far as the gateway's 303, and claims it as `who`. */
async function launchAndClaim(linkPath: string, who: string): Promise<ClaimAnswer> {
  const link = await fetch(`${stack.gatewayUrl}${linkPath}`, { redirect: 'manual' });
  expect(link.status).toBe(303);
  const key = launchKeyOf(link.headers.get('location'));
  expect(key).toBeDefined();
  const claim = await gw(`/api/launch/${key}/claim`, who, { method: 'POST' });
  expect(claim.status).toBe(200);
  return (await claim.json()) as ClaimAnswer;
}

const studyOf = (key: string): ManifestStudy => {
  const s = manifest.studies.find((x) => x.key === key);
  if (!s) throw new Error(`no study ${key} in the manifest`);
  return s;
};

/** The newest record of the patient's access trace, by its number (0 when there is none):
 * a page of records is bounded, a number keeps growing whatever ran before. */
async function newestTrace(patientIns: string, who: string): Promise<number> {
  const res = await gw(
    `/api/fhir/AuditEvent?patient=urn:oid:${INS_TEST_OID}|${patientIns}&_count=1`,
    who,
  );
  expect(res.status).toBe(200);
  const first = ((await res.json()) as { entry?: { fullUrl?: string }[] }).entry?.[0];
  return Number(first?.fullUrl?.replace('AuditEvent/', '') ?? 0);
}

beforeAll(async () => {
  stack = readStackInfo();
  manifest = readManifest(stack);
  const [medecin, radiologue, patient1] = await Promise.all(
    ['medecin', 'radiologue', 'patient1'].map((u) => demoAccessToken(u, stack)),
  );
  Object.assign(tokens, { medecin, radiologue, patient1 });
  conflict = await plantConflictingStudy(stack, manifest);
});

afterAll(async () => {
  await conflict?.remove();
  await Promise.all(stack.sources.map((s) => setSourceFault(s.id, 'none')));
});

describe('a STUDY launch looked up by the gateway at claim time', () => {
  it('answers with every source and a key to the exam that opens for the claimant only', async () => {
    const study = studyOf('dubois-ct-thorax-2026');
    const claimed = await launchAndClaim(
      `/IHEInvokeImageDisplay?requestType=STUDY&studyUID=${study.studyInstanceUID}&patientID=${cx(dubois.ins!)}`,
      'medecin',
    );
    const lookup = claimed.lookup;
    expect(lookup).toBeDefined();
    expect(new Set(lookup!.answers.map((a) => a.sourceId))).toEqual(
      new Set(stack.sources.map((s) => s.id)),
    );
    for (const id of study.sourceIds) {
      expect(lookup!.answers.find((a) => a.sourceId === id)?.ok).toBe(true);
    }
    const sealed = lookup!.study;
    expect(sealed?.value).toMatchObject({
      studyInstanceUID: study.studyInstanceUID,
      patient: { identifiers: expect.arrayContaining([{ issuer: INS_TEST_OID, id: dubois.ins }]) },
    });
    expect(sealed!.value.sourceIds).toEqual(expect.arrayContaining(study.sourceIds));
    // The key holds exactly what the claim said, for this user; another user's is refused.
    const opened = await gw(`/api/keys/${sealed!.key}`, 'medecin');
    expect(opened.status).toBe(200);
    expect(await opened.json()).toEqual({ kind: 'study', value: sealed!.value });
    expect((await gw(`/api/keys/${sealed!.key}`, 'radiologue')).status).toBe(404);
  });

  it('traces its searches in the patient’s access trace, as the browser’s own', async () => {
    const study = studyOf('dubois-mr-knee-2025');
    const before = await newestTrace(dubois.ins!, 'patient1');
    await launchAndClaim(
      `/IHEInvokeImageDisplay?requestType=STUDY&studyUID=${study.studyInstanceUID}&patientID=${cx(dubois.ins!)}`,
      'medecin',
    );
    await expect.poll(() => newestTrace(dubois.ins!, 'patient1')).toBeGreaterThan(before);
  });

  it('gives a patient’s own link only that patient’s exam, even under a UID two persons share', async () => {
    const claimed = await launchAndClaim(
      `/lien-patient/IHEInvokeImageDisplay?requestType=STUDY&studyUID=${conflict.studyInstanceUID}&patientID=${cx(dubois.ins!)}`,
      'patient1',
    );
    const lookup = claimed.lookup!;
    const text = JSON.stringify(lookup);
    expect(text).not.toContain(martin.ins!);
    expect(text).not.toContain(martin.familyName);
    expect(lookup.study?.value).toMatchObject({
      studyInstanceUID: conflict.studyInstanceUID,
      patient: { identifiers: expect.arrayContaining([{ issuer: INS_TEST_OID, id: dubois.ins }]) },
    });
  });

  it('opens nothing of another patient when a source ignores the patient filter', async () => {
    const other = studyOf('martin-ct-thorax-2026');
    await Promise.all(other.sourceIds.map((id) => setSourceFault(id, 'ignores-patient-filter')));
    try {
      // Marie's own link, naming Jean's exam: the source answers it despite her INS.
      const own = await launchAndClaim(
        `/lien-patient/IHEInvokeImageDisplay?requestType=STUDY&studyUID=${other.studyInstanceUID}&patientID=${cx(dubois.ins!)}`,
        'patient1',
      );
      expect(own.lookup?.study).toBeUndefined();
      const text = JSON.stringify(own.lookup);
      for (const trace of [martin.ins!, martin.familyName]) expect(text).not.toContain(trace);
      // A GP's link naming Marie with Jean's exam: no key to someone else's exam either.
      const gp = await launchAndClaim(
        `/IHEInvokeImageDisplay?requestType=STUDY&studyUID=${other.studyInstanceUID}&patientID=${cx(dubois.ins!)}`,
        'medecin',
      );
      expect(gp.lookup?.study).toBeUndefined();
    } finally {
      await Promise.all(other.sourceIds.map((id) => setSourceFault(id, 'none')));
    }
  });

  it('seals no key when the UID names two persons and the link names nobody', async () => {
    const claimed = await launchAndClaim(
      `/IHEInvokeImageDisplay?requestType=STUDY&studyUID=${conflict.studyInstanceUID}`,
      'medecin',
    );
    // The browser asks the GP whose exam to open, from these answers.
    expect(claimed.lookup?.answers.length).toBe(stack.sources.length);
    expect(claimed.lookup?.study).toBeUndefined();
  });

  it('brings what the viewer asks first: its series list, its first image’s preview request', async () => {
    const study = studyOf('dubois-ct-thorax-2026');
    const claimed = await launchAndClaim(
      `/IHEInvokeImageDisplay?requestType=STUDY&studyUID=${study.studyInstanceUID}&patientID=${cx(dubois.ins!)}`,
      'medecin',
    );
    const sealed = claimed.lookup!.study!;
    // The source the viewer tries first, answering as it answers the viewer itself.
    const sourceId = (sealed.value.sourceIds as string[])[0]!;
    expect(sealed.series?.sourceId).toBe(sourceId);
    const base = `/dicomweb/${sourceId}/studies/${study.studyInstanceUID}`;
    const own = await gw(
      `${base}/series?includefield=${SERIES_PATIENT_FIELDS.join(',')}`,
      'medecin',
    );
    const asked = (await own.json()) as DicomDataset[];
    const uids = (list: DicomDataset[]) => list.map((ds) => str(ds, '0020000E')).sort();
    expect(uids(sealed.series!.datasets)).toEqual(uids(asked));
    expect(uids(asked)).toEqual(
      expect.arrayContaining(study.series.map((s) => s.seriesInstanceUID)),
    );

    // The first series and its preview, as the viewer decides them from its own answers.
    const patient = [{ issuer: INS_TEST_OID, id: dubois.ins! }];
    const split = readStudySeries(asked, { patient, mayChoose: true });
    if (split?.kind !== 'open') throw new Error(`the viewer would not open it: ${split?.kind}`);
    const first = seriesToShowFirst(split.series)!;
    expect(sealed.first?.seriesInstanceUID).toBe(first.seriesInstanceUID);
    const metadata = await gw(`${base}/series/${first.seriesInstanceUID}/metadata`, 'medecin', {
      headers: { accept: 'application/dicom+json' },
    });
    // Asked at the claim already: the viewer's own request is answered from memory.
    expect(metadata.headers.get('x-drim-cache')).toBe('hit');
    const preview = previewAheadOf((await metadata.json()) as DicomDataset[], patient);
    expect(preview).toMatchObject({ frame: 1, query: expect.stringMatching(/^window=/) });
    expect(sealed.first?.preview).toEqual(preview);
  });

  it('asks the first image’s preview at once, and hands it to the claimant’s own request only', async () => {
    const study = studyOf('dubois-ct-thorax-2026');
    const claimed = await launchAndClaim(
      `/IHEInvokeImageDisplay?requestType=STUDY&studyUID=${study.studyInstanceUID}&patientID=${cx(dubois.ins!)}`,
      'medecin',
    );
    const sealed = claimed.lookup!.study!;
    const address = {
      sourceId: sealed.series!.sourceId,
      studyInstanceUID: study.studyInstanceUID,
      seriesInstanceUID: sealed.first!.seriesInstanceUID,
    };
    const path = previewPath(address, sealed.first!.preview!);
    const png = { headers: { accept: PREVIEW_ACCEPT } };
    // Another professional asking the same image meanwhile has it from the source.
    const other = await gw(path, 'radiologue', png);
    expect(other.status).toBe(200);
    expect(other.headers.get('x-drim-cache')).toBeNull();
    const rendered = Buffer.from(await other.arrayBuffer());

    const before = await newestTrace(dubois.ins!, 'patient1');
    const own = await gw(path, 'medecin', png);
    expect(own.status).toBe(200);
    expect(own.headers.get('x-drim-cache')).toBe('ahead');
    expect(own.headers.get('content-type')).toMatch(/^image\/png/);
    expect(Buffer.from(await own.arrayBuffer()).equals(rendered)).toBe(true);
    // Still an access of the GP's, traced as any other.
    await expect.poll(() => newestTrace(dubois.ins!, 'patient1')).toBeGreaterThan(before);
    // Held for one request: the next one is the source's again.
    const again = await gw(path, 'medecin', png);
    expect(again.status).toBe(200);
    expect(again.headers.get('x-drim-cache')).toBeNull();
  });

  it('brings nothing of the other person a UID also names, the patient’s own link or a GP’s', async () => {
    const intruder = [conflict.intruderSeriesUID, ...conflict.intruderInstanceUIDs];
    const link = `IHEInvokeImageDisplay?requestType=STUDY&studyUID=${conflict.studyInstanceUID}&patientID=${cx(dubois.ins!)}`;
    // The patient: the gateway answers her with her own series only, so the list comes.
    const own = (await launchAndClaim(`/lien-patient/${link}`, 'patient1')).lookup!.study!;
    expect(own.series?.datasets.length).toBeGreaterThan(0);
    for (const ds of own.series!.datasets) {
      expect(conflict.hostSeriesUIDs).toContain(str(ds, '0020000E'));
    }
    // The GP: the source lists both persons' series; the viewer sets his aside itself.
    const gp = (await launchAndClaim(`/${link}`, 'medecin')).lookup!.study!;
    expect(gp.value.studyInstanceUID).toBe(conflict.studyInstanceUID);
    for (const sealed of [own, gp]) {
      const text = JSON.stringify({ series: sealed.series, first: sealed.first });
      for (const trace of [martin.ins!, martin.familyName, ...intruder]) {
        expect(text).not.toContain(trace);
      }
      if (sealed.first) expect(conflict.hostSeriesUIDs).toContain(sealed.first.seriesInstanceUID);
    }
  });

  it('under a UID two persons share, holds the patient’s own first image and never hands her his', async () => {
    const link = `IHEInvokeImageDisplay?requestType=STUDY&studyUID=${conflict.studyInstanceUID}&patientID=${cx(dubois.ins!)}`;
    const own = (await launchAndClaim(`/lien-patient/${link}`, 'patient1')).lookup!.study!;
    expect(conflict.hostSeriesUIDs).toContain(own.first!.seriesInstanceUID);
    const png = { headers: { accept: PREVIEW_ACCEPT } };
    const mine = previewPath(
      {
        sourceId: own.series!.sourceId,
        studyInstanceUID: conflict.studyInstanceUID,
        seriesInstanceUID: own.first!.seriesInstanceUID,
      },
      own.first!.preview!,
    );
    const held = await gw(mine, 'patient1', png);
    expect(held.status).toBe(200);
    expect(held.headers.get('x-drim-cache')).toBe('ahead');
    // His image, asked the same way: refused at its instance UID, before anything held.
    const his = previewPath(
      {
        sourceId: conflict.sourceId,
        studyInstanceUID: conflict.studyInstanceUID,
        seriesInstanceUID: conflict.intruderSeriesUID,
      },
      { ...own.first!.preview!, sopInstanceUID: conflict.intruderInstanceUIDs[0]! },
    );
    const refused = await gw(his, 'patient1', png);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('x-drim-cache')).toBeNull();
  });

  it('looks nothing up for a PATIENT launch: the list does its own searches', async () => {
    const claimed = await launchAndClaim(
      `/IHEInvokeImageDisplay?requestType=PATIENT&patientID=${cx(dubois.ins!)}`,
      'medecin',
    );
    expect(claimed.kind).toBe('iid');
    expect(claimed.lookup).toBeUndefined();
  });
});

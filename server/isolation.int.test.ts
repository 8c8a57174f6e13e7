// Patient isolation against sources that are not consistent, on the real stack (real IdP,
// real Orthancs, the launcher's proxy playing the faults): a study UID held under two
// patients at a DRIMbox, a source that ignores the patient filter, list syntax in a search,
// and a source answering huge, trickling or absurdly nested JSON. Showing one patient's
// images to another is the worst bug this product can have: each test here failed on the
// gateway before it checked identity where the data is.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INS_TEST_OID, PATIENTS } from '../dev/demo-identities';
import { plantConflictingStudy, type PlantedConflict } from '../dev/sample-data/conflictingStudy';
import type { Manifest } from '../dev/sample-data/manifest';
import type { StackInfo } from '../dev/stack/launch';
import { TEST_DEADLINE_MS } from '../dev/stack/regionConfig';
import {
  demoAccessToken,
  readManifest,
  readStackInfo,
  setSourceFault,
} from '../dev/stack/stackInfo';
import { identifiersOf } from '../src/domain/identity/identifiersOf';
import type { DicomDataset } from '../src/domain/dicom/dicomJson';
import { readStudyZip } from './testing/studyZipContents';

const dubois = PATIENTS.find((p) => p.key === 'dubois')!;
const martin = PATIENTS.find((p) => p.key === 'martin')!;
const byIns = (ins: string) => `PatientID=${ins}&IssuerOfPatientID=${INS_TEST_OID}`;
const FRAME_ACCEPT = 'multipart/related; type="application/octet-stream"; transfer-syntax=*';

let stack: StackInfo;
let manifest: Manifest;
let conflict: PlantedConflict;
const tokens: Record<string, string> = {};

const login = (username: string): Promise<string> => demoAccessToken(username, stack);

const gw = (p: string, who: string, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(`${stack.gatewayUrl}${p}`, {
    headers: { authorization: `Bearer ${tokens[who]}`, ...headers },
  });

/** Whatever of Jean MARTIN could betray him in an answer. */
function martinTraces(conflictUids: readonly string[]): string[] {
  return [martin.ins!, martin.familyName, martin.birthDate, ...conflictUids];
}

function namesMarie(ds: DicomDataset): boolean {
  return identifiersOf(ds).some((i) => i.id === dubois.ins && i.issuer === INS_TEST_OID);
}

beforeAll(async () => {
  stack = readStackInfo();
  manifest = readManifest(stack);
  const [patient1, patient2, medecin] = await Promise.all([
    login('patient1'),
    login('patient2'),
    login('medecin'),
  ]);
  Object.assign(tokens, { patient1, patient2, medecin });
  conflict = await plantConflictingStudy(stack, manifest);
});

afterAll(async () => {
  await conflict?.remove();
  await Promise.all(stack.sources.map((s) => setSourceFault(s.id, 'none')));
});

describe('a study UID held under two patients at a DRIMbox', () => {
  const base = () => `/dicomweb/${conflict.sourceId}/studies/${conflict.studyInstanceUID}`;

  it('gives a patient nothing of the other patient, by any of the 14 routes', async () => {
    const jeanSeries = `${base()}/series/${conflict.intruderSeriesUID}`;
    const jeanInstance = `${jeanSeries}/instances/${conflict.intruderInstanceUIDs[0]}`;
    const routes: Array<[string, Record<string, string>?]> = [
      [`/dicomweb/${conflict.sourceId}/studies?${byIns(dubois.ins!)}`],
      [`/dicomweb/${conflict.sourceId}/series?${byIns(dubois.ins!)}`],
      [`${base()}/series`],
      [`${base()}/instances`],
      [`${jeanSeries}/instances`],
      [`${base()}/metadata`],
      [`${jeanSeries}/metadata`],
      [`${jeanInstance}/metadata`],
      [`${jeanInstance}/frames/1`, { accept: FRAME_ACCEPT }],
      [`${jeanInstance}/rendered`, { accept: 'image/jpeg' }],
      [`${jeanInstance}/bulk/7fe00010`],
      [jeanInstance, { accept: 'multipart/related; type="application/dicom"' }],
      [jeanSeries, { accept: 'multipart/related; type="application/dicom"' }],
      [base(), { accept: 'multipart/related; type="application/dicom"' }],
    ];
    const traces = martinTraces([conflict.intruderSeriesUID, ...conflict.intruderInstanceUIDs]);
    const outcomes: string[] = [];
    for (const [route, headers] of routes) {
      const res = await gw(route, 'patient1', headers);
      const bytes = Buffer.from(await res.arrayBuffer());
      const text = bytes.toString('latin1');
      for (const trace of traces) expect(text, `${route} holds ${trace}`).not.toContain(trace);
      if (res.status === 200 && /json/.test(res.headers.get('content-type') ?? '')) {
        const datasets = JSON.parse(bytes.toString('utf8')) as DicomDataset[];
        expect(datasets.every(namesMarie), route).toBe(true);
      } else {
        expect(res.status, route).toBeGreaterThanOrEqual(400);
      }
      outcomes.push(`${res.status}`);
    }
    // Her own study-scoped searches answer, the rest is refused.
    expect(outcomes.filter((s) => s === '200').length).toBeGreaterThanOrEqual(5);
  });

  it('still opens her own series under that UID, image included', async () => {
    const [own] = conflict.hostSeriesUIDs;
    const series = await gw(`${base()}/series`, 'patient1');
    const uids = ((await series.json()) as DicomDataset[]).map(
      (s) => (s['0020000E'] as { Value: string[] }).Value[0],
    );
    expect(uids).toEqual([own]);
    const metadata = (await (
      await gw(`${base()}/series/${own}/metadata`, 'patient1')
    ).json()) as DicomDataset[];
    const sop = (metadata[0]!['00080018'] as { Value: string[] }).Value[0];
    const frame = await gw(`${base()}/series/${own}/instances/${sop}/frames/1`, 'patient1', {
      accept: FRAME_ACCEPT,
    });
    expect(frame.status).toBe(200);
    expect((await frame.arrayBuffer()).byteLength).toBeGreaterThan(1000);
  });

  it('puts none of the other patient in a study ZIP, for her or for a professional opening it for her', async () => {
    const keyFor = async (who: string, forMarie: boolean): Promise<string> => {
      const res = await fetch(`${stack.gatewayUrl}/api/keys`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens[who]}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          kind: 'study',
          value: {
            studyInstanceUID: conflict.studyInstanceUID,
            sourceIds: [conflict.sourceId],
            ...(forMarie
              ? { patient: { identifiers: [{ issuer: INS_TEST_OID, id: dubois.ins }] } }
              : {}),
          },
        }),
      });
      expect(res.status).toBe(200);
      return ((await res.json()) as { key: string }).key;
    };
    const traces = martinTraces([conflict.intruderSeriesUID, ...conflict.intruderInstanceUIDs]);
    // Her account: the study a source mixes up is refused as a whole, as the study's own
    // retrieve is (her series still open one by one, above) — and the refusal names nobody.
    const refused = await gw(
      `/api/studies/${await keyFor('patient1', false)}/download.zip`,
      'patient1',
    );
    expect(refused.status).toBe(403);
    const refusal = await refused.text();
    for (const trace of traces) expect(refusal).not.toContain(trace);
    // A professional opening it for Marie gets her instances, none of Jean's.
    const res = await gw(`/api/studies/${await keyFor('medecin', true)}/download.zip`, 'medecin');
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    const zip = await readStudyZip(bytes);
    expect(zip.sopUids.size).toBeGreaterThan(0);
    for (const uid of conflict.intruderInstanceUIDs) expect(zip.sopUids.has(uid)).toBe(false);
    const text = bytes.toString('latin1');
    for (const trace of traces) expect(text, `the ZIP holds ${trace}`).not.toContain(trace);
  });

  it('shows a professional both patients, flagged, and traces the conflict for each', async () => {
    const res = await gw(`${base()}/series`, 'medecin');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-drim-patient-conflict')).toBe('1');
    const rows = (await res.json()) as DicomDataset[];
    const ids = new Set(rows.map((r) => identifiersOf(r)[0]?.id));
    expect(ids).toEqual(new Set([dubois.ins, martin.ins]));

    // Jean's own access trace shows that a professional read a study naming him, flagged.
    const trace = await gw(
      `/api/fhir/AuditEvent?patient=urn:oid:${INS_TEST_OID}|${martin.ins}&_count=50`,
      'patient2',
    );
    expect(trace.status).toBe(200);
    const events = ((await trace.json()) as { entry: { resource: Record<string, unknown> }[] })
      .entry;
    expect(
      events.some((e) => JSON.stringify(e.resource).includes('"description":"patient-conflict"')),
    ).toBe(true);
  });
});

describe('a source that ignores the patient filter', () => {
  it('hands a patient and a professional only the patient they asked for', async () => {
    const source = 'drimbox-nancy';
    await setSourceFault(source, 'ignores-patient-filter');
    try {
      // The fault is real: through the proxy, the search lists other people.
      const proxy = JSON.parse(fs.readFileSync(stack.regionConfigPath, 'utf8')) as {
        sources: { id: string; upstream: { url: string } }[];
      };
      const upstream = proxy.sources.find((s) => s.id === source)!.upstream.url;
      const raw = (await (
        await fetch(`${upstream}/studies?${byIns(dubois.ins!)}`)
      ).json()) as DicomDataset[];
      expect(raw.some((ds) => !namesMarie(ds))).toBe(true);

      for (const who of ['patient1', 'medecin']) {
        const res = await gw(`/dicomweb/${source}/studies?${byIns(dubois.ins!)}`, who);
        expect(res.status, who).toBe(200);
        const rows = (await res.json()) as DicomDataset[];
        const own = manifest.studies.filter(
          (s) => s.patientKey === 'dubois' && s.sourceIds.includes(source),
        );
        expect(rows.length, who).toBe(own.length);
        expect(rows.every(namesMarie), who).toBe(true);
      }
    } finally {
      await setSourceFault(source, 'none');
    }
  });
});

describe('list syntax in a search', () => {
  it.each([
    `PatientID=${dubois.ins},${martin.ins}&IssuerOfPatientID=${INS_TEST_OID}`,
    'AccessionNumber=,',
    'PatientID=,',
    'PatientID=%5C',
    `PatientID=${dubois.ins}&IssuerOfPatientID=${INS_TEST_OID},2.25.1`,
    'StudyInstanceUID=,',
    'PatientName=DUBOIS*,MARTIN*&PatientBirthDate=19580314',
  ])('refuses %s as fishing, for every user', async (query) => {
    for (const who of ['medecin', 'patient1']) {
      const res = await gw(`/dicomweb/drimbox-nancy/studies?${query}`, who);
      expect(res.status, who).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('fishing_query');
    }
  });
});

describe('a faulty source cannot exhaust or hang the gateway', () => {
  const source = 'drimbox-reims';
  const search = `/dicomweb/${source}/studies?${byIns(dubois.ins!)}`;
  afterAll(() => setSourceFault(source, 'none'));

  function rssMb(): number {
    const status = fs.readFileSync(`/proc/${stack.pids.gateway}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  }

  it('keeps its memory for JSON under the cap with twelve 60 MB answers at once', async () => {
    const config = JSON.parse(fs.readFileSync(stack.regionConfigPath, 'utf8')) as {
      gateway?: { jsonBufferMegabytes?: number };
    };
    const capMb = config.gateway?.jsonBufferMegabytes ?? 512;
    await setSourceFault(source, 'huge-json');
    const before = rssMb();
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb())), 20);
    const answers = await Promise.all(
      Array.from({ length: 12 }, async () => {
        const res = await gw(search, 'medecin');
        return { status: res.status, body: (await res.json()) as unknown };
      }),
    );
    clearInterval(sampler);
    console.log(
      `gateway RSS ${before.toFixed(0)} MB → peak ${peak.toFixed(0)} MB (cap ${capMb} MB); answers ${answers.map((a) => a.status).join(' ')}`,
    );
    // Each is either refused as too much at once, in French, or answered — and checked:
    // none of the 60 MB of strangers' studies reaches the professional.
    for (const a of answers) {
      if (a.status === 503) {
        expect(JSON.stringify(a.body)).toContain('trop de réponses volumineuses');
      } else {
        expect(a.status).toBe(200);
        expect(a.body).toEqual([]);
      }
    }
    expect(answers.some((a) => a.status === 503)).toBe(true);
    expect(peak - before).toBeLessThan(capMb);
    // And it still serves others.
    await setSourceFault(source, 'none');
    expect((await gw(search, 'medecin')).status).toBe(200);
  });

  it('ends a trickling answer with 504 within the deadline', async () => {
    await setSourceFault(source, 'trickle');
    const started = Date.now();
    const res = await gw(search, 'medecin');
    const took = Date.now() - started;
    expect(res.status).toBe(504);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain(
      'n’a pas répondu à temps',
    );
    expect(took).toBeGreaterThanOrEqual(TEST_DEADLINE_MS - 1000);
    expect(took).toBeLessThan(TEST_DEADLINE_MS + 5000);
  }, 60_000);

  it('answers 502 upstream_invalid to JSON nested a hundred thousand levels deep', async () => {
    await setSourceFault(source, 'deep-json');
    const res = await gw(search, 'medecin');
    expect(res.status).toBe(502);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('upstream_invalid');
    await setSourceFault(source, 'none');
    expect((await gw(search, 'medecin')).status).toBe(200);
  });
});

// The access trace route as « Mes accès » reads it, in-process against a fake DRIMbox: who
// each record names (from the token, at write time), page after page, with the patient's
// studies the page names.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGateway } from '../app';
import { startFakeIdp, type FakeIdp } from '../testing/fakeIdp';
import { startFakeUpstream, type FakeUpstream } from '../testing/fakeUpstream';
import { testConfig, testSource } from '../testing/testConfig';

const INS_OID = '1.2.250.1.213.1.4.10';
const DUBOIS = '258037512345653';
const STUDY = '1.2.826.0.1.3680043.8.498.7';

let idp: FakeIdp;
let up: FakeUpstream;
let app: FastifyInstance;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  idp = await startFakeIdp();
  up = await startFakeUpstream();
  // The DRIMbox holds one study of Dubois, described as a site writes it.
  up.handle((req, res) => {
    const url = req.url ?? '';
    const own = url.includes(`PatientID=${DUBOIS}`) || url.includes(STUDY);
    res.writeHead(200, { 'content-type': 'application/dicom+json' });
    res.end(
      JSON.stringify(
        own
          ? [
              {
                '0020000D': { vr: 'UI', Value: [STUDY] },
                '00100020': { vr: 'LO', Value: [DUBOIS] },
                '00100021': { vr: 'LO', Value: [INS_OID] },
                '00080020': { vr: 'DA', Value: ['20260602'] },
                '00080061': { vr: 'CS', Value: ['CT', 'DOC'] },
                '00081030': { vr: 'LO', Value: ['TDM THORAX'] },
              },
            ]
          : [],
      ),
    );
  });
  app = await buildGateway({
    config: testConfig(idp.issuer, [testSource('drimbox-a', up.base)]),
  });
  tokens.gp = await idp.sign({
    sub: 'medecin',
    role: 'professional',
    rpps: '99900012345',
    finess: '549999991',
    given_name: 'Claire',
    family_name: 'LAMBERT',
    SubjectRefPro: {
      exercices: [
        {
          codeProfession: '10',
          codeSavoirFaire: 'SM54',
          activities: [{ raisonSocialeSite: 'Cabinet médical du Parc' }],
        },
      ],
    },
  });
  tokens.old = await idp.sign({ sub: 'x', role: 'professional', rpps: '99900099999' });
  tokens.dubois = await idp.sign({ sub: 'p1', role: 'patient', ins: DUBOIS, ins_oid: INS_OID });
});

afterAll(async () => {
  await app.close();
  await up.close();
  await idp.close();
});

const auth = (who: string) => ({ authorization: `Bearer ${tokens[who]}` });
const read = (who: string) =>
  app.inject({ url: `/dicomweb/drimbox-a/studies/${STUDY}/series`, headers: auth(who) });

interface Bundle {
  link?: { relation: string; url: string }[];
  entry: { fullUrl: string; resource: Record<string, unknown>; search?: { mode: string } }[];
}
async function trace(query = ''): Promise<Bundle> {
  const res = await app.inject({ url: `/api/fhir/AuditEvent${query}`, headers: auth('dubois') });
  expect(res.statusCode).toBe(200);
  return res.json<Bundle>();
}

describe('the access trace, for the patient', () => {
  it('names the professional, their profession and structure, as their token did', async () => {
    expect((await read('gp')).statusCode).toBe(200);
    expect((await read('old')).statusCode).toBe(200);
    const events = (await trace()).entry.map((e) => e.resource);
    const [older, gp] = [
      events.find((e) => JSON.stringify(e.agent).includes('899900099999')),
      events.find((e) => JSON.stringify(e.agent).includes('899900012345')),
    ];
    expect(gp?.agent).toMatchObject([
      {
        who: { display: 'LAMBERT Claire' },
        role: [
          { text: 'professional' },
          { coding: [{ code: '10', display: 'Médecin' }] },
          { coding: [{ code: 'SM54', display: 'Médecine générale' }] },
        ],
        location: { display: 'Cabinet médical du Parc' },
      },
    ]);
    // A token without names: the numbers alone, as every record before.
    expect((older?.agent as { who: Record<string, unknown> }[])[0]!.who).not.toHaveProperty(
      'display',
    );
  });

  it('pages newest first through a `next` link, without overlap', async () => {
    for (let i = 0; i < 4; i++) expect((await read('gp')).statusCode).toBe(200);
    const all = (await trace()).entry.map((e) => e.fullUrl);
    expect(all.length).toBeGreaterThan(5);
    const seen: string[] = [];
    let query = '?_count=2';
    for (let page = 0; page < 20; page++) {
      const bundle = await trace(query);
      seen.push(...bundle.entry.map((e) => e.fullUrl));
      const next = bundle.link?.find((l) => l.relation === 'next');
      if (!next) break;
      expect(bundle.entry).toHaveLength(2);
      expect(next.url).toMatch(/^\/api\/fhir\/AuditEvent\?_count=2&_before=\d+$/);
      query = next.url.slice('/api/fhir/AuditEvent'.length);
    }
    // Reading the trace is itself traced: the pages see the records as they were at the start,
    // plus the newer reads, never one twice.
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(all));
  });

  it('includes the patient’s studies the page names, when asked the FHIR way', async () => {
    const bundle = await trace('?_include=AuditEvent:entity');
    const included = bundle.entry.filter((e) => e.search?.mode === 'include');
    expect(included.map((e) => e.resource)).toEqual([
      {
        resourceType: 'ImagingStudy',
        identifier: [{ system: 'urn:dicom:uid', value: `urn:oid:${STUDY}` }],
        status: 'available',
        subject: { identifier: { system: `urn:oid:${INS_OID}`, value: DUBOIS } },
        started: '2026-06-02',
        modality: [
          { system: 'http://dicom.nema.org/resources/ontology/DCM', code: 'CT' },
          { system: 'http://dicom.nema.org/resources/ontology/DCM', code: 'DOC' },
        ],
        description: 'TDM THORAX',
      },
    ]);
    expect((await trace()).entry.some((e) => e.search?.mode === 'include')).toBe(false);
  });

  it.each(['0', '-1', 'abc', '1.5'])('refuses _before=%s in French', async (before) => {
    const res = await app.inject({
      url: `/api/fhir/AuditEvent?_before=${before}`,
      headers: auth('dubois'),
    });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json())).toContain('_before');
  });
});

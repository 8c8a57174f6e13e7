// The consent API and the gating of `regional` sources, in-process against a fake source
// that counts what reaches it, with the gateway's clock in the test's hands.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildGateway } from '../app';
import { verifyChain } from '../audit/chain';
import { DATABASE_FILE } from '../storage/database';
import { SqliteDatabase } from '../storage/sqliteDatabase';
import { startFakeIdp, type FakeIdp } from '../testing/fakeIdp';
import { startFakeUpstream, type FakeUpstream } from '../testing/fakeUpstream';
import { testConfig, testSource } from '../testing/testConfig';
import { CONSENT_EXT } from '../../src/domain/consent/consentExtensions';

const INS_OID = '1.2.250.1.213.1.4.10';
const DUBOIS = { system: `urn:oid:${INS_OID}`, value: '258037512345653' };
const MARTIN = { system: `urn:oid:${INS_OID}`, value: '171115432101297' };
const BERNARD = { system: `urn:oid:${INS_OID}`, value: '285066748203195' };
const STUDY = '1.2.826.0.1.3680043.8.498.7';
const FRAMES = `studies/${STUDY}/series/${STUDY}.1/instances/${STUDY}.1.1/frames/1`;
const HOUR = 3_600_000;

let idp: FakeIdp;
let up: FakeUpstream;
let app: FastifyInstance;
let dataDir: string;
let now = Date.UTC(2026, 0, 15, 9, 0, 0);
const tokens: Record<string, string> = {};

const datasetOf = (patient: { value: string }, study: string) => ({
  '0020000D': { vr: 'UI', Value: [study] },
  '00100020': { vr: 'LO', Value: [patient.value] },
  '00100021': { vr: 'LO', Value: [INS_OID] },
});

beforeAll(async () => {
  idp = await startFakeIdp();
  up = await startFakeUpstream();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'drim-consent-'));
  const config = {
    ...testConfig(idp.issuer, [
      testSource('drimbox-a', up.base),
      testSource('archive', up.base, { kind: 'regional' }),
    ]),
    consent: { maxDays: 30, visitHours: 4, breakGlassMinutes: 15, auditReaders: ['99900000001'] },
  };
  app = await buildGateway({ config, dataDir, clock: () => now });
  const pro = { role: 'professional', finess: '549999991' };
  tokens.gp = await idp.sign({ ...pro, sub: 'medecin', rpps: '99900012345' });
  tokens.colleague = await idp.sign({ ...pro, sub: 'collegue', rpps: '99900099999' });
  tokens.dpo = await idp.sign({ ...pro, sub: 'dpo', rpps: '99900000001' });
  tokens.dubois = await idp.sign({
    sub: 'p1',
    role: 'patient',
    ins: DUBOIS.value,
    ins_oid: INS_OID,
  });
  tokens.martin = await idp.sign({
    sub: 'p2',
    role: 'patient',
    ins: MARTIN.value,
    ins_oid: INS_OID,
  });
});

afterAll(async () => {
  await app.close();
  await up.close();
  await idp.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

beforeEach(() => {
  up.seen.length = 0;
  // The source answers a study lookup with whoever the study belongs to (Dubois by default).
  up.handle((req, res) => {
    // …and lists a series' instances under the same patient.
    const listed = /\/studies\/([0-9.]+)\/series\/([0-9.]+)\/instances\?/.exec(req.url ?? '');
    if (listed) {
      const [, study = '', series = ''] = listed;
      res.writeHead(200, { 'content-type': 'application/dicom+json' });
      res.end(
        JSON.stringify([
          {
            ...datasetOf(studyOwner, study),
            '0020000E': { vr: 'UI', Value: [series] },
            '00080018': { vr: 'UI', Value: [`${series}.1`] },
          },
        ]),
      );
      return;
    }
    const asked = /StudyInstanceUID=([0-9.]+)/.exec(req.url ?? '')?.[1];
    if (asked) {
      res.writeHead(200, { 'content-type': 'application/dicom+json' });
      res.end(JSON.stringify([datasetOf(studyOwner, asked)]));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/dicom+json' }).end('[]');
  });
  studyOwner = DUBOIS;
});
let studyOwner = DUBOIS;

const auth = (who: string) => ({ authorization: `Bearer ${tokens[who]}` });
const search = (who: string, patient = DUBOIS, source = 'archive') =>
  app.inject({
    url: `/dicomweb/${source}/studies?PatientID=${patient.value}&IssuerOfPatientID=${patient.system.slice(8)}`,
    headers: auth(who),
  });
const frames = (who: string) =>
  app.inject({ url: `/dicomweb/archive/${FRAMES}`, headers: auth(who) });

function consentBody(
  patient = DUBOIS,
  duration: object = { valueCode: 'visit' },
  method = 'oral',
): Record<string, unknown> {
  return {
    resourceType: 'Consent',
    status: 'active',
    patient: { identifier: patient },
    extension: [
      { url: CONSENT_EXT.method, valueCode: method },
      { url: CONSENT_EXT.informationVersion, valueString: 'info-2026-01' },
      { url: CONSENT_EXT.duration, ...duration },
    ],
  };
}

const record = (who: string, body: unknown, contentType = 'application/fhir+json') =>
  app.inject({
    method: 'POST',
    url: '/api/fhir/Consent',
    headers: { ...auth(who), 'content-type': contentType },
    payload: JSON.stringify(body),
  });

const revoke = (who: string, id: string) =>
  app.inject({
    method: 'PATCH',
    url: `/api/fhir/Consent/${id}`,
    headers: { ...auth(who), 'content-type': 'application/json-patch+json' },
    payload: JSON.stringify([{ op: 'replace', path: '/status', value: 'inactive' }]),
  });

const errorCode = (res: { json(): unknown }): string | undefined =>
  (res.json() as { issue?: { details?: { coding?: { code?: string }[] } }[] }).issue?.[0]?.details
    ?.coding?.[0]?.code;

function traceRows(): { seq: number; body: Record<string, unknown> }[] {
  const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return (
      db.prepare('SELECT seq, body FROM audit_events ORDER BY seq').all() as {
        seq: number;
        body: string;
      }[]
    ).map((r) => ({ seq: r.seq, body: JSON.parse(r.body) as Record<string, unknown> }));
  } finally {
    db.close();
  }
}

/** Runs `act` and returns the trace records it left. */
/** Lets records of answered requests reach the queue, then writes them. */
const settle = async (): Promise<void> => {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
  await app.flushTrace();
};

async function traced<T>(
  act: () => Promise<T>,
): Promise<{ result: T; records: Record<string, unknown>[] }> {
  await settle();
  const before = traceRows().length;
  const result = await act();
  await settle();
  return {
    result,
    records: traceRows()
      .slice(before)
      .map((r) => r.body),
  };
}

describe('recording a consent', () => {
  it('refuses a body without the required fields, in French, as an OperationOutcome', async () => {
    const res = await record('gp', { resourceType: 'Consent', patient: { identifier: DUBOIS } });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/fhir+json');
    const outcome = res.json();
    expect(outcome.resourceType).toBe('OperationOutcome');
    expect(outcome.issue[0].details.text).toMatch(/^Consentement invalide — extension/);

    const bad = consentBody();
    (bad.extension as object[])[0] = { url: CONSENT_EXT.method, valueCode: 'telepathic' };
    const wrongMethod = await record('gp', bad);
    expect(wrongMethod.statusCode).toBe(400);
    expect(wrongMethod.json().issue[0].details.text).toContain('« oral » ou « written » attendu');

    const wildcard = await record('gp', consentBody({ system: DUBOIS.system, value: '2580*' }));
    expect(wildcard.statusCode).toBe(400);
    expect(wildcard.json().issue[0].details.text).toContain('identifiant du patient invalide');

    const tooLong = await record(
      'gp',
      consentBody(DUBOIS, { valueDuration: { value: 31, code: 'd' } }),
    );
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().issue[0].details.text).toContain('au plus 30 jours');

    const notJson = await app.inject({
      method: 'POST',
      url: '/api/fhir/Consent',
      headers: { ...auth('gp'), 'content-type': 'application/fhir+json' },
      payload: '{"resourceType": "Consent",',
    });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json().resourceType).toBe('OperationOutcome');
  });

  it('lets only professionals record one', async () => {
    const res = await record('dubois', consentBody());
    expect(res.statusCode).toBe(403);
    expect(res.json().issue[0].details.text).toContain('professionnel de santé');
  });

  it('records who, when and for how long from the token and the gateway clock', async () => {
    const res = await record('gp', {
      ...consentBody(DUBOIS, { valueDuration: { value: 7, code: 'd' } }, 'written'),
      // A browser claiming someone else collected it is ignored.
      performer: [{ identifier: { value: 'someone-else' } }],
    });
    expect(res.statusCode).toBe(201);
    const consent = res.json();
    expect(res.headers.location).toBe(`/api/fhir/Consent/${consent.id}`);
    expect(consent).toMatchObject({
      resourceType: 'Consent',
      status: 'active',
      patient: { identifier: DUBOIS },
      dateTime: new Date(now).toISOString(),
      performer: [{ identifier: { value: '899900012345' } }],
      organization: [{ identifier: { value: '1549999991' } }],
      provision: {
        period: {
          start: new Date(now).toISOString(),
          end: new Date(now + 7 * 24 * HOUR).toISOString(),
        },
      },
    });
    expect(consent.extension).toContainEqual({ url: CONSENT_EXT.method, valueCode: 'written' });
    expect(consent.extension).toContainEqual({
      url: CONSENT_EXT.informationVersion,
      valueString: 'info-2026-01',
    });
    const read = await app.inject({ url: `/api/fhir/Consent/${consent.id}`, headers: auth('gp') });
    expect(read.json()).toEqual(consent);
    await revoke('gp', consent.id);
  });
});

describe('the regional source without a consent', () => {
  it('refuses searches and retrieves with consent_required, and the source sees nothing', async () => {
    const s = await search('gp', BERNARD);
    expect(s.statusCode).toBe(403);
    expect(s.headers['content-type']).toContain('application/fhir+json');
    expect(s.json()).toMatchObject({
      resourceType: 'OperationOutcome',
      issue: [
        {
          severity: 'error',
          code: 'forbidden',
          details: { coding: [{ system: 'urn:drim-viewer:error', code: 'consent_required' }] },
        },
      ],
    });
    const f = await frames('gp');
    expect(f.statusCode).toBe(403);
    expect(errorCode(f)).toBe('consent_required');
    expect(up.seen).toHaveLength(0);
  });

  it('refuses a search that does not name the patient by (issuer, id)', async () => {
    const res = await app.inject({
      url: '/dicomweb/archive/studies?PatientID=258037512345653',
      headers: auth('gp'),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('émetteur');
    expect(up.seen).toHaveLength(0);
  });

  it('leaves the DRIMboxes open to professionals', async () => {
    expect((await search('gp', DUBOIS, 'drimbox-a')).statusCode).toBe(200);
    expect(up.seen).toHaveLength(1);
  });

  it('lets a patient read their own studies at the archive, and nobody else’s', async () => {
    expect((await search('dubois')).statusCode).toBe(200);
    expect((await search('dubois', MARTIN)).statusCode).toBe(403);
  });
});

describe('the regional source with a consent', () => {
  it('serves the consented patient to the professional who recorded it, for the visit only', async () => {
    const created = (await record('gp', consentBody())).json();
    expect((await search('gp')).statusCode).toBe(200);
    expect((await frames('gp')).statusCode).toBe(200);
    expect(up.seen.map((s) => s.url.split('?')[0])).toEqual([
      '/dicom-web/studies',
      '/dicom-web/studies', // the study → patient lookup
      `/dicom-web/studies/${STUDY}/series/${STUDY}.1/instances`, // …and the series' own
      `/dicom-web/${FRAMES}`,
    ]);

    up.seen.length = 0;
    // Another patient, another professional: nothing reaches the source.
    const other = await search('gp', MARTIN);
    expect(other.statusCode).toBe(403);
    expect(errorCode(other)).toBe('consent_required');
    expect(errorCode(await search('colleague'))).toBe('consent_required');
    expect(up.seen).toHaveLength(0);

    // A study of someone else: the lookup asks, the retrieve never goes.
    studyOwner = MARTIN;
    const foreign = await app.inject({
      url: `/dicomweb/archive/studies/${STUDY}.9/metadata`,
      headers: auth('gp'),
    });
    expect(foreign.statusCode).toBe(403);
    expect(up.seen.map((s) => s.url.split('?')[0])).toEqual(['/dicom-web/studies']);

    // The visit lasts visitHours (4 h here).
    now += 4 * HOUR;
    up.seen.length = 0;
    const expired = await search('gp');
    expect(expired.statusCode).toBe(403);
    expect(errorCode(expired)).toBe('consent_expired');
    expect(up.seen).toHaveLength(0);
    expect((await revoke('gp', created.id)).statusCode).toBe(200);
  });

  it('stops at once when revoked — by the patient, in one request — and says so', async () => {
    const created = (
      await record('gp', consentBody(DUBOIS, { valueDuration: { value: 30, code: 'd' } }))
    ).json();
    expect((await search('gp')).statusCode).toBe(200);

    // Another patient cannot see or revoke it.
    expect((await revoke('martin', created.id)).statusCode).toBe(404);
    const res = await revoke('dubois', created.id);
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('inactive');
    const revocation = res
      .json()
      .extension.find((e: { url: string }) => e.url === CONSENT_EXT.revocation);
    expect(revocation.extension).toContainEqual({
      url: 'time',
      valueDateTime: new Date(now).toISOString(),
    });
    expect(revocation.extension).toContainEqual({ url: 'role', valueCode: 'patient' });

    up.seen.length = 0;
    const refused = await search('gp');
    expect(refused.statusCode).toBe(403);
    expect(errorCode(refused)).toBe('consent_revoked');
    expect(up.seen).toHaveLength(0);

    // Revoked once; a second time is a conflict, and the record stays (never deleted).
    expect((await revoke('gp', created.id)).statusCode).toBe(409);
    expect(
      (await app.inject({ url: `/api/fhir/Consent/${created.id}`, headers: auth('dubois') })).json()
        .status,
    ).toBe('inactive');
  });

  it('accepts a PUT of the resource with status inactive, and nothing else', async () => {
    const created = (await record('gp', consentBody())).json();
    const put = (body: unknown) =>
      app.inject({
        method: 'PUT',
        url: `/api/fhir/Consent/${created.id}`,
        headers: { ...auth('gp'), 'content-type': 'application/fhir+json' },
        payload: JSON.stringify(body),
      });
    const extend = await put({
      ...created,
      provision: { period: { end: '2099-01-01T00:00:00Z' } },
    });
    expect(extend.statusCode).toBe(400);
    expect(extend.json().issue[0].details.text).toContain('Seule la révocation est permise');
    expect((await put({ ...created, status: 'inactive' })).statusCode).toBe(200);
  });

  it('lists a patient’s consents to the patient and to the professionals they cover', async () => {
    const list = async (who: string, query = '') =>
      app.inject({ url: `/api/fhir/Consent${query}`, headers: auth(who) });
    const mine = await list('dubois');
    expect(mine.json().resourceType).toBe('Bundle');
    expect(mine.json().total).toBeGreaterThan(0);
    expect(
      mine
        .json()
        .entry.every(
          (e: { resource: { patient: { identifier: unknown } } }) => e.resource.patient.identifier,
        ),
    ).toBe(true);
    expect(
      (await list('dubois', `?patient=${encodeURIComponent(`${MARTIN.system}|${MARTIN.value}`)}`))
        .statusCode,
    ).toBe(403);
    const q = `?patient=${encodeURIComponent(`${DUBOIS.system}|${DUBOIS.value}`)}`;
    expect((await list('gp', q)).json().total).toBe(mine.json().total);
    expect((await list('colleague', q)).json().total).toBe(0);
    expect((await list('gp')).statusCode).toBe(400);
  });
});

describe('break-the-glass', () => {
  const open = (who: string, body: unknown) =>
    app.inject({
      method: 'POST',
      url: '/api/break-glass',
      headers: { ...auth(who), 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });

  it('needs a reason of 10 visible characters at least, and 500 at most', async () => {
    for (const reason of [
      undefined,
      '',
      '   urgent  ',
      '\u200B'.repeat(12),
      `urgent${'\u200B\u202E\u2066'.repeat(4)}`,
      '\u3164'.repeat(12),
      'x'.repeat(501),
    ]) {
      const res = await open('gp', { patient: DUBOIS, reason });
      expect(res.statusCode).toBe(400);
      expect(errorCode(res)).toBe('break_glass_reason_required');
    }
    expect(errorCode(await search('gp'))).not.toBeUndefined();
  });

  it('opens the archive for that patient for a short time, every access flagged', async () => {
    const { result: opened, records } = await traced(() =>
      open('gp', { patient: DUBOIS, reason: 'Patiente inconsciente aux urgences, AVC suspecté' }),
    );
    expect(opened.statusCode).toBe(201);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      subtype: [{ code: 'break-glass' }],
      purposeOfEvent: [{ coding: [{ code: 'BTG' }, { code: 'bris_de_glace' }] }],
    });

    const { result: res, records: reads } = await traced(() => search('gp'));
    expect(res.statusCode).toBe(200);
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({
      subtype: [{ code: 'search' }],
      outcome: '0',
      purposeOfEvent: [{ coding: [{ code: 'BTG' }, { code: 'bris_de_glace' }] }],
    });
    // Only that patient, only that professional.
    expect((await search('gp', MARTIN)).statusCode).toBe(403);
    expect((await search('colleague')).statusCode).toBe(403);

    now += 15 * 60_000;
    expect(errorCode(await search('gp'))).toBe('consent_revoked');
  });

  it('stores and traces the normalised reason, which the patient reads with each access made under it', async () => {
    const raw = '\u202E Chute\u200B dans\n\n l’escalier,\u0000 patiente\u00A0confuse  ';
    const reason = 'Chute dans l’escalier, patiente confuse';
    const { result: opened, records } = await traced(() =>
      open('gp', { patient: DUBOIS, reason: raw }),
    );
    expect(opened.statusCode).toBe(201);
    const id = (opened.json() as { id: string }).id;
    const link = { system: 'urn:drim-viewer:break-glass', value: id };
    expect(records[0]!.entity).toContainEqual({
      what: { identifier: link },
      description: 'break-glass reason',
      detail: [{ type: 'reason', valueString: reason }],
    });
    const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
    expect(db.prepare('SELECT reason FROM break_glass WHERE id = ?').get(id)).toEqual({ reason });
    db.close();

    // Each access made under the opening carries its reason too: a page of the trace read
    // without the opening (older, on another page) still says why.
    const { records: reads } = await traced(() => frames('gp'));
    expect(reads[0]).toMatchObject({ subtype: [{ code: 'retrieve' }], outcome: '0' });
    expect(reads[0]!.entity).toContainEqual({
      what: { identifier: link },
      description: 'break-glass reason',
      detail: [{ type: 'reason', valueString: reason }],
    });

    const own = await app.inject({ url: '/api/fhir/AuditEvent', headers: auth('dubois') });
    expect(own.statusCode).toBe(200);
    type Event = {
      subtype: { code: string }[];
      entity?: { what?: { identifier?: { value?: string } }; detail?: unknown }[];
    };
    const events = (own.json() as { entry: { resource: Event }[] }).entry.map((e) => e.resource);
    const linked = (e: Event) => e.entity?.find((x) => x.what?.identifier?.value === id);
    const opening = events.find((e) => e.subtype[0]!.code === 'break-glass' && linked(e));
    expect(linked(opening!)?.detail).toEqual([{ type: 'reason', valueString: reason }]);
    expect(events.some((e) => e.subtype[0]!.code === 'retrieve' && linked(e))).toBe(true);
    for (const invisible of ['\u200B', '\u202E', '\u0000', '\\u200b', '\\u202e', '\\u0000']) {
      expect(own.body.toLowerCase()).not.toContain(invisible);
    }
    now += 15 * 60_000;
  });
});

describe('the access trace', () => {
  it('writes exactly one record per request, refusals included, as a valid chain', async () => {
    const cases: [string, () => Promise<{ statusCode: number }>, number, string][] = [
      ['refused search', () => search('gp'), 403, 'search'],
      ['DRIMbox search', () => search('gp', DUBOIS, 'drimbox-a'), 200, 'search'],
      ['consent', () => record('gp', consentBody()), 201, 'consent-created'],
      ['search', () => search('gp'), 200, 'search'],
      ['frames', () => frames('gp'), 200, 'retrieve'],
      [
        'own list',
        () => app.inject({ url: '/api/fhir/Consent', headers: auth('dubois') }),
        200,
        'consent-read',
      ],
    ];
    for (const [label, act, status, action] of cases) {
      const { result, records } = await traced(act);
      expect(result.statusCode, label).toBe(status);
      expect(records, label).toHaveLength(1);
      expect(records[0], label).toMatchObject({
        resourceType: 'AuditEvent',
        subtype: [{ code: action }],
        outcome: status < 400 ? '0' : '4',
        agent: [{ network: { address: '127.0.0.1' } }],
      });
    }
    const db = new SqliteDatabase(
      new Database(path.join(dataDir, DATABASE_FILE), { readonly: true }),
    );
    expect((await verifyChain(db)).ok).toBe(true);
    await db.close();
  });

  it('shows a patient who accessed their data, and nobody else but the region’s readers', async () => {
    const own = await app.inject({ url: '/api/fhir/AuditEvent', headers: auth('dubois') });
    expect(own.statusCode).toBe(200);
    const events = own.json().entry.map((e: { resource: Record<string, unknown> }) => e.resource);
    expect(events.length).toBeGreaterThan(3);
    expect(
      events.some(
        (e: { agent: { who: { identifier: { value: string } } }[] }) =>
          e.agent[0]!.who.identifier.value === '899900012345',
      ),
    ).toBe(true);
    const q = `?patient=${encodeURIComponent(`${DUBOIS.system}|${DUBOIS.value}`)}`;
    expect(
      (await app.inject({ url: `/api/fhir/AuditEvent${q}`, headers: auth('martin') })).statusCode,
    ).toBe(403);
    expect(
      (await app.inject({ url: `/api/fhir/AuditEvent${q}`, headers: auth('gp') })).statusCode,
    ).toBe(403);
    expect(
      (await app.inject({ url: `/api/fhir/AuditEvent${q}`, headers: auth('dpo') })).statusCode,
    ).toBe(200);
  });
});

import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import { buildGateway } from '../app';
import { makeAuthenticate } from '../auth/authenticate';
import { accessLogEntry, loggerOptions } from '../logging';
import { startFakeIdp, type FakeIdp } from '../testing/fakeIdp';
import { testConfig, testSource } from '../testing/testConfig';
import { openSqlite } from '../storage/sqliteDatabase';
import { LaunchStore } from './launchStore';
import { launchRoutes, launchStoresIn } from './routes';
import type { PendingLaunch } from './pendingLaunch';

const INS = '258037512345653';
const OID = '1.2.250.1.213.1.4.10';
const OTHER_INS = '171115432101297';
const STUDY = '2.25.275319063421465153528044866076526198073';
const cx = (id: string) => encodeURIComponent(`${id}^^^&${OID}&ISO`);

const contextualForm = (overrides: Record<string, string | undefined> = {}): string => {
  const fields: Record<string, string | undefined> = {
    'Patient.identifier.value': INS,
    'Patient.identifier.system': `urn:oid:${OID}`,
    'Patient.name.family': 'DUBOIS',
    'Patient.name.given': 'Marie',
    'Patient.gender': 'female',
    'Patient.birthDate': '1958-03-14',
    InformationEtConsentement: 'true',
    PatientID: 'P000481',
    PatientIDIssuer: '2.25.300347615237841104557914315431063110001',
    ...overrides,
  };
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) form.set(k, v);
  return form.toString();
};

let idp: FakeIdp;
let app: FastifyInstance;
let proToken: string;
let patientToken: string;
let otherPatientToken: string;

beforeAll(async () => {
  idp = await startFakeIdp();
  app = await buildGateway({
    config: testConfig(idp.issuer, [testSource('a', 'http://127.0.0.1:1')]),
  });
  proToken = await idp.sign({ sub: 'pro-1', role: 'professional', rpps: '99900012345' });
  patientToken = await idp.sign({ sub: 'pat-1', role: 'patient', ins: INS, ins_oid: OID });
  otherPatientToken = await idp.sign({
    sub: 'pat-2',
    role: 'patient',
    ins: OTHER_INS,
    ins_oid: OID,
  });
});

afterAll(async () => {
  await app.close();
  await idp.close();
});

const launchKeyOf = (location: unknown): string => {
  const match = /^\/launch\/([A-Za-z0-9_-]{43})$/.exec(String(location));
  if (!match?.[1]) throw new Error(`not a launch URL: ${String(location)}`);
  return match[1];
};

const claim = (key: string, token: string | null) =>
  app.inject({
    method: 'POST',
    url: `/api/launch/${key}/claim`,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });

const postForm = (body: string, accept = 'text/html,application/xhtml+xml') =>
  app.inject({
    method: 'POST',
    url: '/api/conso/parameters',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept },
    body,
  });

describe('IHE IID link', () => {
  it('answers 303 to an opaque launch URL without the INS, and no-referrer', async () => {
    const res = await app.inject({
      url: `/IHEInvokeImageDisplay?requestType=STUDY&studyUID=${STUDY}&patientID=${cx(INS)}&patientName=DUBOIS%5EMARIE`,
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cache-control']).toBe('no-store');
    const location = String(res.headers.location);
    launchKeyOf(location);
    expect(location).not.toMatch(/258037512345653|DUBOIS|2\.25\./);
  });

  it('hands the launch to the first user who claims it, exactly once', async () => {
    const res = await app.inject({
      url: `/IHEInvokeImageDisplay?requestType=PATIENT&patientID=${cx(INS)}&modalitiesInStudy=CT`,
    });
    const key = launchKeyOf(res.headers.location);
    expect((await claim(key, null)).statusCode).toBe(401);
    const first = await claim(key, proToken);
    expect(first.statusCode).toBe(200);
    expect(first.headers['cache-control']).toBe('no-store');
    expect(first.json()).toEqual({
      kind: 'iid',
      audience: 'professional',
      params: [
        ['requestType', 'PATIENT'],
        ['patientID', `${INS}^^^&${OID}&ISO`],
        ['modalitiesInStudy', 'CT'],
      ],
    });
    const second = await claim(key, proToken);
    expect(second.statusCode).toBe(404);
    expect(second.json().error.message).toMatch(/n’est plus valable.*Relancez/);
  });

  it('refuses a key it never issued', async () => {
    expect((await claim('A'.repeat(43), proToken)).statusCode).toBe(404);
    expect((await claim('not-a-key', proToken)).statusCode).toBe(404);
  });

  it('sends a malformed link to a French error page whose URL holds nothing of the link', async () => {
    const res = await app.inject({
      url: `/IHEInvokeImageDisplay?requestType=STUDY&patientID=${cx(INS)}&patientName=%3Cscript%3Ealert(1)%3C/script%3E`,
    });
    expect(res.statusCode).toBe(303);
    const location = String(res.headers.location);
    expect(location).toMatch(/^\/ouverture-impossible\/[A-Za-z0-9_-]{43}$/);
    const page = await app.inject({ url: location });
    expect(page.statusCode).toBe(400);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('lang="fr"');
    expect(page.body).toContain('L’imagerie n’a pas pu être ouverte');
    // Names the missing parameter and says what to do next.
    expect(page.body).toMatch(/studyUID/);
    expect(page.body).toContain('Que faire ?');
    expect(page.body).not.toContain('<script');
  });

  it('quotes nothing received, not even escaped', async () => {
    const res = await app.inject({
      url: `/IHEInvokeImageDisplay?requestType=%3Cimg%20src=x%20onerror=alert(1)%3E`,
    });
    const page = await app.inject({ url: String(res.headers.location) });
    expect(page.body).not.toMatch(/<img|&lt;img|onerror/);
    expect(page.body).toMatch(/requestType.*n’est pas reconnu/);
  });

  it('shows no INS, name or birth date of a bad link, yet says what to fix and who can', async () => {
    const name = 'DUBOISLANGLOIS^MARIE-CHRISTINE^^^^^';
    const links = [
      // Each value below is wrong in a way the parsers' messages used to quote.
      `requestType=PATIENT&patientID=${encodeURIComponent(`${INS}^^^`)}&patientName=${encodeURIComponent(name.padEnd(220, 'E'))}&patientBirthDate=19580231`,
      `requestType=PATIENT&patientID=${encodeURIComponent(`${INS}^^^DPI-HOSP&&ISO`)}`,
      `requestType=PATIENT&patientID=${encodeURIComponent(`${INS}^^^&${OID}&L`)}`,
      `requestType=PATIENT&patientID=${encodeURIComponent(`${INS}^^^&1.2.x&ISO`)}`,
      `requestType=PATIENT&patientID=${encodeURIComponent(`${INS}*^^^&${OID}&ISO`)}`,
      `requestType=STUDY&studyUID=1.2.ABC${INS}&accessionNumber=ACC*${INS}`,
    ];
    const pages = [];
    for (const query of links) {
      const res = await app.inject({ url: `/IHEInvokeImageDisplay?${query}` });
      const page = await app.inject({ url: String(res.headers.location) });
      expect(page.statusCode, query).toBe(400);
      pages.push(page.body);
    }
    for (const [i, body] of pages.entries()) {
      expect(body, links[i]).not.toMatch(/258037512345653|DUBOIS|MARIE|19580231|DPI-HOSP/);
      expect(body, links[i]).toMatch(/éditeur de votre logiciel/);
    }
    expect(pages[0]).toMatch(/patientID.*sans l’OID/);
    expect(pages[0]).toMatch(/patientName.*n’est pas plausible/);
    expect(pages[0]).toMatch(/patientBirthDate.*AAAAMMJJ/);
    expect(pages[2]).toMatch(/type d’autorité n’est pas pris en charge/);
    expect(pages[3]).toMatch(/l’autorité n’est pas un OID valide/);
    expect(pages[4]).toMatch(/caractère joker/);
    expect(pages[5]).toMatch(/studyUID.*chiffres séparés par des points/);
    expect(pages[5]).toMatch(/accessionNumber.*caractère joker/);
  });

  it('says so when the error page has expired, without echoing the key', async () => {
    const page = await app.inject({ url: `/ouverture-impossible/${'B'.repeat(43)}` });
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('n’est plus disponible');
  });
});

describe('patient link', () => {
  const patientLink = (id: string) =>
    app.inject({
      url: `/lien-patient/IHEInvokeImageDisplay?requestType=PATIENT&patientID=${cx(id)}`,
    });

  it('opens for the patient it names, and for nobody else', async () => {
    const key = launchKeyOf((await patientLink(INS)).headers.location);
    const asPro = await claim(key, proToken);
    expect(asPro.statusCode).toBe(403);
    expect(asPro.json().error.message).toContain('destiné au patient lui-même');
    const asOther = await claim(key, otherPatientToken);
    expect(asOther.statusCode).toBe(403);
    expect(asOther.json().error.message).toContain('un autre patient que vous');
    // Refusals do not use the link up: its patient still opens it.
    const asOwner = await claim(key, patientToken);
    expect(asOwner.statusCode).toBe(200);
    expect(asOwner.json().audience).toBe('patient');
  });

  it('must name the patient by INS', async () => {
    const res = await app.inject({
      url: `/lien-patient/IHEInvokeImageDisplay?requestType=STUDY&studyUID=${STUDY}`,
    });
    const page = await app.inject({ url: String(res.headers.location) });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('Un lien patient doit désigner le patient par son INS');
  });

  it('a professional launch never opens in patient mode', async () => {
    const res = await app.inject({
      url: `/IHEInvokeImageDisplay?requestType=PATIENT&patientID=${cx(INS)}`,
    });
    const key = launchKeyOf(res.headers.location);
    const asPatient = await claim(key, patientToken);
    expect(asPatient.statusCode).toBe(403);
    expect(asPatient.json().error.message).toContain('destiné à un professionnel de santé');
  });
});

describe('DRIMbox contextual call', () => {
  it('answers 303 to a launch that carries the form back to its claimant', async () => {
    const res = await postForm(contextualForm({ StudyInstanceUID: STUDY }));
    expect(res.statusCode).toBe(303);
    const key = launchKeyOf(res.headers.location);
    const claimed = await claim(key, proToken);
    expect(claimed.statusCode).toBe(200);
    const body = claimed.json() as { kind: string; params: Array<[string, string]> };
    expect(body.kind).toBe('contextualCall');
    expect(body.params).toContainEqual(['Patient.identifier.value', INS]);
    expect(body.params).toContainEqual(['StudyInstanceUID', STUDY]);
  });

  it('answers 400 naming the missing field, as a page to a browser', async () => {
    const res = await postForm(contextualForm({ 'Patient.birthDate': undefined }));
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('Patient.birthDate');
    expect(res.body).toContain('est absent ou vide');
  });

  it('answers 400 naming the empty field, as JSON to a program', async () => {
    const res = await postForm(contextualForm({ PatientID: '' }), 'application/json');
    expect(res.statusCode).toBe(400);
    const body = res.json() as { error: { code: string; fields: Array<{ field: string }> } };
    expect(body.error.code).toBe('bad_request');
    expect(body.error.fields.map((f) => f.field)).toEqual(['PatientID']);
  });

  it('answers bad values without quoting any identifying field, as a page and as JSON', async () => {
    const form = contextualForm({
      'Patient.identifier.value': '25803751234565X',
      'Patient.identifier.system': 'urn:oid:1.2.250.x',
      'Patient.birthDate': '1958-02-31',
      'Patient.gender': 'DUBOISF',
      PatientID: 'P000481*',
      PatientIDIssuer: 'ISS\\P000482',
      StudyInstanceUID: '1.2.ABC',
      AccessionNumber: 'A?4711',
      InformationEtConsentement: 'oui-MARIE',
    });
    const page = await postForm(form);
    const json = await postForm(form, 'application/json');
    for (const res of [page, json]) {
      expect(res.statusCode).toBe(400);
      expect(res.body).not.toMatch(
        /25803751234565X|1\.2\.250\.x|1958-02-31|DUBOIS|P000481|P000482|1\.2\.ABC|4711|MARIE/,
      );
      for (const field of [
        'Patient.identifier.system',
        'Patient.birthDate',
        'Patient.gender',
        'PatientID',
        'PatientIDIssuer',
        'StudyInstanceUID',
        'AccessionNumber',
        'InformationEtConsentement',
      ]) {
        expect(res.body).toContain(field);
      }
    }
    expect(page.body).toMatch(/Patient\.birthDate.*AAAA-MM-JJ/);
    const ins = await postForm(contextualForm({ 'Patient.identifier.value': '2580375123456' }));
    expect(ins.body).toMatch(/n’a pas la forme d’un INS/);
    expect(ins.body).not.toContain('2580375123456');
  });

  it('refuses a body that is not a form', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/conso/parameters',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ 'Patient.identifier.value': INS }),
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.message).toContain('formulaire');
  });

  it('a launch expires unclaimed after ten minutes', async () => {
    let now = 0;
    const db = await openSqlite();
    const launches = new LaunchStore<PendingLaunch>(db, 'launch', 10 * 60 * 1000, () => now);
    const bare = Fastify();
    bare.decorateRequest('principal', null);
    await bare.register(launchRoutes, {
      authenticate: makeAuthenticate(async () => ({ sub: 'pro', role: 'professional', rpps: '1' })),
      launches,
      errorPages: launchStoresIn(db).errorPages,
    });
    const res = await bare.inject({
      method: 'POST',
      url: '/api/conso/parameters',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: contextualForm(),
    });
    const key = launchKeyOf(res.headers.location);
    now += 10 * 60 * 1000;
    const late = await bare.inject({
      method: 'POST',
      url: `/api/launch/${key}/claim`,
      headers: { authorization: 'Bearer x' },
    });
    expect(late.statusCode).toBe(404);
    await bare.close();
  });
});

describe('logs', () => {
  it('keep no INS, name, UID or query string of a launch', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logged = Fastify({
      logger: { ...(loggerOptions(true) as object), stream },
      disableRequestLogging: true,
    });
    logged.decorateRequest('principal', null);
    logged.addHook('onResponse', async (request, reply) => {
      request.log.info(accessLogEntry(request, reply), 'request');
    });
    await logged.register(launchRoutes, {
      authenticate: makeAuthenticate(async () => ({ sub: 'pro', role: 'professional', rpps: '1' })),
      ...launchStoresIn(await openSqlite()),
    });
    await logged.inject({
      url: `/IHEInvokeImageDisplay?requestType=STUDY&studyUID=${STUDY}&patientID=${cx(INS)}&patientName=DUBOIS%5EMARIE`,
    });
    await logged.inject({
      url: `/IHEInvokeImageDisplay?requestType=PATIENT&patientID=${INS}&patientName=DUBOIS`,
    });
    await logged.inject({
      method: 'POST',
      url: '/api/conso/parameters',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: contextualForm({ 'Patient.birthDate': 'not-a-date' }),
    });
    await logged.close();
    const text = lines.join('');
    expect(text).toContain('"route":"/IHEInvokeImageDisplay"');
    expect(text).toContain('launch refused');
    expect(text).toContain('"parameter":"patientID"');
    expect(text).not.toMatch(/258037512345653|DUBOIS|Marie|not-a-date|2\.25\.|\?|requestType=/);
  });
});

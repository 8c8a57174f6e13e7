// The consent API (FHIR R4 Consent under /api/fhir), break-the-glass, and the access trace
// as a FHIR Bundle of AuditEvent. Every request that names a patient leaves exactly one
// trace record: written with the change itself when it changes something, otherwise once
// the answer's status is known.
import type { FastifyInstance, FastifyRequest, onRequestHookHandler } from 'fastify';
import { z } from 'zod';
import { principalOf } from '../auth/authenticate';
import type { Principal } from '../auth/principal';
import { actorOf, type AccessFacts, type AuditAction } from '../audit/auditEvent';
import type { AuditTrail } from '../audit/auditTrail';
import { str } from '../../src/domain/dicom/dicomJson';
import { TAG } from '../../src/domain/dicom/tags';
import { namesAnyOf } from '../../src/domain/identity/persons';
import type { UpstreamClient } from '../dicomweb/upstreamClient';
import { searchUpstream } from '../dicomweb/upstreamSearch';
import { GatewayError } from '../errors';
import {
  BREAK_GLASS_REASON_MAX,
  BREAK_GLASS_REASON_MIN,
  checkBreakGlassReason,
} from '../../src/domain/consent/breakGlassReason';
import {
  ConsentInputError,
  isRevocationPatch,
  isRevocationPut,
  parseConsentRequest,
  toFhirConsent,
  type ConsentRecord,
} from './consentResource';
import type { ConsentStore } from './consentStore';
import { FHIR_JSON, fhirError } from './operationOutcome';
import {
  oidSystem,
  parsePatientToken,
  patientRefSchema,
  samePatient,
  type PatientRef,
} from './patientRef';

export interface ConsentRoutesOptions {
  authenticate: onRequestHookHandler;
  consents: ConsentStore;
  trail: AuditTrail;
  clock: () => number;
  upstreams: ReadonlyMap<string, UpstreamClient>;
}

type Professional = Extract<Principal, { kind: 'professional' }>;

interface PendingTrace {
  action: AuditAction;
  patients: PatientRef[];
  consentId?: string;
  outcomeCode?: string;
  /** Already written in the transaction that made the change. */
  written?: boolean;
}

const DEFAULT_AUDIT_PAGE = 200;
const MAX_AUDIT_PAGE = 1000;

const breakGlassBody = z.looseObject({ patient: patientRefSchema, reason: z.unknown().optional() });

const onlyProfessionals = (what: string): GatewayError =>
  fhirError(403, 'forbidden', `Seul un professionnel de santé peut ${what}.`);

const notFound = (): GatewayError =>
  fhirError(404, 'not_found', 'Consentement introuvable (ou non visible avec votre compte).');

const ownRef = (p: Extract<Principal, { kind: 'patient' }>): PatientRef => ({
  system: oidSystem(p.insOid),
  value: p.ins,
});

export async function consentRoutes(
  app: FastifyInstance,
  opts: ConsentRoutesOptions,
): Promise<void> {
  const { consents, trail, clock, upstreams } = opts;
  const pending = new WeakMap<FastifyRequest, PendingTrace>();
  const traceBase = (request: FastifyRequest): Pick<AccessFacts, 'actor' | 'clientAddress'> => ({
    actor: actorOf(principalOf(request)),
    clientAddress: request.ip,
  });
  const begin = (request: FastifyRequest, action: AuditAction): PendingTrace => {
    const p: PendingTrace = { action, patients: [] };
    pending.set(request, p);
    return p;
  };

  const json = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser(
    ['application/fhir+json', 'application/json-patch+json'],
    { parseAs: 'string' },
    json,
  );

  app.addHook('onError', async (request, _reply, err) => {
    const p = pending.get(request);
    if (p && err instanceof GatewayError) p.outcomeCode = err.code;
  });
  app.addHook('onResponse', async (request, reply) => {
    const p = pending.get(request);
    if (!p || p.written || !request.principal) return;
    trail.append({
      ...traceBase(request),
      action: p.action,
      at: clock(),
      patients: p.patients,
      status: reply.statusCode,
      ...(p.outcomeCode ? { outcomeCode: p.outcomeCode } : {}),
      ...(p.consentId ? { consentId: p.consentId } : {}),
    });
  });
  app.setErrorHandler(async (err, request, reply) => {
    if (err instanceof GatewayError) {
      const e = err.body ? err : fhirError(err.status, err.code, err.message);
      return reply
        .code(e.status)
        .headers(e.headers)
        .header('cache-control', 'no-store')
        .type(e.body?.contentType ?? FHIR_JSON)
        .send(e.body?.payload);
    }
    const status = (err as { statusCode?: number }).statusCode;
    const p = pending.get(request);
    if (p) p.outcomeCode = 'bad_request';
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const e = fhirError(
        400,
        'bad_request',
        'Requête illisible : un corps JSON (FHIR) est attendu.',
      );
      return reply.code(400).type(FHIR_JSON).send(e.body?.payload);
    }
    request.log.error({ err }, 'unexpected error in the consent API');
    const e = fhirError(500, 'internal_error', 'Erreur interne de la passerelle.');
    return reply.code(500).type(FHIR_JSON).send(e.body?.payload);
  });

  const isAuditReader = (p: Principal): boolean =>
    p.kind === 'professional' && consents.settings.auditReaders.includes(p.rpps);

  const canSee = (p: Principal, c: ConsentRecord): boolean =>
    p.kind === 'patient'
      ? samePatient(ownRef(p), c.patient)
      : consents.covers(c, p) || isAuditReader(p);

  const sendConsent = (reply: import('fastify').FastifyReply, c: ConsentRecord, status = 200) =>
    reply
      .code(status)
      .header('cache-control', 'no-store')
      .type(FHIR_JSON)
      .send(toFhirConsent(c, clock()));

  /** The `patient` search parameter: `system|value`, several joined by commas (FHIR OR). */
  function patientsAsked(request: FastifyRequest, p: PendingTrace): PatientRef[] {
    const principal = principalOf(request);
    const raw = (request.query as Record<string, unknown>).patient;
    if (raw !== undefined && typeof raw !== 'string') {
      throw fhirError(400, 'bad_request', 'Un seul paramètre « patient » est attendu.');
    }
    if (raw === undefined) {
      if (principal.kind === 'patient') return (p.patients = [ownRef(principal)]);
      throw fhirError(400, 'bad_request', 'Paramètre « patient » attendu (système|identifiant).');
    }
    const tokens = raw.split(',');
    const refs = tokens.map(parsePatientToken);
    if (tokens.length > 10 || refs.some((r) => r === null)) {
      throw fhirError(
        400,
        'bad_request',
        'Paramètre « patient » invalide : système|identifiant attendu (par exemple urn:oid:1.2.250.1.213.1.4.10|…).',
      );
    }
    p.patients = refs as PatientRef[];
    if (
      principal.kind === 'patient' &&
      !p.patients.every((r) => samePatient(r, ownRef(principal)))
    ) {
      throw fhirError(
        403,
        'forbidden',
        'Votre compte patient ne donne accès qu’à vos propres données.',
      );
    }
    return p.patients;
  }

  const professional = (request: FastifyRequest, what: string): Professional => {
    const p = principalOf(request);
    if (p.kind !== 'professional') throw onlyProfessionals(what);
    return p;
  };

  app.post('/api/fhir/Consent', { onRequest: opts.authenticate }, async (request, reply) => {
    const p = begin(request, 'consent-created');
    const pro = professional(request, 'enregistrer un consentement');
    let input;
    try {
      input = parseConsentRequest(request.body, consents.settings.maxDays);
    } catch (err) {
      if (err instanceof ConsentInputError) throw fhirError(400, 'bad_request', err.message);
      throw err;
    }
    p.patients = [input.patient];
    const record = consents.create(input, pro, clock(), traceBase(request));
    p.written = true;
    reply.header('location', `/api/fhir/Consent/${record.id}`);
    return sendConsent(reply, record, 201);
  });

  app.get<{ Params: { id: string } }>(
    '/api/fhir/Consent/:id',
    { onRequest: opts.authenticate },
    async (request, reply) => {
      const p = begin(request, 'consent-read');
      const record = consents.get(request.params.id);
      if (!record || !canSee(principalOf(request), record)) throw notFound();
      p.patients = [record.patient];
      p.consentId = record.id;
      return sendConsent(reply, record);
    },
  );

  app.get('/api/fhir/Consent', { onRequest: opts.authenticate }, async (request, reply) => {
    const p = begin(request, 'consent-read');
    const principal = principalOf(request);
    const status = (request.query as Record<string, unknown>).status;
    if (status !== undefined && status !== 'active' && status !== 'inactive') {
      throw fhirError(
        400,
        'bad_request',
        'Paramètre « status » : « active » ou « inactive » attendu.',
      );
    }
    const now = clock();
    const found = patientsAsked(request, p)
      .flatMap((ref) => consents.forPatient(ref))
      .filter((c) => canSee(principal, c) && (status === undefined || c.status === status))
      .sort((a, b) => b.recordedAt - a.recordedAt);
    return reply
      .header('cache-control', 'no-store')
      .type(FHIR_JSON)
      .send({
        resourceType: 'Bundle',
        type: 'searchset',
        total: found.length,
        entry: found.map((c) => ({
          fullUrl: `Consent/${c.id}`,
          resource: toFhirConsent(c, now),
          search: { mode: 'match' },
        })),
      });
  });

  const revoke = async (
    request: FastifyRequest<{ Params: { id: string } }>,
    reply: import('fastify').FastifyReply,
    ok: boolean,
  ) => {
    const p = begin(request, 'consent-revoked');
    const principal = principalOf(request);
    const record = consents.get(request.params.id);
    if (
      !record ||
      !canSee(principal, record) ||
      (isAuditReader(principal) &&
        !(principal.kind === 'professional' && consents.covers(record, principal)))
    ) {
      throw notFound();
    }
    p.patients = [record.patient];
    p.consentId = record.id;
    if (!ok) {
      throw fhirError(
        400,
        'bad_request',
        'Seule la révocation est permise : [{"op":"replace","path":"/status","value":"inactive"}] (PATCH) ou la ressource avec status « inactive » (PUT).',
      );
    }
    const by =
      principal.kind === 'professional'
        ? { role: 'professional', id: principal.rpps }
        : { role: 'patient', id: principal.ins };
    const revoked = consents.revoke(record.id, by, clock(), traceBase(request));
    if (!revoked) {
      throw fhirError(409, 'consent_revoked', 'Ce consentement est déjà révoqué.');
    }
    p.written = true;
    return sendConsent(reply, revoked);
  };

  app.patch<{ Params: { id: string } }>(
    '/api/fhir/Consent/:id',
    { onRequest: opts.authenticate },
    (request, reply) => revoke(request, reply, isRevocationPatch(request.body)),
  );
  app.put<{ Params: { id: string } }>(
    '/api/fhir/Consent/:id',
    { onRequest: opts.authenticate },
    (request, reply) => revoke(request, reply, isRevocationPut(request.body, request.params.id)),
  );

  app.post('/api/break-glass', { onRequest: opts.authenticate }, async (request, reply) => {
    const p = begin(request, 'break-glass');
    const pro = professional(request, 'utiliser le bris de glace');
    const body = breakGlassBody.safeParse(request.body);
    if (!body.success) {
      throw fhirError(400, 'bad_request', 'Bris de glace : patient (system, value) attendu.');
    }
    p.patients = [body.data.patient];
    // What is stored, traced and shown to the patient is the normalised text, never the raw one.
    const reason = checkBreakGlassReason(body.data.reason);
    if (!reason.ok) {
      throw fhirError(
        400,
        'break_glass_reason_required',
        `Le bris de glace exige un motif de ${BREAK_GLASS_REASON_MIN} à ${BREAK_GLASS_REASON_MAX} caractères visibles (les espaces et caractères invisibles ne comptent pas) : il sera tracé et visible du patient.`,
      );
    }
    const opened = consents.startBreakGlass(
      body.data.patient,
      pro,
      reason.text,
      clock(),
      traceBase(request),
    );
    p.written = true;
    return reply
      .code(201)
      .header('cache-control', 'no-store')
      .send({
        id: opened.id,
        patient: opened.patient,
        start: new Date(opened.startedAt).toISOString(),
        end: new Date(opened.endsAt).toISOString(),
      });
  });

  app.get('/api/fhir/AuditEvent', { onRequest: opts.authenticate }, async (request, reply) => {
    const p = begin(request, 'audit-read');
    const principal = principalOf(request);
    if (principal.kind === 'professional' && !isAuditReader(principal)) {
      throw fhirError(
        403,
        'forbidden',
        'Le journal des accès n’est consultable que par le patient et par les personnes désignées par la région.',
      );
    }
    const refs = patientsAsked(request, p);
    const rawCount = (request.query as Record<string, unknown>)._count;
    const count = rawCount === undefined ? DEFAULT_AUDIT_PAGE : Number(rawCount);
    if (!Number.isInteger(count) || count < 1 || count > MAX_AUDIT_PAGE) {
      throw fhirError(
        400,
        'bad_request',
        `Paramètre « _count » : entier de 1 à ${MAX_AUDIT_PAGE} attendu.`,
      );
    }
    const seen = new Map<number, Record<string, unknown>>();
    for (const ref of refs) {
      const studies = await studiesAtDrimboxes(ref, request.log);
      for (const e of trail.forPatient(ref, studies, count)) seen.set(e.seq, e.resource);
    }
    const events = [...seen.entries()].sort((a, b) => b[0] - a[0]).slice(0, count);
    return reply
      .header('cache-control', 'no-store')
      .type(FHIR_JSON)
      .send({
        resourceType: 'Bundle',
        type: 'searchset',
        total: events.length,
        entry: events.map(([seq, resource]) => ({ fullUrl: `AuditEvent/${seq}`, resource })),
      });
  });

  /**
   * Frame requests to a DRIMbox name a study, not a patient (the gateway does not hold
   * them up to ask). The patient's studies there are asked when they read their trace.
   */
  async function studiesAtDrimboxes(
    ref: PatientRef,
    log: FastifyRequest['log'],
  ): Promise<string[]> {
    const issuer = ref.system.slice('urn:oid:'.length);
    const found = await Promise.all(
      [...upstreams.values()]
        .filter((u) => u.source.kind !== 'regional')
        .map(async (u) => {
          try {
            const query = new Map([
              ['PatientID', [ref.value]],
              ['IssuerOfPatientID', [issuer]],
              ['includefield', ['0020000D,00100021']],
            ]);
            const found = await searchUpstream(u, 'studies', query, { maxBytes: 4 * 1024 * 1024 });
            // Only what names the patient: a source ignoring the filter lists strangers' studies.
            const patient = [{ issuer, id: ref.value }];
            return found.flatMap((s) => {
              const uid = str(s, TAG.StudyInstanceUID);
              return uid !== '' && namesAnyOf(s, patient) ? [uid] : [];
            });
          } catch (err) {
            log.warn(
              { source: u.source.id, err },
              'could not list a patient’s studies for the trace',
            );
            return [];
          }
        }),
    );
    return found.flat();
  }
}

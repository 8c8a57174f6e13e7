// FHIR R4 Consent under /api/fhir: a professional records the patient's consent to the
// extended search; the patient and the professionals it covers read it; either revokes it
// (PATCH or PUT to status inactive) — a consent is never deleted.
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import { principalOf } from '../auth/authenticate';
import type { Principal } from '../auth/principal';
import type { RequestTrace } from '../audit/requestTrace';
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
import { ownRef, patientsAsked } from './patientsAsked';
import { samePatient } from './patientRef';
import { professionalOf } from './professionalOf';

export interface ConsentRoutesOptions {
  authenticate: onRequestHookHandler;
  consents: ConsentStore;
  trace: RequestTrace;
  clock: () => number;
}

const notFound = () =>
  fhirError(404, 'not_found', 'Consentement introuvable (ou non visible avec votre compte).');

export async function consentResourceRoutes(
  app: FastifyInstance,
  opts: ConsentRoutesOptions,
): Promise<void> {
  const { consents, trace, clock, authenticate } = opts;

  const isAuditReader = (p: Principal): boolean =>
    p.kind === 'professional' && consents.settings.auditReaders.includes(p.rpps);

  const canSee = (p: Principal, c: ConsentRecord): boolean =>
    p.kind === 'patient'
      ? samePatient(ownRef(p), c.patient)
      : consents.covers(c, p) || isAuditReader(p);

  const sendConsent = (reply: FastifyReply, c: ConsentRecord, status = 200) =>
    reply
      .code(status)
      .header('cache-control', 'no-store')
      .type(FHIR_JSON)
      .send(toFhirConsent(c, clock()));

  app.post('/api/fhir/Consent', { onRequest: authenticate }, async (request, reply) => {
    const p = trace.begin(request, 'consent-created');
    const pro = professionalOf(request, 'enregistrer un consentement');
    let input;
    try {
      input = parseConsentRequest(request.body, consents.settings.maxDays);
    } catch (err) {
      if (err instanceof ConsentInputError) throw fhirError(400, 'bad_request', err.message);
      throw err;
    }
    p.patients = [input.patient];
    const record = await consents.create(input, pro, clock(), trace.actorFacts(request));
    p.written = true;
    reply.header('location', `/api/fhir/Consent/${record.id}`);
    return sendConsent(reply, record, 201);
  });

  app.get<{ Params: { id: string } }>(
    '/api/fhir/Consent/:id',
    { onRequest: authenticate },
    async (request, reply) => {
      const p = trace.begin(request, 'consent-read');
      const record = await consents.get(request.params.id);
      if (!record || !canSee(principalOf(request), record)) throw notFound();
      p.patients = [record.patient];
      p.consentId = record.id;
      return sendConsent(reply, record);
    },
  );

  app.get('/api/fhir/Consent', { onRequest: authenticate }, async (request, reply) => {
    const p = trace.begin(request, 'consent-read');
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
    const found = (
      await Promise.all(patientsAsked(request, p).map((ref) => consents.forPatient(ref)))
    )
      .flat()
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
    reply: FastifyReply,
    ok: boolean,
  ) => {
    const p = trace.begin(request, 'consent-revoked');
    const principal = principalOf(request);
    const record = await consents.get(request.params.id);
    // A region's reader of traces may read a consent, not revoke one they are not covered by.
    const readsOnly =
      isAuditReader(principal) &&
      !(principal.kind === 'professional' && record && consents.covers(record, principal));
    if (!record || !canSee(principal, record) || readsOnly) throw notFound();
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
    const revoked = await consents.revoke(record.id, by, clock(), trace.actorFacts(request));
    if (!revoked) throw fhirError(409, 'consent_revoked', 'Ce consentement est déjà révoqué.');
    p.written = true;
    return sendConsent(reply, revoked);
  };

  app.patch<{ Params: { id: string } }>(
    '/api/fhir/Consent/:id',
    { onRequest: authenticate },
    (request, reply) => revoke(request, reply, isRevocationPatch(request.body)),
  );
  app.put<{ Params: { id: string } }>(
    '/api/fhir/Consent/:id',
    { onRequest: authenticate },
    (request, reply) => revoke(request, reply, isRevocationPut(request.body, request.params.id)),
  );
}

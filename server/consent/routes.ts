// The FHIR side of the gateway, registered together in one context: the consent API
// (FHIR R4 Consent under /api/fhir), break-the-glass, and the access trace as a Bundle of
// AuditEvent. They share the FHIR body types, OperationOutcome errors and the rule that
// every request naming a patient leaves exactly one trace record (requestTrace.ts).
import type { FastifyInstance, onRequestHookHandler } from 'fastify';
import { auditEventRoutes } from '../audit/auditEventRoutes';
import type { AuditTrail } from '../audit/auditTrail';
import { requestTrace } from '../audit/requestTrace';
import type { UpstreamClient } from '../dicomweb/upstreamClient';
import { answerFhirErrors } from '../http/errorReply';
import { breakGlassRoutes } from './breakGlassRoutes';
import { consentResourceRoutes } from './consentRoutes';
import type { ConsentStore } from './consentStore';

export interface FhirRoutesOptions {
  authenticate: onRequestHookHandler;
  consents: ConsentStore;
  trail: AuditTrail;
  clock: () => number;
  upstreams: ReadonlyMap<string, UpstreamClient>;
}

export async function fhirRoutes(app: FastifyInstance, opts: FhirRoutesOptions): Promise<void> {
  const json = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser(
    ['application/fhir+json', 'application/json-patch+json'],
    { parseAs: 'string' },
    json,
  );
  answerFhirErrors(app);
  const trace = requestTrace(app, { trail: opts.trail, clock: opts.clock });
  const { authenticate, consents, clock } = opts;
  await consentResourceRoutes(app, { authenticate, consents, trace, clock });
  await breakGlassRoutes(app, { authenticate, consents, trace, clock });
  await auditEventRoutes(app, {
    authenticate,
    consents,
    trail: opts.trail,
    trace,
    upstreams: opts.upstreams,
  });
}

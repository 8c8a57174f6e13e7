// The trace of the FHIR routes (consent, break-the-glass, access trace): every request that
// names a patient leaves exactly one record — written with the change itself when it changes
// something (the route marks it `written`), otherwise once the answer's status is known,
// refusals included.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { principalOf } from '../auth/authenticate';
import type { PatientRef } from '../consent/patientRef';
import { GatewayError } from '../errors';
import { actorOf, type AccessFacts, type AuditAction } from './auditEvent';
import type { AuditTrail } from './auditTrail';

export interface PendingTrace {
  action: AuditAction;
  patients: PatientRef[];
  consentId?: string;
  outcomeCode?: string;
  /** Already written in the transaction that made the change. */
  written?: boolean;
}

export interface RequestTrace {
  /** Starts the request's record; the route fills in whom it is about. */
  begin(request: FastifyRequest, action: AuditAction): PendingTrace;
  /** Who asked, for records written by the route itself. */
  actorFacts(request: FastifyRequest): Pick<AccessFacts, 'actor' | 'clientAddress'>;
}

/** Hooks the trace into `app`'s context: register the traced routes in the same context. */
export function requestTrace(
  app: FastifyInstance,
  opts: { trail: AuditTrail; clock: () => number },
): RequestTrace {
  const pending = new WeakMap<FastifyRequest, PendingTrace>();
  const actorFacts = (request: FastifyRequest): Pick<AccessFacts, 'actor' | 'clientAddress'> => ({
    actor: actorOf(principalOf(request)),
    clientAddress: request.ip,
  });

  app.addHook('onError', async (request, _reply, err) => {
    const p = pending.get(request);
    if (!p) return;
    if (err instanceof GatewayError) p.outcomeCode = err.code;
    else if ((err.statusCode ?? 500) < 500) p.outcomeCode = 'bad_request';
  });
  app.addHook('onResponse', async (request, reply) => {
    const p = pending.get(request);
    if (!p || p.written || !request.principal) return;
    opts.trail.append({
      ...actorFacts(request),
      action: p.action,
      at: opts.clock(),
      patients: p.patients,
      status: reply.statusCode,
      ...(p.outcomeCode ? { outcomeCode: p.outcomeCode } : {}),
      ...(p.consentId ? { consentId: p.consentId } : {}),
    });
  });

  return {
    begin(request, action) {
      const p: PendingTrace = { action, patients: [] };
      pending.set(request, p);
      return p;
    },
    actorFacts,
  };
}

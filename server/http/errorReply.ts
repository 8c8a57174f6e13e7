// One error handler for the whole gateway. Every refusal is a GatewayError and answers the
// gateway's JSON (docs/CONTRACTS.md), except on the FHIR routes (consent, break-the-glass,
// access trace), whose clients read an OperationOutcome: those routes say so in their
// config, and the same handler writes the other shape.
import type { FastifyError, FastifyInstance } from 'fastify';
import { fhirError } from '../consent/operationOutcome';
import { GatewayError, sendError } from '../errors';

export type ErrorFormat = 'json' | 'fhir';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** How this route's errors are written; `json` unless said. */
    errorFormat?: ErrorFormat;
  }
}

/** Marks every route registered from now on in `app`'s context as answering FHIR errors. */
export function answerFhirErrors(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    route.config = { ...(route.config ?? {}), errorFormat: 'fhir' };
  });
}

/** What a client is told of an error that is not a GatewayError: its 4xx kind, or 500. */
function asGatewayError(err: FastifyError, format: ErrorFormat): GatewayError | null {
  const status = err.statusCode;
  if (typeof status !== 'number' || status < 400 || status >= 500) return null;
  // Fastify's own 4xx: an unreadable body, a missing content type, a body too large.
  return format === 'fhir'
    ? fhirError(400, 'bad_request', 'Requête illisible : un corps JSON (FHIR) est attendu.')
    : new GatewayError(status, 'bad_request', 'Requête invalide.');
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler(async (err: FastifyError, request, reply) => {
    const format = request.routeOptions.config?.errorFormat ?? 'json';
    let known = err instanceof GatewayError ? err : asGatewayError(err, format);
    if (!known) {
      request.log.error({ err }, 'unexpected error');
      known =
        format === 'fhir'
          ? fhirError(500, 'internal_error', 'Erreur interne de la passerelle.')
          : new GatewayError(500, 'internal_error', 'Erreur interne de la passerelle.');
    }
    if (format === 'fhir' && !known.body)
      known = fhirError(known.status, known.code, known.message);
    return sendError(reply, known);
  });
}

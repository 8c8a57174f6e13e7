// One error type for every refusal so each route answers the same JSON shape
// (docs/CONTRACTS.md) and nothing upstream-specific leaks into a message.
import type { FastifyReply } from 'fastify';

export type ErrorCode =
  | 'unauthorized'
  | 'forbidden'
  | 'fishing_query'
  | 'bad_request'
  | 'not_allowed'
  | 'not_found'
  | 'unknown_source'
  | 'unknown_key'
  | 'idp_unreachable'
  | 'upstream_unreachable'
  | 'upstream_invalid'
  | 'upstream_timeout'
  | 'upstream_error'
  | 'internal_error'
  | 'gateway_busy'
  | 'consent_required'
  | 'consent_expired'
  | 'consent_revoked'
  | 'break_glass_reason_required';

export class GatewayError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
    /** A body other than the gateway's error JSON (FHIR routes answer an OperationOutcome). */
    readonly body?: { contentType: string; payload: unknown },
  ) {
    super(message);
    this.name = 'GatewayError';
  }
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string };
}

export function sendError(reply: FastifyReply, err: GatewayError): FastifyReply {
  if (err.body) {
    return reply
      .code(err.status)
      .headers(err.headers)
      .header('cache-control', 'no-store')
      .type(err.body.contentType)
      .send(err.body.payload);
  }
  const body: ErrorBody = { error: { code: err.code, message: err.message } };
  return reply
    .code(err.status)
    .headers(err.headers)
    .header('cache-control', 'no-store')
    .type('application/json; charset=utf-8')
    .send(body);
}

export const notAllowedPath = (): GatewayError =>
  new GatewayError(404, 'not_allowed', 'Cette adresse ne fait pas partie du service DICOMweb.');

export const badRequest = (message: string): GatewayError =>
  new GatewayError(400, 'bad_request', message);

export const forbidden = (message: string): GatewayError =>
  new GatewayError(403, 'forbidden', message);

// Why a call to the gateway failed, in one vocabulary for every screen. The gateway answers
// `{ error: { code, message } }` (CONTRACTS.md § Gateway errors), its FHIR routes and the
// consent-gated sources a FHIR OperationOutcome; anything in front of it (a reverse proxy,
// the network) answers with neither, so the status is the fallback. Codes only: the words
// for each reason are in the locale files (`failure.*`).
import { needsConsent, operationOutcomeCode } from './federation/consentOutcome';

/** What came back instead of the answer asked for, as seen from the browser. */
export type FailedExchange =
  /** fetch() rejected: no HTTP answer at all. */
  | { kind: 'network' }
  /** The browser gave up waiting (the gateway's own timeout should have answered first). */
  | { kind: 'timeout' }
  /** No one is signed in: nothing was sent. */
  | { kind: 'noSession' }
  /** A success status whose body is not what the request promises. */
  | { kind: 'invalidBody' }
  /** An HTTP error status; `body` is the parsed JSON body, if there was one. */
  | { kind: 'http'; status: number; body: unknown };

export type FailureReason =
  | 'gatewayUnreachable'
  | 'timeout'
  | 'sourceUnreachable'
  | 'sourceError'
  | 'invalidResponse'
  | 'sessionExpired'
  | 'forbidden'
  /** A consent-gated source waits for the patient's consent (or it expired, or was withdrawn). */
  | 'consentRequired'
  | 'refused'
  | 'notFound'
  | 'unknownSource'
  | 'gatewayError';

export interface GatewayFailure {
  reason: FailureReason;
  /** The HTTP status of an error answer; 0 when there was none. */
  status: number;
  /** The gateway's machine code (`upstream_timeout`, `consent_revoked`…), when it gave one. */
  code: string | undefined;
  /** The gateway's own sentence for the user (French), when it gave one. */
  detail: string | undefined;
}

const BY_GATEWAY_CODE: Readonly<Record<string, FailureReason>> = {
  upstream_unreachable: 'sourceUnreachable',
  upstream_timeout: 'timeout',
  upstream_error: 'sourceError',
  upstream_invalid: 'invalidResponse',
  unauthorized: 'sessionExpired',
  forbidden: 'forbidden',
  fishing_query: 'refused',
  bad_request: 'refused',
  unknown_source: 'unknownSource',
  not_allowed: 'unknownSource',
  not_found: 'notFound',
  unknown_key: 'notFound',
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The code and sentence of the gateway's error JSON, if the body has that shape. */
function gatewayError(body: unknown): { code?: string; message?: string } {
  if (!isRecord(body) || !isRecord(body.error)) return {};
  const { code, message } = body.error;
  return {
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof message === 'string' ? { message } : {}),
  };
}

/** The first issue's text of an OperationOutcome body, if any. */
function outcomeText(body: unknown): string | undefined {
  if (!isRecord(body) || body.resourceType !== 'OperationOutcome') return undefined;
  const issues = Array.isArray(body.issue) ? body.issue : [];
  for (const issue of issues) {
    if (isRecord(issue) && isRecord(issue.details) && typeof issue.details.text === 'string') {
      return issue.details.text;
    }
  }
  return undefined;
}

function reasonForStatus(status: number): FailureReason {
  if (status === 401) return 'sessionExpired';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'unknownSource';
  if (status === 504) return 'timeout';
  // Without the gateway's JSON, a 502/503 comes from whatever stands in front of it.
  if (status === 502 || status === 503) return 'gatewayUnreachable';
  if (status >= 500) return 'gatewayError';
  return 'refused';
}

function noAnswer(reason: FailureReason): GatewayFailure {
  return { reason, status: 0, code: undefined, detail: undefined };
}

export function failureOf(exchange: FailedExchange): GatewayFailure {
  switch (exchange.kind) {
    case 'network':
      return noAnswer('gatewayUnreachable');
    case 'timeout':
      return noAnswer('timeout');
    case 'noSession':
      return noAnswer('sessionExpired');
    case 'invalidBody':
      return noAnswer('invalidResponse');
    case 'http': {
      const { status, body } = exchange;
      const json = gatewayError(body);
      const code = json.code ?? operationOutcomeCode(body);
      const detail = json.message ?? outcomeText(body);
      // Own-property check: a hostile code such as "constructor" must not hit the prototype.
      const byCode =
        code !== undefined && Object.hasOwn(BY_GATEWAY_CODE, code)
          ? BY_GATEWAY_CODE[code]
          : undefined;
      const reason = needsConsent(status, body)
        ? 'consentRequired'
        : (byCode ?? reasonForStatus(status));
      return { reason, status, code, detail };
    }
  }
}

/**
 * Whether asking again soon may help. Only a missing answer is retried: every HTTP answer
 * from the gateway is already its verdict after its own attempt and timeout, and a
 * retried 504 would double the wait.
 */
export function isTransient(exchange: FailedExchange): boolean {
  return exchange.kind === 'network';
}

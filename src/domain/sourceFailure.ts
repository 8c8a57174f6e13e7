// Why a source is shown offline. The gateway answers `{ error: { code, message } }`
// (CONTRACTS.md § Gateway errors); anything in front of it (a reverse proxy, the network)
// answers without that body, so the status code is the fallback.

/** What went wrong on the way to a source, as seen from the browser. */
export type SourceFailure =
  /** fetch() rejected: no HTTP answer at all. */
  | { kind: 'network' }
  /** The browser gave up waiting (the gateway's own timeout should have answered first). */
  | { kind: 'timeout' }
  /** A success status whose body is not the DICOM JSON array QIDO promises. */
  | { kind: 'invalidBody' }
  /** An HTTP error status; `body` is the parsed JSON body, if there was one. */
  | { kind: 'http'; status: number; body: unknown };

export type SourceFailureReason =
  | 'sourceUnreachable'
  | 'timeout'
  | 'sourceError'
  | 'invalidResponse'
  | 'sessionExpired'
  | 'forbidden'
  | 'refused'
  | 'unknownSource'
  | 'gatewayUnreachable'
  | 'gatewayError';

const BY_GATEWAY_CODE: Readonly<Record<string, SourceFailureReason>> = {
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
};

/** The gateway's error code, if the body has the gateway's error shape. */
export function gatewayErrorCode(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const error = (body as { error?: unknown }).error;
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

function reasonForStatus(status: number): SourceFailureReason {
  if (status === 401) return 'sessionExpired';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'unknownSource';
  if (status === 504) return 'timeout';
  // Without the gateway's JSON, a 502/503 comes from whatever stands in front of it.
  if (status === 502 || status === 503) return 'gatewayUnreachable';
  if (status >= 500) return 'gatewayError';
  return 'refused';
}

export function reasonForFailure(failure: SourceFailure): SourceFailureReason {
  switch (failure.kind) {
    case 'network':
      return 'gatewayUnreachable';
    case 'timeout':
      return 'timeout';
    case 'invalidBody':
      return 'invalidResponse';
    case 'http': {
      const code = gatewayErrorCode(failure.body);
      // Own-property check: a hostile code such as "constructor" must not hit the prototype.
      const byCode =
        code !== undefined && Object.hasOwn(BY_GATEWAY_CODE, code)
          ? BY_GATEWAY_CODE[code]
          : undefined;
      return byCode ?? reasonForStatus(failure.status);
    }
  }
}

/**
 * Whether asking again soon may help. Only a missing answer is retried: every HTTP answer
 * from the gateway is already its verdict after its own attempt and timeout, and a
 * retried 504 would double the wait.
 */
export function isTransient(failure: SourceFailure): boolean {
  return failure.kind === 'network';
}

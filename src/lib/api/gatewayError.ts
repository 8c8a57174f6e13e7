// Every failed call to the gateway, whichever route: the reason in the one vocabulary of
// domain/gatewayFailure.ts, the status, the gateway's code and its French sentence if it
// gave one. Its message is for developers and names no patient (no query string).
import { failureOf, type FailedExchange, type FailureReason } from '../../domain/gatewayFailure';

export class GatewayError extends Error {
  readonly reason: FailureReason;
  /** The HTTP status of an error answer; 0 when there was none. */
  readonly status: number;
  /** The gateway's machine code (`upstream_timeout`, `consent_revoked`…), if any. */
  readonly code: string | undefined;
  /** The gateway's sentence for the user, if any: shown as text, it comes from outside. */
  readonly detail: string | undefined;

  constructor(
    readonly exchange: FailedExchange,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'GatewayError';
    const failure = failureOf(exchange);
    this.reason = failure.reason;
    this.status = failure.status;
    this.code = failure.code;
    this.detail = failure.detail;
  }

  /**
   * Whether anything answered — an error status, or a success whose body was unusable;
   * false for no network, a timeout, or no session.
   */
  get answered(): boolean {
    return this.exchange.kind === 'http' || this.exchange.kind === 'invalidBody';
  }
}

/** A success answer whose body is not what the route promises. */
export function invalidAnswer(where: string, why: string, cause?: unknown): GatewayError {
  return new GatewayError(
    { kind: 'invalidBody' },
    `${where}: ${why}`,
    cause === undefined ? undefined : { cause },
  );
}

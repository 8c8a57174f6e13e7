// What the study list says about each source while a search runs. A federated search must
// never lose a site silently, so every source is always in exactly one of these states and
// a failed one says why (gatewayFailure.ts). The regional archive is consent-gated: "consent
// needed" is a state of its own, not an error — nothing is broken, the patient has not
// agreed yet.
import type { FailureReason } from '../gatewayFailure';
import type { SourceKind } from '../publicConfig';

export type SourceStatus =
  | { kind: 'idle' }
  | { kind: 'loading'; attempt: number }
  | { kind: 'loaded'; count: number; limitReached: boolean }
  | { kind: 'failed'; reason: FailureReason; attempt: number }
  | { kind: 'consentNeeded' };

export type SourceEvent =
  /** A (new) search starts: patient or filters changed. */
  | { type: 'start' }
  | { type: 'succeed'; count: number; maxResults: number }
  | { type: 'fail'; reason: FailureReason }
  /** The user asks again — after a failure, or after consent was recorded. */
  | { type: 'retry' }
  | { type: 'needConsent' };

export const IDLE: SourceStatus = { kind: 'idle' };

/**
 * The next status. Rules that are not obvious:
 * - An answer (succeed/fail) only lands on a loading source: a late answer to a superseded
 *   or cancelled search must not overwrite the current state.
 * - "consent needed" survives a new search (`start`): changing a filter does not give
 *   consent. Only `retry` — sent once consent is recorded — leaves it.
 * - Only a regional source can need consent; a DRIMbox saying so is a refusal.
 * - "≥ N": a source stops at its configured maxResults, so reaching it means there may be more.
 */
export function nextSourceStatus(
  sourceKind: SourceKind,
  status: SourceStatus,
  event: SourceEvent,
): SourceStatus {
  switch (event.type) {
    case 'start':
      if (status.kind === 'consentNeeded') return status;
      return { kind: 'loading', attempt: 1 };
    case 'retry':
      if (status.kind === 'failed') return { kind: 'loading', attempt: status.attempt + 1 };
      if (status.kind === 'consentNeeded') return { kind: 'loading', attempt: 1 };
      return status;
    case 'succeed': {
      if (status.kind !== 'loading') return status;
      const count = Number.isInteger(event.count) && event.count > 0 ? event.count : 0;
      return {
        kind: 'loaded',
        count,
        limitReached: event.maxResults > 0 && count >= event.maxResults,
      };
    }
    case 'fail':
      if (status.kind !== 'loading') return status;
      return { kind: 'failed', reason: event.reason, attempt: status.attempt };
    case 'needConsent':
      if (sourceKind === 'regional') return { kind: 'consentNeeded' };
      return {
        kind: 'failed',
        reason: 'refused',
        attempt: status.kind === 'loading' || status.kind === 'failed' ? status.attempt : 1,
      };
  }
}

/** The count as shown: "12", or "≥ 200" when the source's limit was reached. */
export function countLabel(status: SourceStatus): string | null {
  if (status.kind !== 'loaded') return null;
  return status.limitReached ? `≥ ${status.count}` : String(status.count);
}

/**
 * A failed request to a source, as its status: a consent-gated refusal becomes "consent
 * needed" (regional sources only, as nextSourceStatus decides), anything else a failure.
 */
export function statusOfFailure(
  sourceKind: SourceKind,
  reason: FailureReason,
  attempt: number,
): SourceStatus {
  const loading: SourceStatus = { kind: 'loading', attempt };
  return nextSourceStatus(
    sourceKind,
    loading,
    reason === 'consentRequired' ? { type: 'needConsent' } : { type: 'fail', reason },
  );
}

/** A search is settled when no source is still loading; failed and consent states count. */
export function allSettled(statuses: Iterable<SourceStatus>): boolean {
  for (const s of statuses) if (s.kind === 'loading') return false;
  return true;
}

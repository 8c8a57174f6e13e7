// A failed request to a source, told as the list's source status: consent-gated refusals
// become "consent needed" (regional sources only: nextSourceStatus decides), everything
// else a failure with its reason in the status vocabulary.
import type { SourceKind } from '../publicConfig';
import { reasonForFailure } from '../sourceFailure';
import type { SourceFailure } from '../sourceFailure';
import { needsConsent } from './consentOutcome';
import { failureReasonOf, nextSourceStatus } from './sourceStatus';
import type { SourceStatus } from './sourceStatus';

export function statusOfFailure(
  sourceKind: SourceKind,
  failure: SourceFailure,
  attempt: number,
): SourceStatus {
  const loading: SourceStatus = { kind: 'loading', attempt };
  if (failure.kind === 'http' && needsConsent(failure.status, failure.body)) {
    return nextSourceStatus(sourceKind, loading, { type: 'needConsent' });
  }
  return nextSourceStatus(sourceKind, loading, {
    type: 'fail',
    reason: failureReasonOf(reasonForFailure(failure)),
  });
}

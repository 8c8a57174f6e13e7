import type { FailureReason } from '../../../domain/gatewayFailure';
import type { PublicSource } from '../../../domain/publicConfig';
import { GatewayError } from '../../../lib/api/gatewayError';
import { useAuth } from '../../../lib/auth/useAuth';
import { useSourceProbe } from '../api/sourceStatus';

export type SourceStatus =
  | { state: 'loading' }
  | { state: 'online' }
  | { state: 'offline'; reason: FailureReason }
  /** A consent-gated source that answers: it is up, and opens per patient with their consent. */
  | { state: 'consentNeeded' };

export interface SourceStatusQuery {
  status: SourceStatus;
  /** Asks this source again, leaving the others alone. */
  retry: () => void;
  canRetry: boolean;
}

export function useSourceStatus(source: PublicSource): SourceStatusQuery {
  const { status: session } = useAuth();
  const query = useSourceProbe(source);

  let status: SourceStatus;
  if (query.isFetching || query.isPending) {
    // A retry shows "querying" again, so a click visibly does something.
    status = { state: 'loading' };
  } else if (query.isError) {
    // Anything but a GatewayError is a bug of ours; "invalid answer" is the honest thing to
    // tell the user while the console keeps the details.
    const reason = query.error instanceof GatewayError ? query.error.reason : 'invalidResponse';
    status = { state: 'offline', reason };
  } else {
    status = source.kind === 'regional' ? { state: 'consentNeeded' } : { state: 'online' };
  }

  return {
    status,
    // A click during a running request joins it instead of starting over.
    retry: () => void query.refetch({ cancelRefetch: false }),
    canRetry: session === 'signedIn',
  };
}

import type { FailureReason } from '../../../domain/gatewayFailure';
import type { ProbeChoice } from '../../../domain/probePatient';
import type { PublicSource } from '../../../domain/publicConfig';
import { GatewayError } from '../../../lib/api/gatewayError';
import { useAuth } from '../../../lib/auth/useAuth';
import { useStudyCount } from '../api/countStudiesAtSource';

export type SourceStatus =
  | { state: 'loading' }
  | { state: 'online'; count: number; atLimit: boolean }
  | { state: 'offline'; reason: FailureReason }
  /** A consent-gated source answering for itself: it is up, and waits for the patient's consent. */
  | { state: 'consentNeeded' }
  | { state: 'configured' };

export interface SourceStatusQuery {
  status: SourceStatus;
  /** Asks this source again, leaving the others alone. */
  retry: () => void;
  canRetry: boolean;
}

export function useSourceStatus(source: PublicSource, probe: ProbeChoice): SourceStatusQuery {
  const { status: session } = useAuth();
  const patient = probe.kind === 'probe' ? probe.patient : null;
  const query = useStudyCount(source, patient);

  let status: SourceStatus;
  if (!patient) {
    status = { state: 'configured' };
  } else if (query.isFetching || query.isPending) {
    // A retry shows "querying" again, so a click visibly does something.
    status = { state: 'loading' };
  } else if (query.isError) {
    // Anything but a GatewayError is a bug of ours; "invalid answer" is the honest thing to
    // tell the user while the console keeps the details.
    const reason = query.error instanceof GatewayError ? query.error.reason : 'invalidResponse';
    status =
      reason === 'consentRequired' && source.kind === 'regional'
        ? { state: 'consentNeeded' }
        : { state: 'offline', reason };
  } else {
    status = { state: 'online', count: query.data.count, atLimit: query.data.atLimit };
  }

  return {
    status,
    // A click during a running request joins it instead of starting over.
    retry: () => void query.refetch({ cancelRefetch: false }),
    canRetry: patient !== null && session === 'signedIn',
  };
}

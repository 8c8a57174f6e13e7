import { useQuery } from '@tanstack/react-query';
import type { ProbeChoice } from '../../../domain/probePatient';
import type { PublicSource } from '../../../domain/publicConfig';
import { needsConsent } from '../../../domain/federation/consentOutcome';
import { reasonForFailure, type SourceFailureReason } from '../../../domain/sourceFailure';
import { DicomwebError } from '../../../lib/dicomweb';
import { countStudiesAtSource } from '../api/countStudiesAtSource';

export type SourceStatus =
  | { state: 'loading' }
  | { state: 'online'; count: number; atLimit: boolean }
  | { state: 'offline'; reason: SourceFailureReason }
  /** A consent-gated source answering for itself: it is up, and waits for the patient's consent. */
  | { state: 'consentNeeded' }
  | { state: 'configured' };

export interface SourceStatusQuery {
  status: SourceStatus;
  /** Asks this source again, leaving the others alone. */
  retry: () => void;
  canRetry: boolean;
}

export function useSourceStatus(
  source: PublicSource,
  probe: ProbeChoice,
  accessToken: string | null,
): SourceStatusQuery {
  const patient = probe.kind === 'probe' ? probe.patient : null;
  const query = useQuery({
    queryKey: ['source-status', source.id, patient?.issuer ?? null, patient?.id ?? null],
    queryFn: ({ signal }) => {
      if (!patient || !accessToken) throw new Error('no patient or token to probe with');
      return countStudiesAtSource({ source, patient, accessToken, signal });
    },
    enabled: patient !== null && accessToken !== null,
  });

  let status: SourceStatus;
  if (!patient) {
    status = { state: 'configured' };
  } else if (query.isFetching || query.isPending) {
    // A retry shows "querying" again, so a click visibly does something.
    status = { state: 'loading' };
  } else if (
    query.isError &&
    source.kind === 'regional' &&
    query.error instanceof DicomwebError &&
    query.error.failure.kind === 'http' &&
    needsConsent(query.error.failure.status, query.error.failure.body)
  ) {
    status = { state: 'consentNeeded' };
  } else if (query.isError) {
    const error = query.error;
    status = {
      state: 'offline',
      // Anything not from the DICOMweb helper is a bug of ours; "invalid answer" is the
      // honest thing to tell the user while the console keeps the details.
      reason: error instanceof DicomwebError ? reasonForFailure(error.failure) : 'invalidResponse',
    };
  } else {
    status = { state: 'online', count: query.data.count, atLimit: query.data.atLimit };
  }

  return {
    status,
    // A click during a running request joins it instead of starting over.
    retry: () => void query.refetch({ cancelRefetch: false }),
    canRetry: patient !== null && accessToken !== null,
  };
}

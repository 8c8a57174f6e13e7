// Withdrawing a consent (the patient, or the professional who shows it): every consent query
// is asked again once the gateway has it.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { gateway } from '../../../lib/api/gatewayClient';
import { consentKeys } from './consentKeys';
import { FHIR_JSON } from './fhirJson';

export async function revokeConsent(id: string): Promise<void> {
  await gateway.json(`/api/fhir/Consent/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    accept: FHIR_JSON,
    contentType: 'application/json-patch+json',
    json: [{ op: 'replace', path: '/status', value: 'inactive' }],
  });
}

/** Settles once the consent queries are fresh again; `onRevoked` runs after that. */
export function useRevokeConsent({ onRevoked }: { onRevoked?: () => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeConsent,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: consentKeys.all });
      onRevoked?.();
    },
  });
}

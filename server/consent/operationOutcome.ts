// Refusals of the consent API and of consent-gated sources, as FHIR R4 OperationOutcome
// (docs/CONTRACTS.md « Consent-gated sources »): the machine-readable code sits in
// details.coding (system urn:drim-viewer:error), the French sentence in details.text.
import { GatewayError, type ErrorCode } from '../errors';

export const ERROR_SYSTEM = 'urn:drim-viewer:error';
export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

/** FHIR IssueType for each HTTP status we answer with. */
function issueType(status: number): string {
  if (status === 401 || status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 409) return 'conflict';
  if (status >= 500) return 'exception';
  return 'invalid';
}

export function operationOutcome(status: number, code: string, text: string): object {
  return {
    resourceType: 'OperationOutcome',
    issue: [
      {
        severity: 'error',
        code: issueType(status),
        details: { coding: [{ system: ERROR_SYSTEM, code }], text },
      },
    ],
  };
}

export function fhirError(status: number, code: ErrorCode, text: string): GatewayError {
  return new GatewayError(
    status,
    code,
    text,
    {},
    {
      contentType: FHIR_JSON,
      payload: operationOutcome(status, code, text),
    },
  );
}

export const consentRefusal = (
  code: 'consent_required' | 'consent_expired' | 'consent_revoked',
): GatewayError => {
  const text = {
    consent_required:
      'L’archive régionale n’est accessible qu’avec le consentement du patient : enregistrez-le (« Recherche étendue ») ou utilisez le bris de glace en cas d’urgence.',
    consent_expired:
      'Le consentement du patient pour la recherche étendue a expiré : recueillez-le à nouveau pour consulter l’archive régionale.',
    consent_revoked:
      'Le consentement du patient pour la recherche étendue a été retiré : l’archive régionale n’est plus accessible pour ce patient.',
  }[code];
  return fhirError(403, code, text);
};

// A professional records the patient's consent to the extended search (the gateway adds
// who, where and until when from the token and its clock).
import {
  consentExtensions,
  type ConsentDuration,
  type ConsentMethod,
} from '../../../domain/consent/consentExtensions';
import type { PatientIdentifier } from '../../../domain/identity/patientIdentifier';
import { gateway } from '../../../lib/api/gatewayClient';
import { invalidAnswer } from '../../../lib/api/gatewayError';
import { summaryOf, type ConsentSummary } from './consentSummary';
import { FHIR_JSON, patientSystem } from './fhirJson';

export async function recordConsent(opts: {
  patient: PatientIdentifier;
  method: ConsentMethod;
  duration: ConsentDuration;
  informationVersion: string;
}): Promise<ConsentSummary> {
  const body = await gateway.json('/api/fhir/Consent', {
    method: 'POST',
    accept: FHIR_JSON,
    contentType: FHIR_JSON,
    json: {
      resourceType: 'Consent',
      status: 'active',
      patient: { identifier: patientSystem(opts.patient) },
      extension: consentExtensions(opts),
    },
  });
  const summary = summaryOf(body);
  if (!summary) throw invalidAnswer('POST /api/fhir/Consent', 'no Consent in the answer');
  return summary;
}

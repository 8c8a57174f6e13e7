// Break-the-glass: in an emergency, a professional opens the archive for this patient
// without consent, with a reason the patient will read.
import type { PatientIdentifier } from '../../../domain/identity/patientIdentifier';
import { gateway } from '../../../lib/api/gatewayClient';
import { FHIR_JSON, isRecord, patientSystem } from './fhirJson';

export async function openBreakGlass(opts: {
  patient: PatientIdentifier;
  reason: string;
}): Promise<{ end: string }> {
  const body = await gateway.json('/api/break-glass', {
    method: 'POST',
    accept: FHIR_JSON,
    json: { patient: patientSystem(opts.patient), reason: opts.reason },
  });
  return { end: isRecord(body) && typeof body.end === 'string' ? body.end : '' };
}

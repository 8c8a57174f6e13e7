// A FHIR Consent as the SPA shows it.
import { CONSENT_EXT } from '../../../domain/consent/consentExtensions';
import { isRecord, type Json } from './fhirJson';

export interface ConsentSummary {
  id: string;
  status: 'active' | 'inactive';
  expired: boolean;
  recordedAt: string;
  end: string;
  performerRpps: string;
  revokedAt?: string;
}

/** The consent this resource is, or null when it is none. */
export function summaryOf(r: unknown): ConsentSummary | null {
  if (!isRecord(r) || r.resourceType !== 'Consent' || typeof r.id !== 'string') return null;
  const provision = isRecord(r.provision) ? r.provision : {};
  const period = isRecord(provision.period) ? provision.period : {};
  const performer = Array.isArray(r.performer) && isRecord(r.performer[0]) ? r.performer[0] : {};
  const ident = isRecord(performer.identifier) ? performer.identifier : {};
  const ext = Array.isArray(r.extension) ? r.extension.filter(isRecord) : [];
  const revocation = ext.find((e) => e.url === CONSENT_EXT.revocation);
  const revokedAt = Array.isArray(revocation?.extension)
    ? (revocation.extension as Json[]).find((e) => e.url === 'time')?.valueDateTime
    : undefined;
  return {
    id: r.id,
    status: r.status === 'active' ? 'active' : 'inactive',
    expired: ext.some(
      (e) => e.url === 'urn:drim-viewer:consent:expired' && e.valueBoolean === true,
    ),
    recordedAt: typeof r.dateTime === 'string' ? r.dateTime : '',
    end: typeof period.end === 'string' ? period.end : '',
    // FHIR carries the national id ('8' + RPPS): people know the RPPS.
    performerRpps: typeof ident.value === 'string' ? ident.value.replace(/^8/, '') : '',
    ...(typeof revokedAt === 'string' ? { revokedAt } : {}),
  };
}

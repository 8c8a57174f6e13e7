// Who accessed a patient's data (« Mes accès »): the gateway's access trace, as FHIR
// AuditEvent, for the patient themself.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { BREAK_GLASS_SYSTEM } from '../../../domain/consent/breakGlassReason';
import { gateway } from '../../../lib/api/gatewayClient';
import { useAuth } from '../../../lib/auth/useAuth';
import { consentKeys } from './consentKeys';
import { entries, FHIR_JSON, isRecord } from './fhirJson';

export interface AccessRecord {
  id: string;
  recorded: string;
  action: string;
  role: string;
  rpps?: string;
  finess?: string;
  allowed: boolean;
  breakGlass: boolean;
  /** The break-the-glass opening this record is, or was made under. */
  breakGlassId?: string;
  /** That opening's reason, as the professional gave it: text for the patient, never markup. */
  breakGlassReason?: string;
  sourceId?: string;
}

export async function listMyAccessTrace(signal?: AbortSignal): Promise<AccessRecord[]> {
  const bundle = await gateway.json('/api/fhir/AuditEvent', {
    query: { _count: 500 },
    accept: FHIR_JSON,
    ...(signal ? { signal } : {}),
  });
  const records = entries(bundle).flatMap((e) => accessRecord(e) ?? []);
  // Only the opening's own record holds the reason; the accesses made under it point to it.
  const reasons = new Map<string, string>();
  for (const r of records) {
    if (r.breakGlassId && r.breakGlassReason) reasons.set(r.breakGlassId, r.breakGlassReason);
  }
  return records.map((r) => {
    const reason = r.breakGlassId ? reasons.get(r.breakGlassId) : undefined;
    return reason && !r.breakGlassReason ? { ...r, breakGlassReason: reason } : r;
  });
}

function accessRecord(e: unknown): AccessRecord | null {
  if (!isRecord(e) || e.resourceType !== 'AuditEvent') return null;
  const agent = Array.isArray(e.agent) && isRecord(e.agent[0]) ? e.agent[0] : {};
  const role =
    Array.isArray(agent.role) && isRecord(agent.role[0]) ? agent.role[0].text : undefined;
  const who =
    isRecord(agent.who) && isRecord(agent.who.identifier) ? agent.who.identifier.value : undefined;
  const location =
    isRecord(agent.location) && isRecord(agent.location.identifier)
      ? agent.location.identifier.value
      : undefined;
  const subtype =
    Array.isArray(e.subtype) && isRecord(e.subtype[0]) ? e.subtype[0].code : undefined;
  const source = isRecord(e.source) ? e.source.site : undefined;
  const entities = Array.isArray(e.entity) ? e.entity.filter(isRecord) : [];
  const breakGlassId = entities
    .map((x) => (isRecord(x.what) && isRecord(x.what.identifier) ? x.what.identifier : {}))
    .find((id) => id.system === BREAK_GLASS_SYSTEM)?.value;
  const reason = entities
    .flatMap((x) => (Array.isArray(x.detail) ? x.detail.filter(isRecord) : []))
    .find((d) => d.type === 'reason')?.valueString;
  return {
    id: typeof e.id === 'string' ? e.id : '',
    recorded: typeof e.recorded === 'string' ? e.recorded : '',
    action: typeof subtype === 'string' ? subtype : '',
    role: typeof role === 'string' ? role : '',
    ...(typeof who === 'string' ? { rpps: who.replace(/^8/, '') } : {}),
    ...(typeof location === 'string' ? { finess: location.replace(/^1/, '') } : {}),
    allowed: e.outcome === '0',
    breakGlass: Array.isArray(e.purposeOfEvent) && e.purposeOfEvent.length > 0,
    ...(typeof breakGlassId === 'string' ? { breakGlassId } : {}),
    ...(typeof reason === 'string' ? { breakGlassReason: reason } : {}),
    ...(typeof source === 'string' ? { sourceId: source } : {}),
  };
}

export function myAccessTraceQueryOptions() {
  return queryOptions({
    queryKey: consentKeys.trace(),
    queryFn: ({ signal }) => listMyAccessTrace(signal),
  });
}

/** A patient's own trace; nothing is asked for anyone else. */
export function useMyAccessTrace() {
  const { status, principal } = useAuth();
  return useQuery({
    ...myAccessTraceQueryOptions(),
    enabled: status === 'signedIn' && principal?.role === 'patient',
  });
}

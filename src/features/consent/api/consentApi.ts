// The gateway's consent API (FHIR R4 Consent, break-the-glass, AuditEvent) as the SPA needs
// it. Refusals come back as OperationOutcome with a French sentence: that sentence is what
// the user is shown.
import { BREAK_GLASS_SYSTEM } from '../../../domain/consent/breakGlassReason';
import {
  CONSENT_EXT,
  consentExtensions,
  type ConsentDuration,
  type ConsentMethod,
} from '../../../domain/consent/consentExtensions';
import type { PatientIdentifier } from '../../../domain/identity/patientIdentifier';

export interface ConsentSummary {
  id: string;
  status: 'active' | 'inactive';
  expired: boolean;
  recordedAt: string;
  end: string;
  performerRpps: string;
  revokedAt?: string;
}

export class ConsentApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ConsentApiError';
  }
}

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

async function call(path: string, accessToken: string, init: RequestInit = {}): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(path, {
      ...init,
      credentials: 'omit',
      headers: {
        authorization: `Bearer ${accessToken}`,
        accept: 'application/fhir+json',
        ...init.headers,
      },
    });
  } catch {
    throw new ConsentApiError(0, 'passerelle injoignable');
  }
  const body = (await res.json().catch(() => undefined)) as unknown;
  if (!res.ok) throw new ConsentApiError(res.status, messageOf(body) ?? `erreur ${res.status}`);
  return body;
}

function messageOf(body: unknown): string | undefined {
  if (!isRecord(body)) return undefined;
  const issue = Array.isArray(body.issue) ? body.issue[0] : undefined;
  if (isRecord(issue) && isRecord(issue.details) && typeof issue.details.text === 'string') {
    return issue.details.text;
  }
  const error = body.error;
  return isRecord(error) && typeof error.message === 'string' ? error.message : undefined;
}

export const patientSystem = (p: PatientIdentifier) => ({
  system: `urn:oid:${p.issuer}`,
  value: p.id,
});

export async function recordConsent(opts: {
  patient: PatientIdentifier;
  method: ConsentMethod;
  duration: ConsentDuration;
  informationVersion: string;
  accessToken: string;
}): Promise<ConsentSummary> {
  const body = await call('/api/fhir/Consent', opts.accessToken, {
    method: 'POST',
    headers: { 'content-type': 'application/fhir+json' },
    body: JSON.stringify({
      resourceType: 'Consent',
      status: 'active',
      patient: { identifier: patientSystem(opts.patient) },
      extension: consentExtensions(opts),
    }),
  });
  const summary = summarize(body);
  if (!summary) throw new ConsentApiError(502, 'réponse invalide de la passerelle');
  return summary;
}

export async function revokeConsent(id: string, accessToken: string): Promise<void> {
  await call(`/api/fhir/Consent/${encodeURIComponent(id)}`, accessToken, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json-patch+json' },
    body: JSON.stringify([{ op: 'replace', path: '/status', value: 'inactive' }]),
  });
}

/** Consents of these identifiers (all of them when none is given: a patient's own). */
export async function listConsents(
  accessToken: string,
  patients: readonly PatientIdentifier[] = [],
): Promise<ConsentSummary[]> {
  const query =
    patients.length > 0
      ? `?patient=${encodeURIComponent(patients.map((p) => `urn:oid:${p.issuer}|${p.id}`).join(','))}`
      : '';
  const bundle = await call(`/api/fhir/Consent${query}`, accessToken);
  return entries(bundle).flatMap((r) => summarize(r) ?? []);
}

export async function openBreakGlass(opts: {
  patient: PatientIdentifier;
  reason: string;
  accessToken: string;
}): Promise<{ end: string }> {
  const body = await call('/api/break-glass', opts.accessToken, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ patient: patientSystem(opts.patient), reason: opts.reason }),
  });
  return { end: isRecord(body) && typeof body.end === 'string' ? body.end : '' };
}

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

export async function listMyAccessTrace(accessToken: string): Promise<AccessRecord[]> {
  const bundle = await call('/api/fhir/AuditEvent?_count=500', accessToken);
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

function entries(bundle: unknown): unknown[] {
  if (!isRecord(bundle) || !Array.isArray(bundle.entry)) return [];
  return bundle.entry.map((e) => (isRecord(e) ? e.resource : undefined));
}

function summarize(r: unknown): ConsentSummary | null {
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

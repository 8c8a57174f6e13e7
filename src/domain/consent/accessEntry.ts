// One record of the access trace (a FHIR AuditEvent written by the gateway, see
// server/audit/auditEvent.ts) as « Mes accès » needs it. The trace is read defensively:
// records written before the gateway recorded names have only numbers, and a record this
// code does not know (a newer action) still reads, with its action as written.
import { BREAK_GLASS_SYSTEM } from './breakGlassReason';

/** Who made the access, as far as the record says. */
export type AccessActor =
  | {
      kind: 'professional';
      rpps?: string;
      finess?: string;
      name?: string;
      profession?: string;
      specialty?: string;
      structure?: string;
    }
  | { kind: 'patient' }
  | { kind: 'unknown' };

export interface AccessEntry {
  id: string;
  /** ISO instant. */
  recorded: string;
  /** The gateway's action code (`search`, `retrieve`, `export`, …); '' when absent. */
  action: string;
  actor: AccessActor;
  allowed: boolean;
  breakGlass: boolean;
  /** The break-the-glass opening this record is, or was made under. */
  breakGlassId?: string;
  /** The reason given, as typed: text for the patient, never markup. */
  breakGlassReason?: string;
  consentId?: string;
  sourceId?: string;
  studyUid?: string;
}

/** The ANS nomenclatures the gateway codes the agent's profession and specialty in. */
const PROFESSION_SYSTEM =
  'https://mos.esante.gouv.fr/NOS/TRE_G15-ProfessionSante/FHIR/TRE-G15-ProfessionSante';
const SPECIALTY_SYSTEM =
  'https://mos.esante.gouv.fr/NOS/TRE_R38-SpecialiteOrdinale/FHIR/TRE-R38-SpecialiteOrdinale';
const DICOM_UID_SYSTEM = 'urn:dicom:uid';

type Json = Record<string, unknown>;

const isRecord = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const records = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isRecord) : []);
const text = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;

function codingDisplay(roles: Json[], system: string): string | undefined {
  for (const role of roles) {
    const coding = records(role.coding).find((c) => c.system === system);
    if (coding) return text(coding.display) ?? text(coding.code);
  }
  return undefined;
}

function actorOf(agent: Json): AccessActor {
  const roles = records(agent.role);
  const role = text(roles[0]?.text);
  if (role === 'patient') return { kind: 'patient' };
  if (role !== 'professional') return { kind: 'unknown' };
  const who = isRecord(agent.who) ? agent.who : {};
  const location = isRecord(agent.location) ? agent.location : {};
  const rpps = isRecord(who.identifier) ? text(who.identifier.value) : undefined;
  const finess = isRecord(location.identifier) ? text(location.identifier.value) : undefined;
  const fields = {
    // The gateway writes PSC's forms: '8' + RPPS, '1' + FINESS.
    rpps: rpps?.replace(/^8/, ''),
    finess: finess?.replace(/^1/, ''),
    name: text(who.display),
    profession: codingDisplay(roles, PROFESSION_SYSTEM),
    specialty: codingDisplay(roles, SPECIALTY_SYSTEM),
    structure: text(location.display),
  };
  return {
    kind: 'professional',
    ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
  };
}

/** The record as the page reads it; null for anything that is not an AuditEvent. */
export function accessEntryFrom(resource: unknown): AccessEntry | null {
  if (!isRecord(resource) || resource.resourceType !== 'AuditEvent') return null;
  const agent = records(resource.agent)[0] ?? {};
  const entities = records(resource.entity);
  const identifiers = entities.map((x) =>
    isRecord(x.what) && isRecord(x.what.identifier) ? x.what.identifier : {},
  );
  const breakGlassId = text(identifiers.find((i) => i.system === BREAK_GLASS_SYSTEM)?.value);
  const reason = text(
    entities.flatMap((x) => records(x.detail)).find((d) => d.type === 'reason')?.valueString,
  );
  const studyEntity = entities.find((x) => x.description === 'study');
  const studyId =
    studyEntity && isRecord(studyEntity.what) && isRecord(studyEntity.what.identifier)
      ? studyEntity.what.identifier
      : undefined;
  const studyUid =
    studyId?.system === DICOM_UID_SYSTEM
      ? text(studyId.value)?.replace(/^urn:oid:/, '')
      : undefined;
  const consentRef = entities
    .map((x) => (isRecord(x.what) ? text(x.what.reference) : undefined))
    .find((r) => r?.startsWith('Consent/'));
  const source = isRecord(resource.source) ? text(resource.source.site) : undefined;
  const optional = {
    breakGlassId,
    // Typed by a professional: kept as it was written (only trimmed of outer blanks).
    breakGlassReason: reason,
    consentId: consentRef?.slice('Consent/'.length),
    sourceId: source,
    studyUid,
  };
  return {
    id: text(resource.id) ?? '',
    recorded: text(resource.recorded) ?? '',
    action: text(records(resource.subtype)[0]?.code) ?? '',
    actor: actorOf(agent),
    allowed: resource.outcome === '0',
    breakGlass: Array.isArray(resource.purposeOfEvent) && resource.purposeOfEvent.length > 0,
    ...(Object.fromEntries(
      Object.entries(optional).filter(([, v]) => v !== undefined),
    ) as Partial<AccessEntry>),
  };
}

/** Who recorded each consent, by name, as the trace's `consent-created` records say. */
export function consentPerformers(entries: readonly AccessEntry[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const e of entries) {
    if (e.action !== 'consent-created' || e.consentId === undefined) continue;
    if (e.actor.kind === 'professional' && e.actor.name !== undefined) {
      names.set(e.consentId, e.actor.name);
    }
  }
  return names;
}

/**
 * Only the opening's own record holds the break-the-glass reason; the accesses made under
 * it point to it. Each entry gets its opening's reason when the trace read holds it.
 */
export function withBreakGlassReasons(entries: readonly AccessEntry[]): AccessEntry[] {
  const reasons = new Map<string, string>();
  for (const e of entries) {
    if (e.breakGlassId && e.breakGlassReason) reasons.set(e.breakGlassId, e.breakGlassReason);
  }
  return entries.map((e) => {
    const reason = e.breakGlassId ? reasons.get(e.breakGlassId) : undefined;
    return reason && !e.breakGlassReason ? { ...e, breakGlassReason: reason } : e;
  });
}

/** What the gateway said of a study the trace names (an included ImagingStudy). */
export interface StudyFacts {
  uid: string;
  /** YYYY-MM-DD. */
  date?: string;
  modalities: string[];
  description?: string;
}

/** An ImagingStudy of the trace's Bundle; null for anything else. */
export function studyFactsFrom(resource: unknown): StudyFacts | null {
  if (!isRecord(resource) || resource.resourceType !== 'ImagingStudy') return null;
  const id = records(resource.identifier).find((i) => i.system === DICOM_UID_SYSTEM);
  const uid = text(id?.value)?.replace(/^urn:oid:/, '');
  if (uid === undefined) return null;
  const date = text(resource.started);
  const description = text(resource.description);
  return {
    uid,
    ...(date !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(date) ? { date } : {}),
    modalities: records(resource.modality).flatMap((m) => text(m.code) ?? []),
    ...(description !== undefined ? { description } : {}),
  };
}

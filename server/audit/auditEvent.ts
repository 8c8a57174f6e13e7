// One access as a FHIR R4 AuditEvent (IHE ATNA / ANS « Traçabilité des événements »): what
// was done, by whom and from where, to which patient, study and series, at which source,
// and how it ended — refusals included.
import type { PatientRef } from '../consent/patientRef';
import { BREAK_GLASS_SYSTEM } from '../../src/domain/consent/breakGlassReason';
import type { Principal, ProfessionalIdentity } from '../auth/principal';

export type AuditAction =
  | 'search'
  | 'retrieve'
  | 'consent-created'
  | 'consent-revoked'
  | 'consent-read'
  | 'break-glass'
  | 'audit-read'
  | 'export';

export type AuditActor =
  | {
      role: 'professional';
      sub: string;
      rpps: string;
      finess?: string;
      /** From the token, at write time: the trace itself says who it was. */
      identity?: ProfessionalIdentity;
    }
  | { role: 'patient'; sub: string; ins: string; insOid: string };

export interface AccessFacts {
  action: AuditAction;
  at: number;
  actor: AuditActor;
  patients: PatientRef[];
  sourceId?: string;
  studyUid?: string;
  seriesUid?: string;
  /** Export of one displayed image: the instance it shows. */
  instanceUid?: string;
  /** Export only: what was saved (`dicom-zip`, `png`, `jpeg`, `png+annotations`, …). */
  format?: string;
  status: number;
  /** The gateway's refusal code (`consent_required`, …) when there is one. */
  outcomeCode?: string;
  clientAddress?: string;
  breakGlass?: boolean;
  consentId?: string;
  /** The break-the-glass opening this record is, or was made under. */
  breakGlassId?: string;
  /**
   * Break-the-glass: the reason the professional gave — on the opening and on every access
   * made under it, so that a page of the trace read alone still says why.
   */
  reason?: string;
  /** The source held the study UID under several patients (what was sent was checked). */
  patientConflict?: boolean;
}

export const ACTION_SYSTEM = 'urn:drim-viewer:audit-action';
export const RPPS_SYSTEM = 'urn:oid:1.2.250.1.71.4.2.1';
export const FINESS_SYSTEM = 'urn:oid:1.2.250.1.71.4.2.2';
const DCM = 'http://dicom.nema.org/resources/ontology/DCM';
const REST = 'http://terminology.hl7.org/CodeSystem/audit-event-type';

const TYPES: Record<AuditAction, { system: string; code: string; display: string }> = {
  search: { system: DCM, code: '110112', display: 'Query' },
  retrieve: { system: DCM, code: '110103', display: 'DICOM Instances Accessed' },
  'consent-created': { system: REST, code: 'rest', display: 'Restful Operation' },
  'consent-revoked': { system: REST, code: 'rest', display: 'Restful Operation' },
  'consent-read': { system: REST, code: 'rest', display: 'Restful Operation' },
  'break-glass': { system: DCM, code: '110113', display: 'Security Alert' },
  'audit-read': { system: DCM, code: '110101', display: 'Audit Log Used' },
  export: { system: DCM, code: '110106', display: 'Export' },
};

const ACTION_CODES: Record<AuditAction, 'C' | 'R' | 'U' | 'E'> = {
  search: 'E',
  retrieve: 'R',
  'consent-created': 'C',
  'consent-revoked': 'U',
  'consent-read': 'R',
  'break-glass': 'E',
  'audit-read': 'R',
  export: 'R',
};

/** FHIR AuditEvent.outcome: 0 success, 4 refused or not found, 8 a failure on our side. */
function outcomeOf(status: number): '0' | '4' | '8' {
  if (status < 400) return '0';
  return status < 500 ? '4' : '8';
}

export function toAuditEvent(facts: AccessFacts): Record<string, unknown> {
  const { actor } = facts;
  const who =
    actor.role === 'professional'
      ? {
          identifier: { system: RPPS_SYSTEM, value: `8${actor.rpps}` },
          ...(actor.identity?.name ? { display: actor.identity.name } : {}),
        }
      : { identifier: { system: `urn:oid:${actor.insOid}`, value: actor.ins } };
  const entity: Record<string, unknown>[] = facts.patients.map((p) => ({
    what: { identifier: p },
    type: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '1' },
    role: { system: 'http://terminology.hl7.org/CodeSystem/object-role', code: '1' },
  }));
  for (const [uid, label] of [
    [facts.studyUid, 'study'],
    [facts.seriesUid, 'series'],
    [facts.instanceUid, 'instance'],
  ] as const) {
    if (uid === undefined) continue;
    entity.push({
      what: { identifier: { system: 'urn:dicom:uid', value: `urn:oid:${uid}` } },
      type: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '2' },
      description: label,
    });
  }
  if (facts.format !== undefined) {
    entity.push({ description: 'export', detail: [{ type: 'format', valueString: facts.format }] });
  }
  if (facts.patientConflict) {
    entity.push({
      description: 'patient-conflict',
      detail: [
        { type: 'conflict', valueString: 'study UID held under several patients at the source' },
      ],
    });
  }
  if (facts.consentId !== undefined) {
    entity.push({ what: { reference: `Consent/${facts.consentId}` } });
  }
  if (facts.breakGlassId !== undefined || facts.reason !== undefined) {
    entity.push({
      ...(facts.breakGlassId !== undefined
        ? { what: { identifier: { system: BREAK_GLASS_SYSTEM, value: facts.breakGlassId } } }
        : {}),
      ...(facts.reason !== undefined
        ? {
            description: 'break-glass reason',
            detail: [{ type: 'reason', valueString: facts.reason }],
          }
        : { description: 'break-glass' }),
    });
  }
  return {
    resourceType: 'AuditEvent',
    type: TYPES[facts.action],
    subtype: [{ system: ACTION_SYSTEM, code: facts.action }],
    action: ACTION_CODES[facts.action],
    recorded: new Date(facts.at).toISOString(),
    outcome: outcomeOf(facts.status),
    outcomeDesc: facts.outcomeCode ?? String(facts.status),
    ...(facts.breakGlass
      ? {
          purposeOfEvent: [
            {
              coding: [
                { system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'BTG' },
                { system: 'urn:drim-viewer:access-mode', code: 'bris_de_glace' },
              ],
            },
          ],
        }
      : {}),
    agent: [
      {
        type: {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/v3-RoleClass',
              code: actor.role === 'professional' ? 'PROV' : 'PAT',
            },
          ],
        },
        role: [{ text: actor.role }, ...(actor.role === 'professional' ? practiceOf(actor) : [])],
        who,
        altId: actor.sub,
        requestor: true,
        ...(actor.role === 'professional' ? structureOf(actor) : {}),
        ...(facts.clientAddress ? { network: { address: facts.clientAddress, type: '2' } } : {}),
      },
    ],
    source: {
      observer: { display: 'drim-viewer gateway' },
      ...(facts.sourceId ? { site: facts.sourceId } : {}),
    },
    ...(entity.length > 0 ? { entity } : {}),
  };
}

/** ANS nomenclatures, by their FHIR canonical URLs (TRE_G15 professions, TRE_R38 specialties). */
export const PROFESSION_SYSTEM =
  'https://mos.esante.gouv.fr/NOS/TRE_G15-ProfessionSante/FHIR/TRE-G15-ProfessionSante';
export const SPECIALTY_SYSTEM =
  'https://mos.esante.gouv.fr/NOS/TRE_R38-SpecialiteOrdinale/FHIR/TRE-R38-SpecialiteOrdinale';

type ProfessionalActor = Extract<AuditActor, { role: 'professional' }>;

/** The profession and specialty, as further agent roles (the first stays `professional`). */
function practiceOf(actor: ProfessionalActor): Record<string, unknown>[] {
  const { profession, specialty } = actor.identity ?? {};
  return [
    ...(profession
      ? [
          {
            coding: [
              { system: PROFESSION_SYSTEM, code: profession.code, display: profession.label },
            ],
          },
        ]
      : []),
    ...(specialty
      ? [{ coding: [{ system: SPECIALTY_SYSTEM, code: specialty.code, display: specialty.label }] }]
      : []),
  ];
}

/** The structure the professional acted for: its FINESS and, when the token names it, its name. */
function structureOf(actor: ProfessionalActor): Record<string, unknown> {
  const name = actor.identity?.structureName;
  if (!actor.finess && !name) return {};
  return {
    location: {
      ...(actor.finess ? { identifier: { system: FINESS_SYSTEM, value: `1${actor.finess}` } } : {}),
      ...(name ? { display: name } : {}),
    },
  };
}

export function actorOf(p: Principal): AuditActor {
  return p.kind === 'professional'
    ? {
        role: 'professional',
        sub: p.sub,
        rpps: p.rpps,
        ...(p.finess ? { finess: p.finess } : {}),
        ...(p.identity ? { identity: p.identity } : {}),
      }
    : { role: 'patient', sub: p.sub, ins: p.ins, insOid: p.insOid };
}

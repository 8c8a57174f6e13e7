// The FHIR R4 `Consent` the API speaks: what a professional sends to record a patient's
// consent to the extended search, and what the gateway answers. Who collected it and when
// come from the token and the gateway's clock, never from the body.
import { z } from 'zod';
import {
  CONSENT_EXT,
  consentExtensions,
  type ConsentDuration,
  type ConsentMethod,
} from '../../src/domain/consent/consentExtensions';
import { FINESS_SYSTEM, RPPS_SYSTEM } from '../audit/auditEvent';
import { patientRefSchema, type PatientRef } from './patientRef';

export const SCOPE_SYSTEM = 'urn:drim-viewer:consent-scope';
export const EXTENDED_SEARCH = 'regional-extended-search';

export interface ConsentRecord {
  id: string;
  patient: PatientRef;
  performer: { sub: string; rpps: string; finess?: string };
  recordedAt: number;
  method: ConsentMethod;
  informationVersion: string;
  scope: string;
  duration: ConsentDuration;
  periodStart: number;
  periodEnd: number;
  status: 'active' | 'inactive';
  revoked?: { at: number; role: string; by: string };
}

export interface ConsentRequest {
  patient: PatientRef;
  method: ConsentMethod;
  informationVersion: string;
  duration: ConsentDuration;
}

const extension = z.looseObject({ url: z.string() });

const consentInput = z.looseObject({
  resourceType: z.literal('Consent', { error: 'resourceType « Consent » attendu' }),
  status: z
    .literal('active', { error: 'un nouveau consentement a le statut « active »' })
    .optional(),
  patient: z.looseObject(
    { identifier: patientRefSchema },
    { error: 'patient.identifier (system, value) attendu' },
  ),
  extension: z.array(extension, { error: 'extensions attendues (méthode, version, durée)' }),
});

const methodExt = z.looseObject({
  valueCode: z.enum(['oral', 'written'], { error: '« oral » ou « written » attendu' }),
});
const versionExt = z.looseObject({
  valueString: z
    .string({ error: 'version du texte d’information attendue' })
    .regex(/^[A-Za-z0-9._-]{1,40}$/, 'version du texte d’information invalide'),
});
const durationExt = z.union(
  [
    z.looseObject({ valueCode: z.literal('visit') }),
    z.looseObject({
      valueDuration: z.looseObject({
        value: z.int().min(1),
        code: z.literal('d'),
      }),
    }),
  ],
  { error: 'durée attendue : « visit » (cette consultation) ou un nombre de jours' },
);

export class ConsentInputError extends Error {
  override name = 'ConsentInputError';
}

function frenchIssues(error: z.ZodError, prefix = ''): string {
  return error.issues
    .map((i) => {
      const where = [prefix, ...i.path.map(String)].filter((p) => p !== '').join('.');
      return where ? `${where} : ${i.message}` : i.message;
    })
    .join(' ; ');
}

/** Throws ConsentInputError with a French sentence naming the bad field. */
export function parseConsentRequest(body: unknown, maxDays: number): ConsentRequest {
  const parsed = consentInput.safeParse(body);
  if (!parsed.success)
    throw new ConsentInputError(`Consentement invalide — ${frenchIssues(parsed.error)}`);
  const byUrl = (url: string): unknown => parsed.data.extension.find((e) => e.url === url);
  const read = <T>(schema: z.ZodType<T>, url: string, label: string): T => {
    const ext = byUrl(url);
    if (ext === undefined)
      throw new ConsentInputError(`Consentement invalide — ${label} manquante (extension ${url}).`);
    const r = schema.safeParse(ext);
    if (!r.success)
      throw new ConsentInputError(`Consentement invalide — ${label} : ${frenchIssues(r.error)}`);
    return r.data;
  };
  const method = read(
    methodExt,
    CONSENT_EXT.method,
    'manière dont le consentement a été donné',
  ).valueCode;
  const informationVersion = read(
    versionExt,
    CONSENT_EXT.informationVersion,
    'version du texte d’information',
  ).valueString;
  const d = read(durationExt, CONSENT_EXT.duration, 'durée');
  let duration: ConsentDuration;
  if ('valueDuration' in d) {
    const days = (d.valueDuration as { value: number }).value;
    if (days > maxDays) {
      throw new ConsentInputError(
        `Consentement invalide — durée : au plus ${maxDays} jours dans cette région.`,
      );
    }
    duration = { kind: 'days', days };
  } else {
    duration = { kind: 'visit' };
  }
  return { patient: parsed.data.patient.identifier, method, informationVersion, duration };
}

/** FHIR revocation bodies: JSON Patch on /status, or the whole resource with status inactive. */
export function isRevocationPatch(body: unknown): boolean {
  if (!Array.isArray(body) || body.length !== 1) return false;
  const op = body[0] as { op?: unknown; path?: unknown; value?: unknown } | null;
  return op?.op === 'replace' && op.path === '/status' && op.value === 'inactive';
}

export function isRevocationPut(body: unknown, id: string): boolean {
  const b = body as { resourceType?: unknown; id?: unknown; status?: unknown } | null;
  return b?.resourceType === 'Consent' && b.id === id && b.status === 'inactive';
}

const iso = (ms: number): string => new Date(ms).toISOString();

export function toFhirConsent(c: ConsentRecord, now: number): Record<string, unknown> {
  const expired = c.status === 'active' && now >= c.periodEnd;
  return {
    resourceType: 'Consent',
    id: c.id,
    meta: { lastUpdated: iso(c.revoked?.at ?? c.recordedAt) },
    status: c.status,
    scope: {
      coding: [
        { system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' },
      ],
    },
    category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0' }] }],
    patient: { identifier: c.patient },
    dateTime: iso(c.recordedAt),
    performer: [{ identifier: { system: RPPS_SYSTEM, value: `8${c.performer.rpps}` } }],
    ...(c.performer.finess
      ? {
          organization: [
            { identifier: { system: FINESS_SYSTEM, value: `1${c.performer.finess}` } },
          ],
        }
      : {}),
    policyRule: {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'OPTIN' }],
    },
    provision: {
      type: 'permit',
      period: { start: iso(c.periodStart), end: iso(c.periodEnd) },
      code: [
        {
          coding: [
            {
              system: SCOPE_SYSTEM,
              code: c.scope,
              display: 'Recherche étendue dans l’archive régionale',
            },
          ],
        },
      ],
      action: [
        {
          coding: [
            { system: 'http://terminology.hl7.org/CodeSystem/consentaction', code: 'access' },
          ],
        },
      ],
    },
    extension: [
      ...consentExtensions(c),
      ...(c.revoked
        ? [
            {
              url: CONSENT_EXT.revocation,
              extension: [
                { url: 'time', valueDateTime: iso(c.revoked.at) },
                { url: 'role', valueCode: c.revoked.role },
                { url: 'author', valueString: c.revoked.by },
              ],
            },
          ]
        : []),
      ...(expired ? [{ url: 'urn:drim-viewer:consent:expired', valueBoolean: true }] : []),
    ],
  };
}

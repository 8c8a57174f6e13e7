// The access trace as a FHIR Bundle of AuditEvent: for the patient themself (« Mes accès »),
// and for the people the region names to read it (consent.auditReaders).
import type { FastifyInstance, FastifyRequest, onRequestHookHandler } from 'fastify';
import { date, str, strs } from '../../src/domain/dicom/dicomJson';
import { TAG } from '../../src/domain/dicom/tags';
import { namesAnyOf } from '../../src/domain/identity/persons';
import { principalOf } from '../auth/authenticate';
import type { ConsentStore } from '../consent/consentStore';
import { FHIR_JSON, fhirError } from '../consent/operationOutcome';
import type { PatientRef } from '../consent/patientRef';
import { patientsAsked } from '../consent/patientsAsked';
import type { UpstreamClient } from '../dicomweb/upstreamClient';
import { searchUpstream } from '../dicomweb/upstreamSearch';
import type { AuditTrail } from './auditTrail';
import type { RequestTrace } from './requestTrace';

export interface AuditEventRoutesOptions {
  authenticate: onRequestHookHandler;
  consents: ConsentStore;
  trail: AuditTrail;
  trace: RequestTrace;
  upstreams: ReadonlyMap<string, UpstreamClient>;
}

const DEFAULT_PAGE = 200;
const MAX_PAGE = 1000;
const MAX_STUDY_LIST_BYTES = 4 * 1024 * 1024;
const DCM = 'http://dicom.nema.org/resources/ontology/DCM';
/** The FHIR way to ask for the studies the events name (`_include=AuditEvent:entity`). */
const INCLUDE_STUDIES = 'AuditEvent:entity';

/** One of the patient's studies as a DRIMbox lists it: what « Mes accès » may name it by. */
interface KnownStudy {
  uid: string;
  date: string | null;
  modalities: string[];
  description: string;
}

export async function auditEventRoutes(
  app: FastifyInstance,
  opts: AuditEventRoutesOptions,
): Promise<void> {
  const { consents, trail, trace, upstreams } = opts;

  app.get('/api/fhir/AuditEvent', { onRequest: opts.authenticate }, async (request, reply) => {
    const p = trace.begin(request, 'audit-read');
    const principal = principalOf(request);
    if (
      principal.kind === 'professional' &&
      !consents.settings.auditReaders.includes(principal.rpps)
    ) {
      throw fhirError(
        403,
        'forbidden',
        'Le journal des accès n’est consultable que par le patient et par les personnes désignées par la région.',
      );
    }
    const refs = patientsAsked(request, p);
    const rawCount = (request.query as Record<string, unknown>)._count;
    const count = rawCount === undefined ? DEFAULT_PAGE : Number(rawCount);
    if (!Number.isInteger(count) || count < 1 || count > MAX_PAGE) {
      throw fhirError(
        400,
        'bad_request',
        `Paramètre « _count » : entier de 1 à ${MAX_PAGE} attendu.`,
      );
    }
    const rawBefore = (request.query as Record<string, unknown>)._before;
    const before = rawBefore === undefined ? undefined : Number(rawBefore);
    if (before !== undefined && (!Number.isSafeInteger(before) || before < 1)) {
      throw fhirError(
        400,
        'bad_request',
        'Paramètre « _before » : numéro d’enregistrement attendu.',
      );
    }
    const include = [(request.query as Record<string, unknown>)._include].flat();
    const seen = new Map<number, Record<string, unknown>>();
    const known = new Map<string, { study: KnownStudy; patient: PatientRef }>();
    for (const ref of refs) {
      const studies = await studiesAtDrimboxes(ref, request.log);
      for (const study of studies) known.set(study.uid, { study, patient: ref });
      const uids = studies.map((st) => st.uid);
      for (const e of await trail.forPatient(ref, uids, count, before)) seen.set(e.seq, e.resource);
    }
    const events = [...seen.entries()].sort((a, b) => b[0] - a[0]).slice(0, count);
    // A full page may have older records behind it: the next page starts below its last one.
    const last = events.at(-1);
    const next =
      events.length === count && last !== undefined
        ? pageUrl(request, { _count: String(count), _before: String(last[0]) })
        : undefined;
    return reply
      .header('cache-control', 'no-store')
      .type(FHIR_JSON)
      .send({
        resourceType: 'Bundle',
        type: 'searchset',
        ...(next ? { link: [{ relation: 'next', url: next }] } : {}),
        entry: [
          ...events.map(([seq, resource]) => ({ fullUrl: `AuditEvent/${seq}`, resource })),
          ...(include.includes(INCLUDE_STUDIES) ? studiesNamed(events, known) : []),
        ],
      });
  });

  /**
   * The patient's studies the page's events name, as ImagingStudy (search mode `include`):
   * what the DRIMboxes say of them now (date, modalities, description), so the patient reads
   * « which exam » rather than a UID. A study the DRIMboxes do not list stays unnamed.
   */
  function studiesNamed(
    events: [number, Record<string, unknown>][],
    known: ReadonlyMap<string, { study: KnownStudy; patient: PatientRef }>,
  ): Record<string, unknown>[] {
    const uids = new Set<string>();
    for (const [, resource] of events) {
      for (const entity of Array.isArray(resource.entity) ? resource.entity : []) {
        const e = entity as { description?: unknown; what?: { identifier?: { value?: unknown } } };
        const value = e.what?.identifier?.value;
        if (e.description === 'study' && typeof value === 'string') {
          uids.add(value.replace(/^urn:oid:/, ''));
        }
      }
    }
    return [...uids].flatMap((uid) => {
      const found = known.get(uid);
      if (!found) return [];
      const { study, patient } = found;
      return [
        {
          fullUrl: `urn:oid:${uid}`,
          resource: {
            resourceType: 'ImagingStudy',
            identifier: [{ system: 'urn:dicom:uid', value: `urn:oid:${uid}` }],
            status: 'available',
            subject: { identifier: patient },
            ...(study.date ? { started: study.date } : {}),
            ...(study.modalities.length > 0
              ? { modality: study.modalities.map((code) => ({ system: DCM, code })) }
              : {}),
            ...(study.description ? { description: study.description } : {}),
          },
          search: { mode: 'include' },
        },
      ];
    });
  }

  /** The same search, another page: a path relative to the gateway, as the SPA asks it. */
  function pageUrl(request: FastifyRequest, page: Record<string, string>): string {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(request.query as Record<string, unknown>)) {
      if (k in page) continue;
      for (const one of Array.isArray(v) ? v : [v]) {
        if (typeof one === 'string') params.append(k, one);
      }
    }
    for (const [k, v] of Object.entries(page)) params.set(k, v);
    return `/api/fhir/AuditEvent?${params.toString()}`;
  }

  /**
   * Frame requests to a DRIMbox name a study, not a patient (the gateway does not hold
   * them up to ask). The patient's studies there are asked when they read their trace.
   */
  async function studiesAtDrimboxes(
    ref: PatientRef,
    log: FastifyRequest['log'],
  ): Promise<KnownStudy[]> {
    const issuer = ref.system.slice('urn:oid:'.length);
    const patient = [{ issuer, id: ref.value }];
    const found = await Promise.all(
      [...upstreams.values()]
        .filter((u) => u.source.kind !== 'regional')
        .map(async (u) => {
          try {
            const query = new Map([
              ['PatientID', [ref.value]],
              ['IssuerOfPatientID', [issuer]],
              ['includefield', ['0020000D,00100021,00080020,00080061,00081030']],
            ]);
            const studies = await searchUpstream(u, 'studies', query, {
              maxBytes: MAX_STUDY_LIST_BYTES,
            });
            // Only what names the patient: a source ignoring the filter lists strangers' studies.
            return studies.flatMap((s) => {
              const uid = str(s, TAG.StudyInstanceUID);
              if (uid === '' || !namesAnyOf(s, patient)) return [];
              return [
                {
                  uid,
                  date: date(s, TAG.StudyDate),
                  modalities: strs(s, TAG.ModalitiesInStudy),
                  description: str(s, TAG.StudyDescription),
                },
              ];
            });
          } catch (err) {
            log.warn(
              { source: u.source.id, err },
              'could not list a patient’s studies for the trace',
            );
            return [];
          }
        }),
    );
    return found.flat();
  }
}

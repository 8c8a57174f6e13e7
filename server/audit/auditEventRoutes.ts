// The access trace as a FHIR Bundle of AuditEvent: for the patient themself (« Mes accès »),
// and for the people the region names to read it (consent.auditReaders).
import type { FastifyInstance, FastifyRequest, onRequestHookHandler } from 'fastify';
import { str } from '../../src/domain/dicom/dicomJson';
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
    const seen = new Map<number, Record<string, unknown>>();
    for (const ref of refs) {
      const studies = await studiesAtDrimboxes(ref, request.log);
      for (const e of trail.forPatient(ref, studies, count)) seen.set(e.seq, e.resource);
    }
    const events = [...seen.entries()].sort((a, b) => b[0] - a[0]).slice(0, count);
    return reply
      .header('cache-control', 'no-store')
      .type(FHIR_JSON)
      .send({
        resourceType: 'Bundle',
        type: 'searchset',
        total: events.length,
        entry: events.map(([seq, resource]) => ({ fullUrl: `AuditEvent/${seq}`, resource })),
      });
  });

  /**
   * Frame requests to a DRIMbox name a study, not a patient (the gateway does not hold
   * them up to ask). The patient's studies there are asked when they read their trace.
   */
  async function studiesAtDrimboxes(
    ref: PatientRef,
    log: FastifyRequest['log'],
  ): Promise<string[]> {
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
              ['includefield', ['0020000D,00100021']],
            ]);
            const studies = await searchUpstream(u, 'studies', query, {
              maxBytes: MAX_STUDY_LIST_BYTES,
            });
            // Only what names the patient: a source ignoring the filter lists strangers' studies.
            return studies.flatMap((s) => {
              const uid = str(s, TAG.StudyInstanceUID);
              return uid !== '' && namesAnyOf(s, patient) ? [uid] : [];
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

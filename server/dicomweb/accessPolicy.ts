// Who may read what, in one place, decided before anything goes upstream, and traced
// afterwards. Professionals read the DRIMboxes freely (the DMP's rules already apply there);
// a `regional` source — the extended search — only with a live consent (or break-the-glass)
// covering the very patient the request touches, resolved from the source, not from the
// browser. Patients read their own studies everywhere, the archive included: consent
// gates professionals, and a patient's own exams are theirs to see.
import type { Principal } from '../auth/principal';
import { actorOf } from '../audit/auditEvent';
import type { AuditTrail } from '../audit/auditTrail';
import type { ConsentStore } from '../consent/consentStore';
import { consentRefusal } from '../consent/operationOutcome';
import { oidSystem, patientRefFromDicom, type PatientRef } from '../consent/patientRef';
import type { StudyPatients } from '../consent/studyPatients';
import { badRequest, forbidden, GatewayError } from '../errors';
import type { DicomwebTarget } from './allowedPaths';
import type { StudyOwnership } from './studyOwnership';
import type { UpstreamClient } from './upstreamClient';
import type { QidoQuery } from './upstreamQuery';

export interface AccessRequest {
  principal: Principal;
  upstream: UpstreamClient;
  target: DicomwebTarget;
  query: QidoQuery;
  signal?: AbortSignal;
  /** For the access trace (the proxy's view of the client, per `trustProxy`). */
  clientAddress?: string;
}

export interface AccessPolicy {
  /** Throws a GatewayError (403) when the principal may not make this request. */
  authorize(req: AccessRequest): Promise<void>;
  /** Called once the answer's status is known; writes the request's access trace record. */
  recordAccess?(req: AccessRequest, status: number): void;
}

/** What gates `regional` sources and traces every read; absent, only the basic rules apply. */
export interface ExtendedAccess {
  consents: ConsentStore;
  studyPatients: StudyPatients;
  trail: AuditTrail;
  clock: () => number;
}

interface Decision {
  patients: PatientRef[];
  breakGlass: boolean;
  consentId?: string;
  refusal?: string;
}

const notYours = (): Error =>
  forbidden('Cet examen n’est pas accessible avec votre compte patient.');

const WILDCARD = /[*?\\]/;
const UID = /^[0-9]+(\.[0-9]+)*$/;

/** The (issuer, id) pair a search names exactly, if it names one. */
function namedPatient(query: QidoQuery): PatientRef | null {
  const id = query.get('PatientID')?.[0];
  const issuer = query.get('IssuerOfPatientID')?.[0];
  if (id === undefined || issuer === undefined || WILDCARD.test(id)) return null;
  return patientRefFromDicom(id, issuer);
}

const unnamedPatient = (): GatewayError =>
  badRequest(
    'Dans l’archive régionale, la recherche doit désigner le patient par son identifiant et l’émetteur de cet identifiant (INS ou identifiant local).',
  );

export function defaultAccessPolicy(
  ownership: StudyOwnership,
  extended?: ExtendedAccess,
): AccessPolicy {
  const decisions = new WeakMap<AccessRequest, Decision>();

  /** Every person the request would touch at the source, each as their set of identifiers. */
  async function peopleTouched(
    req: AccessRequest,
    named: PatientRef | null,
  ): Promise<PatientRef[][]> {
    if (!extended) return [];
    const { target, query, upstream, signal } = req;
    if (target.studyUid !== undefined) {
      const people = await extended.studyPatients.of(upstream, target.studyUid, signal);
      if (people.length === 0) {
        throw new GatewayError(
          404,
          'not_found',
          `Introuvable sur la source « ${upstream.source.label} ».`,
        );
      }
      return people;
    }
    if (named) return [[named]];
    const uids = query.get('StudyInstanceUID')?.[0]?.split('\\') ?? [];
    if (uids.length === 0 || uids.length > 20 || !uids.every((u) => UID.test(u))) {
      throw unnamedPatient();
    }
    const people: PatientRef[][] = [];
    for (const uid of uids)
      people.push(...(await extended.studyPatients.of(upstream, uid, signal)));
    return people;
  }

  return {
    async authorize(req) {
      const { principal, target, query } = req;
      const decision: Decision = { patients: [], breakGlass: false };
      decisions.set(req, decision);
      if (principal.kind === 'professional') {
        const named = target.unscoped ? namedPatient(query) : null;
        if (named) decision.patients = [named];
        if (req.upstream.source.kind !== 'regional' || !extended) return;
        const now = extended.clock();
        // Without any live grant, refuse before asking the source anything at all.
        if (!named && !extended.consents.hasAnyGrant(principal, now)) {
          if (target.unscoped && !query.has('StudyInstanceUID')) throw unnamedPatient();
          decision.refusal = 'consent_required';
          throw consentRefusal('consent_required');
        }
        const people = await peopleTouched(req, named);
        decision.patients = people.flat();
        const grant = extended.consents.grantFor(principal, people, now);
        if (!grant.allowed) {
          decision.refusal = grant.code;
          throw consentRefusal(grant.code);
        }
        decision.breakGlass = grant.breakGlass;
        if (grant.consentIds[0] !== undefined) decision.consentId = grant.consentIds[0];
        return;
      }
      decision.patients = [{ system: oidSystem(principal.insOid), value: principal.ins }];
      if (target.unscoped) {
        const id = query.get('PatientID');
        const issuer = query.get('IssuerOfPatientID');
        if (id?.[0] !== principal.ins || issuer?.[0] !== principal.insOid) {
          throw forbidden('Votre compte patient ne permet de rechercher que vos propres examens.');
        }
        return;
      }
      if (target.studyUid === undefined) throw notYours();
      const own = await ownership.isOwnStudy(principal, req.upstream, target.studyUid, req.signal);
      if (!own) throw notYours();
    },

    recordAccess(req, status) {
      if (!extended) return;
      const d = decisions.get(req);
      const studyUid =
        req.target.studyUid ?? req.query.get('StudyInstanceUID')?.[0]?.split('\\')[0];
      extended.trail.append({
        action: req.target.kind === 'search' ? 'search' : 'retrieve',
        at: extended.clock(),
        actor: actorOf(req.principal),
        patients: d?.patients ?? [],
        sourceId: req.upstream.source.id,
        ...(studyUid !== undefined && UID.test(studyUid) ? { studyUid } : {}),
        ...(req.target.seriesUid !== undefined ? { seriesUid: req.target.seriesUid } : {}),
        status,
        ...(d?.refusal !== undefined ? { outcomeCode: d.refusal } : {}),
        ...(req.clientAddress !== undefined ? { clientAddress: req.clientAddress } : {}),
        ...(d?.breakGlass ? { breakGlass: true } : {}),
        ...(d?.consentId !== undefined ? { consentId: d.consentId } : {}),
      });
    },
  };
}

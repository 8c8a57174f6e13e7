// Who may read what, in one place, decided before anything goes upstream, and traced
// afterwards. Professionals read the DRIMboxes freely (the DMP's rules already apply there);
// a `regional` source — the extended search — only with a live consent (or break-the-glass)
// covering every person the request touches, resolved from the source, not from the
// browser. Patients read their own data everywhere, the archive included: consent gates
// professionals, and a patient's own exams are theirs to see.
//
// Identity is checked where the data is. A source may hold one UID under several patients,
// so a request bound to people (a patient's account, a consent) is checked at the deepest
// UID its path names before a binary answer is streamed, and its JSON answers are filtered
// dataset by dataset (AnswerScope) — whatever the source did with the query.
import type { Principal } from '../auth/principal';
import { actorOf } from '../audit/auditEvent';
import type { AuditTrail } from '../audit/auditTrail';
import type { ConsentStore, Grant } from '../consent/consentStore';
import { consentRefusal } from '../consent/operationOutcome';
import { oidSystem, patientRefFromDicom, type PatientRef } from '../consent/patientRef';
import type { PatientIdentifier } from '../../src/domain/identity/patientIdentifier';
import { identifierKey } from '../../src/domain/identity/patientIdentifier';
import type { Person } from '../../src/domain/identity/persons';
import { badRequest, forbidden, GatewayError } from '../errors';
import type { GatewayMetrics } from '../metrics/gatewayMetrics';
import type { DicomwebTarget } from './allowedPaths';
import type { Holdings } from './holdings';
import { isExactValue, splitValueList } from './queryValues';
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

/** What the datasets of a JSON answer may be about. */
export interface AnswerScope {
  /** Each dataset must name one of these identifiers; absent, anyone. */
  onlyFor?: PatientIdentifier[];
}

/** Who an answer turned out to be about, once checked: for the trace. */
export interface AnswerFacts {
  persons: readonly Person[];
  /** The answer, scoped to one study, held datasets of several people. */
  conflict: boolean;
}

export interface AccessPolicy {
  /** Throws a GatewayError (403) when the principal may not make this request. */
  authorize(req: AccessRequest): Promise<AnswerScope | void>;
  /** Called with what a JSON answer held after its checks, before it is sent. */
  noteAnswer?(req: AccessRequest, facts: AnswerFacts): void;
  /** Called once the answer's status is known; writes the request's access trace record. */
  recordAccess?(req: AccessRequest, status: number): void;
}

/** What gates `regional` sources and traces every read; absent, only the basic rules apply. */
export interface ExtendedAccess {
  consents: ConsentStore;
  trail: AuditTrail;
  clock: () => number;
  /** Counts consent refusals and break-the-glass reads. */
  metrics?: GatewayMetrics;
}

interface Decision {
  patients: PatientRef[];
  breakGlass: boolean;
  breakGlassId?: string;
  /** Its reason: every record made under the opening carries it, for the patient to read. */
  breakGlassReason?: string;
  consentId?: string;
  refusal?: string;
  conflict?: boolean;
}

const notYours = (): Error =>
  forbidden('Cet examen n’est pas accessible avec votre compte patient.');

const UID = /^[0-9]+(\.[0-9]+)*$/;

/** A binary answer cannot be filtered on its way: who it is about is checked before. */
const isBinary = (target: DicomwebTarget): boolean =>
  target.kind === 'retrieve' && target.endpoint !== 'metadata';

/** The (issuer, id) pair a search names exactly, if it names one. */
function namedPatient(query: QidoQuery): PatientRef | null {
  const id = query.get('PatientID')?.[0];
  const issuer = query.get('IssuerOfPatientID')?.[0];
  if (id === undefined || issuer === undefined || !isExactValue(id)) return null;
  return patientRefFromDicom(id, issuer);
}

const identifierOf = (ref: PatientRef): PatientIdentifier => ({
  issuer: ref.system.replace(/^urn:oid:/, ''),
  id: ref.value,
});

/** A person's identifiers usable as consent and trace keys (issuer an OID). */
const refsOf = (person: Person): PatientRef[] =>
  person.identifiers.flatMap((i) => patientRefFromDicom(i.id, i.issuer) ?? []);

const unnamedPatient = (): GatewayError =>
  badRequest(
    'Dans l’archive régionale, la recherche doit désigner le patient par son identifiant et l’émetteur de cet identifiant (INS ou identifiant local).',
  );

const notHeld = (label: string): GatewayError =>
  new GatewayError(404, 'not_found', `Introuvable sur la source « ${label} ».`);

const isAmong = (identifiers: readonly PatientIdentifier[], wanted: PatientIdentifier): boolean =>
  identifiers.some((i) => identifierKey(i) === identifierKey(wanted));

export function defaultAccessPolicy(holdings: Holdings, extended?: ExtendedAccess): AccessPolicy {
  const decisions = new WeakMap<AccessRequest, Decision>();

  /** Every person the request touches at the source, by study UID (path or search). */
  async function personsOfStudies(req: AccessRequest): Promise<Person[]> {
    const { target, query, upstream, signal } = req;
    if (target.studyUid !== undefined) {
      const persons = await holdings.studyPersons(upstream, target.studyUid, signal);
      if (persons.length === 0) throw notHeld(upstream.source.label);
      return persons;
    }
    const uids = splitValueList(query.get('StudyInstanceUID')?.[0] ?? '');
    if (uids.length > 20 || !uids.every((u) => UID.test(u))) throw unnamedPatient();
    const persons: Person[] = [];
    for (const uid of uids) persons.push(...(await holdings.studyPersons(upstream, uid, signal)));
    return persons;
  }

  /** Everyone held at the deepest UID of a binary request, or null if the source cannot say. */
  async function personsHeldAt(req: AccessRequest): Promise<PatientIdentifier[][] | null> {
    const rows = await holdings.instancesFor(req.upstream, req.target, req.signal);
    if (rows === null || rows.length === 0) return null;
    // Hundreds of instances are usually one person: each distinct set is checked once.
    const distinct = new Map<string, PatientIdentifier[]>();
    for (const r of rows)
      distinct.set(JSON.stringify(r.identifiers.map(identifierKey).sort()), r.identifiers);
    return [...distinct.values()];
  }

  async function authorizeProfessional(
    req: AccessRequest,
    principal: Extract<Principal, { kind: 'professional' }>,
    decision: Decision,
  ): Promise<AnswerScope> {
    const { target, query } = req;
    const named = target.unscoped ? namedPatient(query) : null;
    if (named) decision.patients = [named];
    if (req.upstream.source.kind !== 'regional' || !extended) return {};
    const now = extended.clock();
    // Without any live grant, refuse before asking the source anything at all.
    if (!named && !(await extended.consents.hasAnyGrant(principal, now))) {
      if (target.unscoped && !query.has('StudyInstanceUID')) throw unnamedPatient();
      decision.refusal = 'consent_required';
      extended.metrics?.consentRefusal('consent_required');
      throw consentRefusal('consent_required');
    }
    let people: PatientRef[][] = named ? [[named]] : (await personsOfStudies(req)).map(refsOf);
    const check = async (): Promise<Extract<Grant, { allowed: true }>> => {
      decision.patients = people.flat();
      const grant = await extended.consents.grantFor(principal, people, now);
      if (!grant.allowed) {
        decision.refusal = grant.code;
        extended.metrics?.consentRefusal(grant.code);
        throw consentRefusal(grant.code);
      }
      return grant;
    };
    let grant = await check();
    if (!named && isBinary(target) && target.seriesUid !== undefined) {
      // A source may list a study under one patient and hold another's series beneath it:
      // once the study is allowed, the people held at the deepest UID must be too.
      const held = await personsHeldAt(req);
      if (held === null) throw notHeld(req.upstream.source.label);
      const heldRefs = held.map((ids) =>
        ids.flatMap((i) => patientRefFromDicom(i.id, i.issuer) ?? []),
      );
      people = [...people, ...heldRefs];
      grant = await check();
    }
    decision.breakGlass = grant.breakGlass;
    if (grant.breakGlass) extended.metrics?.breakGlassUsed(req.upstream.source.id);
    if (grant.breakGlassIds[0] !== undefined) decision.breakGlassId = grant.breakGlassIds[0];
    if (grant.breakGlassReasons[0] !== undefined) {
      decision.breakGlassReason = grant.breakGlassReasons[0];
    }
    if (grant.consentIds[0] !== undefined) decision.consentId = grant.consentIds[0];
    return { onlyFor: people.flat().map(identifierOf) };
  }

  async function authorizePatient(
    req: AccessRequest,
    principal: Extract<Principal, { kind: 'patient' }>,
    decision: Decision,
  ): Promise<AnswerScope> {
    const { target, query } = req;
    const self: PatientIdentifier = { issuer: principal.insOid, id: principal.ins };
    decision.patients = [{ system: oidSystem(principal.insOid), value: principal.ins }];
    const scope: AnswerScope = { onlyFor: [self] };
    if (target.unscoped) {
      const id = query.get('PatientID');
      const issuer = query.get('IssuerOfPatientID');
      if (id?.[0] !== principal.ins || issuer?.[0] !== principal.insOid) {
        throw forbidden('Votre compte patient ne permet de rechercher que vos propres examens.');
      }
      return scope;
    }
    if (target.studyUid === undefined) throw notYours();
    const persons = await holdings.studyPersons(req.upstream, target.studyUid, req.signal);
    if (!persons.some((p) => isAmong(p.identifiers, self))) throw notYours();
    if (isBinary(target)) {
      const held = await personsHeldAt(req);
      if (held === null || !held.every((ids) => isAmong(ids, self))) throw notYours();
    }
    return scope;
  }

  return {
    async authorize(req) {
      const decision: Decision = { patients: [], breakGlass: false };
      decisions.set(req, decision);
      const { principal } = req;
      return principal.kind === 'professional'
        ? authorizeProfessional(req, principal, decision)
        : authorizePatient(req, principal, decision);
    },

    noteAnswer(req, facts) {
      const d = decisions.get(req);
      if (!d) return;
      // Traced as sent: the people the answer was about, not only those the request named.
      const seen = new Set(d.patients.map((p) => `${p.system}|${p.value}`));
      for (const person of facts.persons) {
        for (const ref of refsOf(person)) {
          const key = `${ref.system}|${ref.value}`;
          if (seen.has(key)) continue;
          seen.add(key);
          d.patients.push(ref);
        }
      }
      if (facts.conflict) d.conflict = true;
    },

    recordAccess(req, status) {
      if (!extended) return;
      const d = decisions.get(req);
      const studyUid =
        req.target.studyUid ?? splitValueList(req.query.get('StudyInstanceUID')?.[0] ?? '')[0];
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
        ...(d?.breakGlassId !== undefined ? { breakGlassId: d.breakGlassId } : {}),
        ...(d?.breakGlassReason !== undefined ? { reason: d.breakGlassReason } : {}),
        ...(d?.consentId !== undefined ? { consentId: d.consentId } : {}),
        ...(d?.conflict ? { patientConflict: true } : {}),
      });
    },
  };
}

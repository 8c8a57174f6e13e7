// Downloads, each traced as an « export » (DICOM 110106) in the access trace:
//
// - GET  /api/studies/{key}/download.zip            the study as a DICOM ZIP (bearer token);
// - POST /api/studies/{key}/download-ticket          a one-minute, single-use address for the
//   same ZIP that the browser can follow without a bearer token, so that the file streams
//   to disk through the browser's own download manager instead of through page memory;
// - GET  /api/downloads/{ticket}/{name}.zip           that address;
// - POST /api/studies/{key}/exports                  the record of an image the viewer saved
//   itself (PNG or JPEG of what is on screen), checked like a retrieve of that instance.
//
// Every one is checked as any retrieve is (the access policy: the patient's own studies only,
// consent at the regional archive, identity at the deepest UID), before the first byte.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { identifierKey, type PatientIdentifier } from '../../src/domain/identity/patientIdentifier';
import { principalOf, type AuthHook } from '../auth/authenticate';
import type { Principal } from '../auth/principal';
import { actorOf, type AccessFacts } from '../audit/auditEvent';
import type { AuditTrail } from '../audit/auditTrail';
import { oidSystem, patientRefFromDicom, type PatientRef } from '../consent/patientRef';
import type { AccessPolicy, AnswerScope } from '../dicomweb/accessPolicy';
import { parseDicomwebPath } from '../dicomweb/allowedPaths';
import type { Holdings } from '../dicomweb/holdings';
import type { UpstreamClient } from '../dicomweb/upstreamClient';
import { badRequest, forbidden, GatewayError, sendError } from '../errors';
import type { OpaqueKeys } from '../keys/opaqueKeys';
import { planStudyZip, writeStudyZip } from './studyZip';
import type { UsedTickets } from './usedTickets';

export interface DownloadRoutesOptions {
  authenticate: AuthHook;
  keys: OpaqueKeys;
  policy: AccessPolicy;
  holdings: Holdings;
  upstreams: Map<string, UpstreamClient>;
  trail: AuditTrail;
  clock: () => number;
  /** Single use across the region's gateways (the shared database). */
  usedTickets: UsedTickets;
}

/** A ticket is followed at once by the browser; a minute is plenty. */
const TICKET_LIFETIME_MS = 60_000;
const TICKET_SUBJECT = 'drim-viewer download ticket';
const UID = /^[0-9]+(\.[0-9]+)*$/;
const IMAGE_FORMATS = new Set(['png', 'jpeg']);

interface StudyRef {
  studyUid: string;
  sourceIds: string[];
  patient: PatientIdentifier[];
}

interface Ticket {
  principal: Principal;
  study: StudyRef;
  sourceId: string;
  expires: number;
}

const unknownKey = (): GatewayError =>
  new GatewayError(
    404,
    'unknown_key',
    'Ce lien n’est plus valable (expiré, ou créé par un autre utilisateur) : refaites la recherche.',
  );

const expiredTicket = (): GatewayError =>
  new GatewayError(
    404,
    'unknown_key',
    'Ce lien de téléchargement a expiré ou a déjà servi : relancez le téléchargement depuis la visionneuse.',
  );

const isUid = (v: unknown): v is string => typeof v === 'string' && v.length <= 64 && UID.test(v);

function studyRefOf(value: unknown): StudyRef | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (!isUid(v.studyInstanceUID) || !Array.isArray(v.sourceIds)) return null;
  const sourceIds = v.sourceIds.filter((s): s is string => typeof s === 'string');
  const patientIds = (v.patient as { identifiers?: unknown } | undefined)?.identifiers;
  const patient = Array.isArray(patientIds)
    ? patientIds.flatMap((i: unknown) => {
        const { issuer, id } = (i ?? {}) as { issuer?: unknown; id?: unknown };
        return typeof issuer === 'string' && typeof id === 'string' && id !== ''
          ? [{ issuer, id }]
          : [];
      })
    : [];
  return { studyUid: v.studyInstanceUID, sourceIds, patient };
}

/** Which exam, by its date — and nothing about the patient: the name stays on the user's disk. */
const fileName = (date: string): string => `examen-${/^\d{8}$/.test(date) ? date : 'dicom'}.zip`;

export async function downloadRoutes(
  app: FastifyInstance,
  opts: DownloadRoutesOptions,
): Promise<void> {
  const { keys, policy, upstreams, trail, clock, holdings, usedTickets } = opts;

  const openStudy = (principal: Principal, key: string): StudyRef => {
    const opened = keys.open(principal.sub, key);
    const study = opened?.kind === 'study' ? studyRefOf(opened.value) : null;
    if (!study) throw unknownKey();
    return study;
  };

  const upstreamFor = (study: StudyRef, asked: unknown): UpstreamClient => {
    const sourceId =
      typeof asked === 'string' && asked !== ''
        ? asked
        : study.sourceIds.find((id) => upstreams.has(id));
    if (sourceId === undefined || !study.sourceIds.includes(sourceId)) {
      throw badRequest('Cet examen n’est pas connu à la source demandée.');
    }
    const upstream = upstreams.get(sourceId);
    if (!upstream) throw new GatewayError(404, 'unknown_source', 'Source d’images inconnue.');
    return upstream;
  };

  /** Whom a record is about before the source has said: the user, or whom the study was opened for. */
  const namedPatients = (principal: Principal, study: StudyRef): PatientRef[] =>
    principal.kind === 'patient'
      ? [{ system: oidSystem(principal.insOid), value: principal.ins }]
      : study.patient.flatMap((i) => patientRefFromDicom(i.id, i.issuer) ?? []);

  const traceExport = (
    request: FastifyRequest,
    principal: Principal,
    facts: Omit<AccessFacts, 'action' | 'at' | 'actor' | 'clientAddress'>,
  ): void => {
    trail.append({
      action: 'export',
      at: clock(),
      actor: actorOf(principal),
      clientAddress: request.ip,
      ...facts,
    });
  };

  const refusalFacts = (err: unknown): { status: number; outcomeCode?: string } =>
    err instanceof GatewayError
      ? { status: err.status, outcomeCode: err.code }
      : { status: 500, outcomeCode: 'internal_error' };

  async function sendStudyZip(
    request: FastifyRequest,
    reply: FastifyReply,
    principal: Principal,
    study: StudyRef,
    upstream: UpstreamClient,
  ): Promise<FastifyReply> {
    const abort = new AbortController();
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished) abort.abort();
    });
    const base = {
      sourceId: upstream.source.id,
      studyUid: study.studyUid,
      format: 'dicom-zip',
    };
    let plan;
    let patients = namedPatients(principal, study);
    try {
      const scope: AnswerScope =
        (await policy.authorize({
          principal,
          upstream,
          target: parseDicomwebPath(`studies/${study.studyUid}`)!,
          query: new Map(),
          signal: abort.signal,
          clientAddress: request.ip,
        })) ?? {};
      const allowedFor: PatientIdentifier[][] = [];
      if (scope.onlyFor) allowedFor.push(scope.onlyFor);
      if (principal.kind === 'professional' && study.patient.length > 0) {
        allowedFor.push(study.patient);
      }
      plan = await planStudyZip(upstream, study.studyUid, allowedFor, abort.signal);
      const refs = new Map<string, PatientRef>();
      for (const s of plan.series) {
        for (const i of s.instances) {
          for (const id of i.identifiers) {
            const ref = patientRefFromDicom(id.id, id.issuer);
            if (ref) refs.set(`${ref.system}|${ref.value}`, ref);
          }
        }
      }
      if (refs.size > 0) patients = [...refs.values()];
    } catch (err) {
      traceExport(request, principal, { ...base, patients, ...refusalFacts(err) });
      throw err;
    }
    const zip = writeStudyZip({
      upstream,
      plan,
      signal: abort.signal,
      authorizeSeries: async (seriesUid) => {
        await policy.authorize({
          principal,
          upstream,
          target: parseDicomwebPath(`studies/${study.studyUid}/series/${seriesUid}`)!,
          query: new Map(),
          signal: abort.signal,
          clientAddress: request.ip,
        });
      },
    });
    const studyDate = plan.persons[0]?.['00080020'] as { Value?: unknown[] } | undefined;
    zip.done.then(
      (outcome) => {
        traceExport(request, principal, {
          ...base,
          patients,
          status: outcome.written === plan.instanceCount ? 200 : 206,
          ...(outcome.written === plan.instanceCount ? {} : { outcomeCode: 'partial' }),
        });
      },
      (err: unknown) => {
        // The ZIP was cut off: the browser sees a failed download, never a silently short file.
        if (!abort.signal.aborted) request.log.warn({ err }, 'study download interrupted');
        traceExport(request, principal, {
          ...base,
          patients,
          ...(abort.signal.aborted
            ? { status: 499, outcomeCode: 'client_closed' }
            : refusalFacts(err)),
        });
      },
    );
    return reply
      .code(200)
      .header('cache-control', 'no-store')
      .header('content-type', 'application/zip')
      .header(
        'content-disposition',
        `attachment; filename="${fileName(String(studyDate?.Value?.[0] ?? ''))}"`,
      )
      .send(zip.stream);
  }

  const withErrors =
    <R extends FastifyRequest>(handler: (request: R, reply: FastifyReply) => Promise<unknown>) =>
    async (request: R, reply: FastifyReply): Promise<unknown> => {
      try {
        return await handler(request, reply);
      } catch (err) {
        if (err instanceof GatewayError && !reply.sent) return sendError(reply, err);
        throw err;
      }
    };

  // No HEAD twins: a HEAD would fetch the whole study and trace an export for nothing.
  app.get<{ Params: { key: string }; Querystring: { source?: string } }>(
    '/api/studies/:key/download.zip',
    { onRequest: opts.authenticate, exposeHeadRoute: false },
    withErrors(async (request, reply) => {
      const principal = principalOf(request);
      const study = openStudy(principal, request.params.key);
      return sendStudyZip(
        request,
        reply,
        principal,
        study,
        upstreamFor(study, request.query.source),
      );
    }),
  );

  app.post<{ Params: { key: string }; Body: { source?: unknown } | null }>(
    '/api/studies/:key/download-ticket',
    { onRequest: opts.authenticate },
    withErrors(async (request, reply) => {
      const principal = principalOf(request);
      const study = openStudy(principal, request.params.key);
      const upstream = upstreamFor(study, request.body?.source);
      const ticket: Ticket = {
        principal,
        study,
        sourceId: upstream.source.id,
        expires: clock() + TICKET_LIFETIME_MS,
      };
      const sealed = keys.seal(TICKET_SUBJECT, 'study', ticket);
      return reply
        .header('cache-control', 'no-store')
        .send({ url: `/api/downloads/${sealed}/examen.zip`, expiresInSeconds: 60 });
    }),
  );

  app.get<{ Params: { ticket: string; name: string } }>(
    '/api/downloads/:ticket/:name',
    { exposeHeadRoute: false },
    withErrors(async (request, reply) => {
      const { ticket: sealed } = request.params;
      const opened = keys.open(TICKET_SUBJECT, sealed);
      const ticket = opened?.value as Ticket | undefined;
      if (!ticket || typeof ticket.expires !== 'number' || ticket.expires < clock()) {
        throw expiredTicket();
      }
      // Kept a lifetime past expiry: gateways' clocks may differ by a few seconds.
      if (!(await usedTickets.firstUse(sealed, ticket.expires + TICKET_LIFETIME_MS))) {
        throw expiredTicket();
      }
      // Whoever holds the ticket acts as the user who asked for it, for this study only.
      request.principal = ticket.principal;
      return sendStudyZip(
        request,
        reply,
        ticket.principal,
        ticket.study,
        upstreamFor(ticket.study, ticket.sourceId),
      );
    }),
  );

  app.post<{
    Params: { key: string };
    Body: {
      format?: unknown;
      annotations?: unknown;
      seriesInstanceUID?: unknown;
      sopInstanceUID?: unknown;
      source?: unknown;
    } | null;
  }>(
    '/api/studies/:key/exports',
    { onRequest: opts.authenticate },
    withErrors(async (request, reply) => {
      const principal = principalOf(request);
      const study = openStudy(principal, request.params.key);
      const body = request.body ?? {};
      const { format, annotations, seriesInstanceUID, sopInstanceUID } = body;
      if (
        typeof format !== 'string' ||
        !IMAGE_FORMATS.has(format) ||
        typeof annotations !== 'boolean' ||
        !isUid(seriesInstanceUID) ||
        !isUid(sopInstanceUID)
      ) {
        throw badRequest(
          'Enregistrement invalide : « format » (png ou jpeg), « annotations », « seriesInstanceUID » et « sopInstanceUID » attendus.',
        );
      }
      const upstream = upstreamFor(study, body.source);
      const facts = {
        sourceId: upstream.source.id,
        studyUid: study.studyUid,
        seriesUid: seriesInstanceUID,
        instanceUid: sopInstanceUID,
        format: annotations ? `${format}+annotations` : format,
      };
      let patients = namedPatients(principal, study);
      try {
        const target = parseDicomwebPath(
          `studies/${study.studyUid}/series/${seriesInstanceUID}/instances/${sopInstanceUID}`,
        )!;
        await policy.authorize({
          principal,
          upstream,
          target,
          query: new Map(),
          clientAddress: request.ip,
        });
        // What the source holds there, and who it is about: the image must exist, and name
        // the patient the study was opened for.
        const held = await holdings.instancesFor(upstream, target);
        if (!held || held.length === 0) {
          throw new GatewayError(404, 'not_found', 'Cette image est introuvable à sa source.');
        }
        if (principal.kind === 'professional' && study.patient.length > 0) {
          const wanted = new Set(study.patient.map(identifierKey));
          if (!held.every((h) => h.identifiers.some((i) => wanted.has(identifierKey(i))))) {
            throw forbidden('Cette image ne concerne pas le patient de cet examen.');
          }
        }
        const refs = held.flatMap((h) =>
          h.identifiers.flatMap((i) => patientRefFromDicom(i.id, i.issuer) ?? []),
        );
        if (refs.length > 0) {
          patients = [...new Map(refs.map((r) => [`${r.system}|${r.value}`, r])).values()];
        }
      } catch (err) {
        traceExport(request, principal, { ...facts, patients, ...refusalFacts(err) });
        throw err;
      }
      traceExport(request, principal, { ...facts, patients, status: 200 });
      return reply.code(204).header('cache-control', 'no-store').send();
    }),
  );
}

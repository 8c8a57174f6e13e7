// A STUDY launch's exam, looked up by the gateway at claim time, once the user's token is
// checked: the claim's answer brings every source's answer and, when one exam is found, its
// sealed study key. The browser then opens the viewer at once instead of asking every
// source, then sealing a key, after the claim — two round trips of a GP's wait.
//
// The searches go through the gateway's own DICOMweb routes (in-process, with the user's
// token and address), so they pass the same checks, consent gates and trace as the
// browser's own; the decision which exam opens is the same domain code the browser runs.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isDataset, type DicomDataset } from '../../src/domain/dicom/dicomJson';
import { failureOf } from '../../src/domain/gatewayFailure';
import type { PatientIdentifier } from '../../src/domain/identity/patientIdentifier';
import {
  pickStudy,
  studyLookupQueries,
  type QueryPairs,
  type SourceAnswer,
} from '../../src/domain/launch/launchDestination';
import { foundStudyKeyValue } from '../../src/domain/launch/studyKeyValue';
import { targetOfLaunch } from '../../src/domain/launch/targetOfLaunch';
import type { Principal } from '../auth/principal';
import type { OpaqueKeys } from '../keys/opaqueKeys';
import type { PendingLaunch } from './pendingLaunch';

export interface ClaimLookup {
  answers: SourceAnswer[];
  /** The exam found, sealed for this user, with the value sealed (the browser checks it). */
  study?: { key: string; value: Record<string, unknown> };
}

export type LookupLaunchedStudy = (
  request: FastifyRequest,
  principal: Principal,
  launch: PendingLaunch,
) => Promise<ClaimLookup | undefined>;

function isDatasetList(value: unknown): value is DicomDataset[] {
  return Array.isArray(value) && value.every(isDataset);
}

function parsed(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

export function makeClaimLookup(opts: {
  app: FastifyInstance;
  sourceIds: readonly string[];
  keys: OpaqueKeys;
}): LookupLaunchedStudy {
  return async (request, principal, launch) => {
    const parsedLaunch = targetOfLaunch(launch.kind, launch.params);
    if (!parsedLaunch.ok || parsedLaunch.target.view !== 'study') return undefined;
    const self: PatientIdentifier | undefined =
      principal.kind === 'patient' ? { id: principal.ins, issuer: principal.insOid } : undefined;
    // As in the browser: a patient's launch is about themself even when it names nobody.
    const target =
      self && !parsedLaunch.target.patient
        ? { ...parsedLaunch.target, patient: self }
        : parsedLaunch.target;
    const queries = studyLookupQueries(target, self);
    const authorization = request.headers.authorization ?? '';

    const ask = async (sourceId: string, query: QueryPairs): Promise<SourceAnswer> => {
      const res = await opts.app.inject({
        method: 'GET',
        url: `/dicomweb/${encodeURIComponent(sourceId)}/studies?${new URLSearchParams(query).toString()}`,
        headers: { authorization, accept: 'application/dicom+json' },
        remoteAddress: request.ip,
      });
      const body = parsed(res.body);
      if (res.statusCode === 200 && isDatasetList(body))
        return { sourceId, ok: true, datasets: body };
      // Read as the browser reads a refusal: « consent required » is an answer, not silence.
      const { reason } = failureOf({ kind: 'http', status: res.statusCode, body });
      return {
        sourceId,
        ok: false,
        ...(reason === 'consentRequired' ? { consentRequired: true } : {}),
      };
    };

    // A source that fails any of its searches counts as not having answered (as in the browser).
    const answers = await Promise.all(
      opts.sourceIds.map(async (sourceId): Promise<SourceAnswer> => {
        const each = await Promise.all(queries.map((query) => ask(sourceId, query)));
        const failed = each.find((a) => !a.ok);
        if (failed) return failed;
        return { sourceId, ok: true, datasets: each.flatMap((a) => (a.ok ? a.datasets : [])) };
      }),
    );
    const lookup = pickStudy(target, answers);
    if (lookup.kind !== 'found') return { answers };
    const value = foundStudyKeyValue(lookup, target);
    return { answers, study: { key: opts.keys.seal(principal.sub, 'study', value), value } };
  };
}

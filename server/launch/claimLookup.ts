// A STUDY launch's exam, looked up by the gateway at claim time, once the user's token is
// checked: the claim's answer brings every source's answer and, when one exam is found, its
// sealed study key. The browser then opens the viewer at once instead of asking every
// source, then sealing a key, after the claim — two round trips of a GP's wait.
//
// The searches go through the gateway's own DICOMweb routes (in-process, with the user's
// token and address), so they pass the same checks, consent gates and trace as the
// browser's own; the decision which exam opens is the same domain code the browser runs.
//
// With one exam found, it also asks ahead what the viewer asks first, strictly in turn
// (features/viewer/api/openStudy.ts, session/viewerSession.ts): the series list at the
// source the viewer tries first, then the first series' metadata — which the gateway's
// metadata cache keeps for the browser's own request a moment later — to name the first
// image's preview request. The viewer then starts that preview with its metadata instead of
// after it, and the gateway asks that preview itself at once, holding the source's rendering
// for the browser's own request (dicomweb/answersAhead.ts). Read with the viewer's own domain
// code; only a list the viewer would open as it is, with nobody set aside, is handed over.
// Bounded in time, and a head start only: any failure leaves these fields out, never the
// launch.
import type { FastifyInstance, FastifyRequest, LightMyRequestResponse } from 'fastify';
import { isDataset, type DicomDataset } from '../../src/domain/dicom/dicomJson';
import { failureOf } from '../../src/domain/gatewayFailure';
import type { PatientIdentifier } from '../../src/domain/identity/patientIdentifier';
import {
  pickStudy,
  studyLookupQueries,
  type QueryPairs,
  type SourceAnswer,
} from '../../src/domain/launch/launchDestination';
import { studyTargetFor } from '../../src/domain/launch/confirmClaimedStudy';
import { foundStudyKeyValue } from '../../src/domain/launch/studyKeyValue';
import { targetOfLaunch } from '../../src/domain/launch/targetOfLaunch';
import { PREVIEW_ACCEPT, previewPath } from '../../src/domain/viewer/previewPath';
import { seriesToShowFirst } from '../../src/domain/viewer/firstSeries';
import { readStudyTarget, sourcesToTry } from '../../src/domain/viewer/studyKey';
import {
  previewAheadOf,
  readStudySeries,
  SERIES_PATIENT_FIELDS,
  type StudyAhead,
} from '../../src/domain/viewer/studySeries';
import type { Principal } from '../auth/principal';
import { ASK_AHEAD_HEADER, type AnswersAhead } from '../dicomweb/answersAhead';
import type { OpaqueKeys } from '../keys/opaqueKeys';
import type { PendingLaunch } from './pendingLaunch';
import { settleWithin } from './settleWithin';

export interface ClaimLookup {
  answers: SourceAnswer[];
  /** The exam found, sealed for this user, with the value sealed (the browser checks it). */
  study?: { key: string; value: Record<string, unknown> } & StudyAhead;
}

/**
 * How long the claim waits for what is asked ahead. Measured on the bench stack (320-slice
 * CT, load ≈5 on 2 cores): ≈40 ms once the metadata is in the gateway's cache, ≈200 ms
 * when Orthanc builds it — about what the browser would have spent on the same two round
 * trips after the claim, so waiting longer could only lose time. Past it the claim answers
 * with what has come (the series list alone, or nothing); the requests still finish, and
 * warm the metadata cache for the browser's own.
 */
export const AHEAD_BUDGET_MS = 250;

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
  /** Where the first image's preview is held for the browser; absent, it is not asked. */
  answersAhead?: AnswersAhead;
  /** AHEAD_BUDGET_MS unless a test says otherwise. */
  aheadBudgetMs?: number;
}): LookupLaunchedStudy {
  const budgetMs = opts.aheadBudgetMs ?? AHEAD_BUDGET_MS;
  return async (request, principal, launch) => {
    const parsedLaunch = targetOfLaunch(launch.kind, launch.params);
    if (!parsedLaunch.ok || parsedLaunch.target.view !== 'study') return undefined;
    const self: PatientIdentifier | undefined =
      principal.kind === 'patient' ? { id: principal.ins, issuer: principal.insOid } : undefined;
    // As in the browser: a patient's launch is about themself even when it names nobody.
    const target = studyTargetFor(parsedLaunch.target, self);
    const queries = studyLookupQueries(target, self);
    const authorization = request.headers.authorization ?? '';

    /** A GET through the gateway's own routes, as this user from this address. */
    const inject = (url: string, headers: Record<string, string>) =>
      opts.app.inject({
        method: 'GET',
        url,
        headers: {
          authorization,
          ...headers,
          // The browser's host and scheme: the metadata cache keys its answers by their
          // public URLs, and the browser's own request is to find what was asked here.
          host: request.host,
          ...(request.protocol === 'https' ? { 'x-forwarded-proto': 'https' } : {}),
        },
        remoteAddress: request.ip,
      });
    const get: Get = (sourceId, path) =>
      inject(`/dicomweb/${encodeURIComponent(sourceId)}/${path}`, {
        accept: 'application/dicom+json',
      });
    const answersAhead = opts.answersAhead;
    const holdPreview: HoldPreview | undefined = answersAhead
      ? (path) =>
          answersAhead.hold(principal.sub, path, PREVIEW_ACCEPT, async () => {
            const res = await inject(path, { accept: PREVIEW_ACCEPT, [ASK_AHEAD_HEADER]: '1' });
            const type = res.headers['content-type'];
            return {
              status: res.statusCode,
              contentType: typeof type === 'string' ? type : undefined,
              body: res.rawPayload,
            };
          })
      : undefined;

    const ask = async (sourceId: string, query: QueryPairs): Promise<SourceAnswer> => {
      const res = await get(sourceId, `studies?${new URLSearchParams(query).toString()}`);
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
    const key = opts.keys.seal(principal.sub, 'study', value);
    const ahead = await withinBudget(
      (found) => askAhead(get, value, opts.sourceIds, self, found, holdPreview),
      budgetMs,
    );
    return { answers, study: { key, value, ...ahead } };
  };
}

type Get = (sourceId: string, path: string) => Promise<LightMyRequestResponse>;
type HoldPreview = (path: string) => void;

function datasetsOf(res: LightMyRequestResponse): DicomDataset[] | undefined {
  const body = res.statusCode === 200 ? parsed(res.body) : undefined;
  return isDatasetList(body) ? body : undefined;
}

/**
 * The viewer's first steps on the sealed value, as it will take them (openStudy.ts), each
 * written into `found` as soon as it is known.
 */
async function askAhead(
  get: Get,
  value: Record<string, unknown>,
  sourceIds: readonly string[],
  self: PatientIdentifier | undefined,
  found: StudyAhead,
  holdPreview: HoldPreview | undefined,
): Promise<void> {
  const target = readStudyTarget(value);
  if (!target) return;
  const patient = self ? [self] : target.patient;
  for (const sourceId of sourcesToTry(target, sourceIds)) {
    const includefield = encodeURIComponent(SERIES_PATIENT_FIELDS.join(','));
    const datasets = datasetsOf(
      await get(sourceId, `studies/${target.studyInstanceUID}/series?includefield=${includefield}`),
    );
    // The viewer tries the next source after a failure, an empty list or nobody of its own.
    if (!datasets) continue;
    const split = readStudySeries(datasets, {
      ...(patient ? { patient } : {}),
      mayChoose: self === undefined,
    });
    if (!split || split.kind === 'none') continue;
    // Another person's series stay at the source: the viewer asks them itself, and sets
    // them aside or lets the professional choose, as it always did.
    if (split.kind !== 'open' || split.setAside > 0) return;
    found.series = { sourceId, datasets };
    const first = seriesToShowFirst(split.series);
    if (!first) return;
    const metadata = datasetsOf(
      await get(
        sourceId,
        `studies/${target.studyInstanceUID}/series/${first.seriesInstanceUID}/metadata`,
      ),
    );
    // Opened on the key images, the viewer shows no preview of the first series.
    const preview =
      metadata && !target.keyImagesOnly ? previewAheadOf(metadata, split.patient) : null;
    found.first = { seriesInstanceUID: first.seriesInstanceUID, preview };
    if (preview) {
      const address = {
        sourceId,
        studyInstanceUID: target.studyInstanceUID,
        seriesInstanceUID: first.seriesInstanceUID,
      };
      holdPreview?.(previewPath(address, preview));
    }
    return;
  }
}

/**
 * What was asked ahead within `ms`: all of it, or what had come by then; nothing when the
 * asking failed.
 */
async function withinBudget(
  ask: (found: StudyAhead) => Promise<void>,
  ms: number,
): Promise<StudyAhead> {
  const found: StudyAhead = {};
  try {
    await settleWithin(ask(found), ms);
  } catch {
    return {};
  }
  // A copy: what comes after the answer has left is not written into it.
  return { ...found };
}

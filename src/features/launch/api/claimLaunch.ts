// The one request that turns a launch key into what the DPI asked for. The gateway hands
// a launch out once, to the first user allowed to open it; its answer is checked here
// since it decides which patient is opened. For a STUDY launch the gateway has already
// asked every source (server/launch/claimLookup.ts): those answers come with the claim.
import { isDataset } from '../../../domain/dicom/dicomJson';
import type { SourceAnswer } from '../../../domain/launch/launchDestination';
import { gateway } from '../../../lib/api/gatewayClient';
import { invalidAnswer } from '../../../lib/api/gatewayError';

export type ClaimedLaunchKind = 'iid' | 'contextualCall';

export interface ClaimLookup {
  answers: SourceAnswer[];
  /** The study key the gateway sealed for the exam it found, and the value inside. */
  study?: { key: string; value: Record<string, unknown> };
}

export interface ClaimedLaunch {
  kind: ClaimedLaunchKind;
  audience: 'professional' | 'patient';
  params: Array<[string, string]>;
  lookup?: ClaimLookup;
}

const isPair = (value: unknown): value is [string, string] =>
  Array.isArray(value) &&
  value.length === 2 &&
  typeof value[0] === 'string' &&
  typeof value[1] === 'string';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function asSourceAnswer(value: unknown): SourceAnswer | null {
  if (!isRecord(value) || typeof value.sourceId !== 'string') return null;
  if (value.ok === true) {
    const { datasets } = value;
    if (!Array.isArray(datasets) || !datasets.every(isDataset)) return null;
    return { sourceId: value.sourceId, ok: true, datasets };
  }
  if (value.ok !== false) return null;
  return {
    sourceId: value.sourceId,
    ok: false,
    ...(value.consentRequired === true ? { consentRequired: true } : {}),
  };
}

/** The gateway's lookup, or undefined when it is absent or malformed (the browser then searches). */
function asLookup(value: unknown): ClaimLookup | undefined {
  if (!isRecord(value) || !Array.isArray(value.answers)) return undefined;
  const answers = value.answers.map(asSourceAnswer);
  if (answers.some((a) => a === null)) return undefined;
  const { study } = value;
  const sealed =
    isRecord(study) && typeof study.key === 'string' && isRecord(study.value)
      ? { key: study.key, value: study.value }
      : undefined;
  return { answers: answers as SourceAnswer[], ...(sealed ? { study: sealed } : {}) };
}

function asClaimedLaunch(body: unknown): ClaimedLaunch | null {
  if (!isRecord(body)) return null;
  const { kind, audience, params } = body;
  if (kind !== 'iid' && kind !== 'contextualCall') return null;
  if (audience !== 'professional' && audience !== 'patient') return null;
  if (!Array.isArray(params) || !params.every(isPair)) return null;
  const lookup = asLookup(body.lookup);
  return { kind, audience, params, ...(lookup ? { lookup } : {}) };
}

/** Throws a GatewayError: refused (with the gateway's French sentence), or no answer. */
export async function claimLaunch(key: string): Promise<ClaimedLaunch> {
  const body = await gateway.json(`/api/launch/${encodeURIComponent(key)}/claim`, {
    method: 'POST',
  });
  const claimed = asClaimedLaunch(body);
  if (!claimed) throw invalidAnswer('POST /api/launch/…/claim', 'not a launch');
  return claimed;
}

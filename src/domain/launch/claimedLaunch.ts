// A claimed launch as the gateway answers it (server/launch/routes.ts, launchSignIn.ts),
// read defensively: it decides which patient is opened. Read by the page
// (features/launch/api/claimLaunch.ts) and by the gateway writing the launch's first image
// into its page (server/launch/launchShot.ts).
import { isDataset, type DicomDataset } from '../dicom/dicomJson';
import type { PreviewRequest } from '../viewer/firstImagePreview';
import type { SourceAnswer } from './launchDestination';
import { readSignInTokens, type SignInTokens } from './signInTokens';

export type ClaimedLaunchKind = 'iid' | 'contextualCall';

export interface ClaimLookup {
  answers: SourceAnswer[];
  /** The study key the gateway sealed for the exam it found, and the value inside. */
  study?: ClaimedStudy;
}

export interface ClaimedStudy {
  key: string;
  value: Record<string, unknown>;
  /** What the viewer asks first, asked ahead by the gateway (lib/api/studyAhead.ts). */
  series?: { sourceId: string; datasets: DicomDataset[] };
  first?: { seriesInstanceUID: string; preview: PreviewRequest | null };
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

const UID = /^[0-9]+(\.[0-9]+)*$/;
const isUid = (v: unknown): v is string => typeof v === 'string' && v.length <= 64 && UID.test(v);
/** What firstImagePreview.ts writes (window, viewport): nothing else goes into the URL. */
const PREVIEW_QUERY = /^[A-Za-z0-9=,.&-]{0,200}$/;

function asSeriesAhead(value: unknown): ClaimedStudy['series'] {
  if (!isRecord(value) || typeof value.sourceId !== 'string' || value.sourceId === '')
    return undefined;
  const { datasets } = value;
  if (!Array.isArray(datasets) || !datasets.every(isDataset)) return undefined;
  return { sourceId: value.sourceId, datasets };
}

function asPreviewRequest(value: unknown): PreviewRequest | null | undefined {
  if (value === null) return null;
  if (!isRecord(value) || !isUid(value.sopInstanceUID)) return undefined;
  const { frame, query } = value;
  if (typeof frame !== 'number' || !Number.isInteger(frame) || frame < 1 || frame > 1e6)
    return undefined;
  if (typeof query !== 'string' || !PREVIEW_QUERY.test(query)) return undefined;
  return { sopInstanceUID: value.sopInstanceUID, frame, query };
}

function asFirstAhead(value: unknown): ClaimedStudy['first'] {
  if (!isRecord(value) || !isUid(value.seriesInstanceUID)) return undefined;
  const preview = asPreviewRequest(value.preview);
  if (preview === undefined) return undefined;
  return { seriesInstanceUID: value.seriesInstanceUID, preview };
}

/**
 * The sealed study and what the gateway asked ahead for it. What was asked ahead is only a
 * head start: malformed, it is dropped and the viewer asks for itself.
 */
function asClaimedStudy(study: unknown): ClaimedStudy | undefined {
  if (!isRecord(study) || typeof study.key !== 'string' || !isRecord(study.value)) return undefined;
  const series = asSeriesAhead(study.series);
  const first = series ? asFirstAhead(study.first) : undefined;
  return {
    key: study.key,
    value: study.value,
    ...(series ? { series } : {}),
    ...(first ? { first } : {}),
  };
}

/** The gateway's lookup, or undefined when it is absent or malformed (the browser then searches). */
function asLookup(value: unknown): ClaimLookup | undefined {
  if (!isRecord(value) || !Array.isArray(value.answers)) return undefined;
  const answers = value.answers.map(asSourceAnswer);
  if (answers.some((a) => a === null)) return undefined;
  const sealed = asClaimedStudy(value.study);
  return { answers: answers as SourceAnswer[], ...(sealed ? { study: sealed } : {}) };
}

export function asClaimedLaunch(body: unknown): ClaimedLaunch | null {
  if (!isRecord(body)) return null;
  const { kind, audience, params } = body;
  if (kind !== 'iid' && kind !== 'contextualCall') return null;
  if (audience !== 'professional' && audience !== 'patient') return null;
  if (!Array.isArray(params) || !params.every(isPair)) return null;
  const lookup = asLookup(body.lookup);
  return { kind, audience, params, ...(lookup ? { lookup } : {}) };
}

/** The launch's sign-in answer: the tokens, and the claim when the gateway made it. */
export interface LaunchSignInAnswer {
  tokens: SignInTokens;
  /** Absent when the gateway would not hand the launch out here: the page claims it itself. */
  claim?: ClaimedLaunch;
}

export function asLaunchSignInAnswer(body: unknown): LaunchSignInAnswer | null {
  if (!isRecord(body)) return null;
  const tokens = readSignInTokens(body.tokens);
  if (!tokens) return null;
  const claim = body.claim === undefined ? null : asClaimedLaunch(body.claim);
  return { tokens, ...(claim ? { claim } : {}) };
}

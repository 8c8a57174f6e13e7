// The one request that turns a launch key into what the DPI asked for. The gateway hands
// a launch out once, to the first user allowed to open it; its answer is checked here
// since it decides which patient is opened.
import { gateway } from '../../../lib/api/gatewayClient';
import { invalidAnswer } from '../../../lib/api/gatewayError';

export type ClaimedLaunchKind = 'iid' | 'contextualCall';

export interface ClaimedLaunch {
  kind: ClaimedLaunchKind;
  audience: 'professional' | 'patient';
  params: Array<[string, string]>;
}

const isPair = (value: unknown): value is [string, string] =>
  Array.isArray(value) &&
  value.length === 2 &&
  typeof value[0] === 'string' &&
  typeof value[1] === 'string';

function asClaimedLaunch(body: unknown): ClaimedLaunch | null {
  if (typeof body !== 'object' || body === null) return null;
  const { kind, audience, params } = body as Record<string, unknown>;
  if (kind !== 'iid' && kind !== 'contextualCall') return null;
  if (audience !== 'professional' && audience !== 'patient') return null;
  if (!Array.isArray(params) || !params.every(isPair)) return null;
  return { kind, audience, params };
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

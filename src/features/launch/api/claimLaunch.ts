// The one request that turns a launch key into what the DPI asked for. The gateway hands
// a launch out once, to the first user allowed to open it; its answer is checked here
// since it decides which patient is opened. For a STUDY launch the gateway has already
// asked every source (server/launch/claimLookup.ts): those answers come with the claim.
import { asClaimedLaunch, type ClaimedLaunch } from '../../../domain/launch/claimedLaunch';
import { gateway } from '../../../lib/api/gatewayClient';
import { invalidAnswer } from '../../../lib/api/gatewayError';

export type { ClaimedLaunch, ClaimLookup } from '../../../domain/launch/claimedLaunch';

/** A launch the gateway handed out with the page's sign-in (signInLaunch.ts), not yet read. */
let handedOver: { key: string; claimed: ClaimedLaunch } | null = null;

export function handOverClaim(key: string, claimed: ClaimedLaunch): void {
  handedOver = { key, claimed };
}

/** Throws a GatewayError: refused (with the gateway's French sentence), or no answer. */
export async function claimLaunch(key: string): Promise<ClaimedLaunch> {
  // Read once: a retry claims again, and gets the gateway's own answer to that.
  const early = handedOver?.key === key ? handedOver.claimed : null;
  handedOver = null;
  if (early) return early;
  const body = await gateway.json(`/api/launch/${encodeURIComponent(key)}/claim`, {
    method: 'POST',
  });
  const claimed = asClaimedLaunch(body);
  if (!claimed) throw invalidAnswer('POST /api/launch/…/claim', 'not a launch');
  return claimed;
}

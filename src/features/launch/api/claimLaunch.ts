// The one request that turns a launch key into what the DPI asked for. The gateway hands
// a launch out once, to the first user allowed to open it; its answer is checked here
// since it decides which patient is opened.

export type ClaimedLaunchKind = 'iid' | 'contextualCall';

export interface ClaimedLaunch {
  kind: ClaimedLaunchKind;
  audience: 'professional' | 'patient';
  params: Array<[string, string]>;
}

export class LaunchClaimError extends Error {
  constructor(
    /** HTTP status, or 0 when the gateway did not answer at all. */
    readonly status: number,
    /** French, from the gateway: already a sentence for the user. */
    message: string,
  ) {
    super(message);
    this.name = 'LaunchClaimError';
  }
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

async function errorMessage(res: Response): Promise<string | undefined> {
  try {
    const body = (await res.json()) as { error?: { message?: unknown } };
    return typeof body.error?.message === 'string' ? body.error.message : undefined;
  } catch {
    return undefined;
  }
}

export async function claimLaunch(
  key: string,
  accessToken: string,
  fetchImpl: typeof fetch = fetch,
): Promise<ClaimedLaunch> {
  let res: Response;
  try {
    res = await fetchImpl(`/api/launch/${encodeURIComponent(key)}/claim`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}` },
      credentials: 'omit',
    });
  } catch {
    throw new LaunchClaimError(0, 'La passerelle de la région ne répond pas.');
  }
  if (!res.ok) {
    throw new LaunchClaimError(
      res.status,
      (await errorMessage(res)) ?? `Erreur ${res.status} de la passerelle.`,
    );
  }
  const claimed = asClaimedLaunch(await res.json().catch(() => null));
  if (!claimed) throw new LaunchClaimError(502, 'Réponse invalide de la passerelle.');
  return claimed;
}

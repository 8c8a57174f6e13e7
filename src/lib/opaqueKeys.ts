// Patients and studies travel in URLs as opaque keys sealed by the gateway (POST
// /api/keys), never as identifiers: bookmarks, history and logs keep nothing readable,
// and a key opens only for the user who made it.

export type OpaqueKeyKind = 'patient' | 'study';

export class OpaqueKeyError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'OpaqueKeyError';
  }
}

async function readError(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { error?: { message?: unknown } };
    if (typeof body.error?.message === 'string') return body.error.message;
  } catch {
    // Fall through to the generic message.
  }
  return `Erreur ${res.status} de la passerelle.`;
}

export async function createOpaqueKey(
  kind: OpaqueKeyKind,
  value: unknown,
  accessToken: string,
  fetchImpl: typeof fetch = fetch,
): Promise<string> {
  const res = await fetchImpl('/api/keys', {
    method: 'POST',
    headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ kind, value }),
  });
  if (!res.ok) throw new OpaqueKeyError(res.status, await readError(res));
  const body = (await res.json()) as { key?: unknown };
  if (typeof body.key !== 'string')
    throw new OpaqueKeyError(502, 'Réponse invalide de la passerelle.');
  return body.key;
}

/** The sealed value; its shape is checked by the caller (it came through the URL). */
export async function resolveOpaqueKey(
  key: string,
  expectedKind: OpaqueKeyKind,
  accessToken: string,
  fetchImpl: typeof fetch = fetch,
): Promise<unknown> {
  const res = await fetchImpl(`/api/keys/${encodeURIComponent(key)}`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  if (!res.ok) throw new OpaqueKeyError(res.status, await readError(res));
  const body = (await res.json()) as { kind?: unknown; value?: unknown };
  if (body.kind !== expectedKind) {
    throw new OpaqueKeyError(404, 'Ce lien ne désigne pas ce que la page attend.');
  }
  return body.value;
}

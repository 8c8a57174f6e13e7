// Patients and studies travel in URLs as opaque keys sealed by the gateway (POST
// /api/keys), never as identifiers: bookmarks, history and logs keep nothing readable,
// and a key opens only for the user who made it.
import { onLogout } from '../auth/onLogout';
import { gateway } from './gatewayClient';
import { GatewayError, invalidAnswer } from './gatewayError';

export type OpaqueKeyKind = 'patient' | 'study';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Values of keys the gateway sealed and handed over with their value (a launch's claim):
 * in this page's memory only, gone with the session, so opening them asks nothing.
 */
const known = new Map<string, { kind: OpaqueKeyKind; value: unknown }>();
onLogout(() => known.clear());

export function rememberKeyValue(key: string, kind: OpaqueKeyKind, value: unknown): void {
  known.set(key, { kind, value });
}

/** The key standing for `value`; throws a GatewayError. */
export async function sealKey(
  kind: OpaqueKeyKind,
  value: unknown,
  options: { signal?: AbortSignal } = {},
): Promise<string> {
  const body = await gateway.json('/api/keys', {
    method: 'POST',
    json: { kind, value },
    ...options,
  });
  if (!isRecord(body) || typeof body.key !== 'string') {
    throw invalidAnswer('POST /api/keys', 'no key in the answer');
  }
  return body.key;
}

/**
 * The sealed value; its shape is checked by the caller (it came through the URL). A key of
 * another kind is not found: a study key pasted in a patient URL opens nothing.
 */
export async function unsealKey(
  key: string,
  expectedKind: OpaqueKeyKind,
  options: { signal?: AbortSignal } = {},
): Promise<unknown> {
  const remembered = known.get(key);
  if (remembered?.kind === expectedKind) return remembered.value;
  const path = `/api/keys/${encodeURIComponent(key)}`;
  const body = await gateway.json(path, options);
  if (!isRecord(body)) throw invalidAnswer('GET /api/keys', 'no value in the answer');
  if (body.kind !== expectedKind) {
    // Told as the gateway tells a key it does not know.
    throw new GatewayError(
      { kind: 'http', status: 404, body: { error: { code: 'unknown_key' } } },
      `GET /api/keys: a ${String(body.kind)} key, not a ${expectedKind} key`,
    );
  }
  return body.value;
}

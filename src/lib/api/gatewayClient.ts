// The SPA's one way to the gateway (same origin; never a source directly): the signed-in
// user's bearer token, a timeout the caller's cancellation joins, and every failure — no
// answer, an error status, the gateway's error JSON or OperationOutcome, a body that is not
// what was asked — turned into a GatewayError with its reason (domain/gatewayFailure.ts).
// Features call `gateway`; none builds a header or reads an error body itself.
import type { DicomDataset } from '../../domain/dicom/dicomJson';
import { onLogout } from '../auth/onLogout';
import { authorizationHeader, currentAccessToken } from './accessToken';
import { GatewayError, invalidAnswer } from './gatewayError';

/** How long a request waits when its caller says nothing (the gateway answers well before). */
const DEFAULT_TIMEOUT_MS = 30_000;

export type QueryParams =
  Readonly<Record<string, string | number>> | readonly (readonly [string, string])[];

export interface GatewayRequest {
  /** GET unless said. */
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: QueryParams;
  /** The Accept header: what the answer should be. */
  accept?: string;
  /** A body sent as JSON, under `contentType` (application/json unless said). */
  json?: unknown;
  contentType?: string;
  /** Covers the whole exchange, the body's reading included. */
  timeoutMs?: number;
  /** Cancellation by the caller (TanStack Query cancels superseded queries): rethrown as is. */
  signal?: AbortSignal;
}

export interface GatewayClient {
  /** The answer itself, for a body read as a stream (images, files); an error status throws. */
  send(path: string, request?: GatewayRequest): Promise<Response>;
  /** A JSON answer, parsed (undefined when empty); its shape is for the caller to check. */
  json(path: string, request?: GatewayRequest): Promise<unknown>;
  /** A DICOM JSON array (QIDO-RS, WADO-RS metadata); none for a 204 or an empty body. */
  dicomJson(path: string, request?: GatewayRequest): Promise<DicomDataset[]>;
  /**
   * Starts a GET the page knows its code will make once it has run (a launch's first
   * image, named by the claim): the first matching GET — same path, same Accept — is then
   * answered by it instead of asking again. Taken once; forgotten after a while or at logout.
   */
  askAhead(path: string, accept: string): void;
  /**
   * The same, for an answer asked elsewhere (the launch's preview, asked in a worker:
   * lib/launchPreview/previewAhead.ts); ignored when the same GET is asked ahead already.
   */
  answerAhead(path: string, accept: string, response: Promise<Response>): void;
}

export interface GatewayClientOptions {
  /** Read at each request, so a renewed token is the one sent. */
  accessToken?: () => string | null;
  fetch?: typeof fetch;
}

function withQuery(path: string, query: QueryParams | undefined): string {
  if (!query) return path;
  const params = new URLSearchParams();
  const entries = Array.isArray(query)
    ? (query as readonly (readonly [string, string])[])
    : Object.entries(query);
  for (const [key, value] of entries) params.append(key, String(value));
  const qs = params.toString();
  return qs === '' ? path : `${path}?${qs}`;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function isDatasetList(value: unknown): value is DicomDataset[] {
  return (
    Array.isArray(value) &&
    value.every((item) => typeof item === 'object' && item !== null && !Array.isArray(item))
  );
}

/** An answer asked ahead and not taken by then is stale: the page went elsewhere. */
const AHEAD_TTL_MS = 30_000;
/** A launch asks two ahead (its preview and its metadata); more is never needed. */
const MAX_AHEAD = 8;

export function createGatewayClient(options: GatewayClientOptions = {}): GatewayClient {
  const accessToken = options.accessToken ?? currentAccessToken;
  const ahead = new Map<string, { at: number; response: Promise<Response> }>();
  onLogout(() => ahead.clear());
  const aheadKey = (path: string, accept: string | undefined) => `${accept ?? ''} ${path}`;

  function takeAhead(key: string): Promise<Response> | undefined {
    const entry = ahead.get(key);
    ahead.delete(key);
    return entry && Date.now() - entry.at < AHEAD_TTL_MS ? entry.response : undefined;
  }

  async function exchange<T>(
    path: string,
    request: GatewayRequest,
    read: (response: Response, where: string) => Promise<T>,
  ): Promise<T> {
    const method = request.method ?? 'GET';
    // Said in errors and logs: the path only, as a query may name a patient.
    const where = `${method} ${path.split('?')[0] ?? ''}`;
    const token = accessToken();
    if (token === null) throw new GatewayError({ kind: 'noSession' }, `${where}: not signed in`);
    const timeoutMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    const headers: Record<string, string> = {
      ...(request.accept !== undefined ? { Accept: request.accept } : {}),
      ...authorizationHeader(token),
      ...(request.json !== undefined
        ? { 'Content-Type': request.contentType ?? 'application/json' }
        : {}),
    };
    // Looked up at each call: tests and the bench put their own fetch in place.
    const doFetch = options.fetch ?? globalThis.fetch;
    const url = withQuery(path, request.query);
    const early =
      method === 'GET' && request.json === undefined
        ? takeAhead(aheadKey(url, request.accept))
        : undefined;
    try {
      // An answer asked ahead that failed on the way is asked again, as if never asked.
      const response =
        (early && (await early.catch(() => null))) ??
        (await doFetch(url, {
          method,
          headers,
          ...(request.json !== undefined ? { body: JSON.stringify(request.json) } : {}),
          signal,
          // The bearer token is the credential; cookies have no business here.
          credentials: 'omit',
        }));
      if (!response.ok) {
        const parsed = parseJson(await response.text());
        throw new GatewayError(
          { kind: 'http', status: response.status, body: parsed.ok ? parsed.value : undefined },
          `${where}: HTTP ${response.status}`,
        );
      }
      return await read(response, where);
    } catch (error) {
      if (error instanceof GatewayError) throw error;
      if (timeout.aborted) {
        throw new GatewayError({ kind: 'timeout' }, `${where}: no answer within ${timeoutMs} ms`, {
          cause: error,
        });
      }
      // A cancellation by the caller is not a failure of the gateway: let it through as is.
      if (request.signal?.aborted) throw error;
      throw new GatewayError({ kind: 'network' }, `${where}: gateway unreachable`, {
        cause: error,
      });
    }
  }

  const askedAhead = (path: string, accept: string) => {
    const fresh = ahead.get(aheadKey(path, accept));
    return fresh !== undefined && Date.now() - fresh.at < AHEAD_TTL_MS;
  };

  function keepAhead(path: string, accept: string, response: Promise<Response>): void {
    for (const [key, entry] of ahead) {
      if (ahead.size < MAX_AHEAD && Date.now() - entry.at < AHEAD_TTL_MS) break;
      ahead.delete(key);
    }
    // A failure is the GET's to meet (it then asks again), not an unhandled rejection here.
    response.catch(() => undefined);
    ahead.set(aheadKey(path, accept), { at: Date.now(), response });
  }

  return {
    askAhead(path, accept) {
      const token = accessToken();
      if (token === null || askedAhead(path, accept)) return;
      const doFetch = options.fetch ?? globalThis.fetch;
      keepAhead(
        path,
        accept,
        doFetch(path, {
          headers: { Accept: accept, ...authorizationHeader(token) },
          signal: AbortSignal.timeout(DEFAULT_TIMEOUT_MS),
          credentials: 'omit',
        }),
      );
    },

    answerAhead(path, accept, response) {
      if (!askedAhead(path, accept)) keepAhead(path, accept, response);
    },

    send: (path, request = {}) => exchange(path, request, async (response) => response),

    json: (path, request = {}) =>
      exchange(path, { accept: 'application/json', ...request }, async (response, where) => {
        const text = await response.text();
        if (response.status === 204 || text.trim() === '') return undefined;
        const parsed = parseJson(text);
        if (!parsed.ok) throw invalidAnswer(where, 'the answer is not JSON');
        return parsed.value;
      }),

    dicomJson: (path, request = {}) =>
      exchange(path, { accept: 'application/dicom+json', ...request }, async (response, where) => {
        const text = await response.text();
        // QIDO-RS may answer 204, or 200 with an empty body, when nothing matches.
        if (response.status === 204 || text.trim() === '') return [];
        const parsed = parseJson(text);
        if (!parsed.ok) throw invalidAnswer(where, 'the answer is not JSON');
        if (!isDatasetList(parsed.value)) {
          throw invalidAnswer(where, 'the answer is not a DICOM JSON array');
        }
        return parsed.value;
      }),
  };
}

/** The client every feature uses: the signed-in user's token (lib/api/accessToken.ts). */
export const gateway: GatewayClient = createGatewayClient();

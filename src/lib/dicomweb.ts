// The SPA's only way to reach DICOMweb: always through the gateway (same origin, bearer
// token), never to a source directly. Failures become a DicomwebError carrying a
// SourceFailure, so every screen explains an offline source the same way.
import type { SourceFailure } from '../domain/sourceFailure';

/** One DICOM JSON dataset (PS3.18 F.2); its content is read by the domain layer. */
export type DicomJsonDataset = Record<string, unknown>;

export class DicomwebError extends Error {
  readonly failure: SourceFailure;

  constructor(failure: SourceFailure, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DicomwebError';
    this.failure = failure;
  }
}

export interface DicomJsonRequest {
  /** Gateway path, e.g. from `sourcePath()`. */
  path: string;
  query?: Readonly<Record<string, string | number>>;
  accessToken: string;
  /** How long the browser waits before calling the source timed out. */
  timeoutMs: number;
  /** Cancellation from the caller (TanStack Query cancels superseded requests). */
  signal?: AbortSignal;
  fetchImpl?: typeof fetch;
}

/** `/dicomweb/<source>/<rest>`; the id is encoded because it comes from /config.json. */
export function sourcePath(sourceId: string, rest: string): string {
  return `/dicomweb/${encodeURIComponent(sourceId)}/${rest}`;
}

function withQuery(path: string, query: DicomJsonRequest['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) params.set(key, String(value));
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

function isDatasetList(value: unknown): value is DicomJsonDataset[] {
  return (
    Array.isArray(value) &&
    value.every((item) => typeof item === 'object' && item !== null && !Array.isArray(item))
  );
}

/** GET a DICOM JSON array (QIDO-RS, WADO-RS metadata) through the gateway. */
export async function fetchDicomJson(request: DicomJsonRequest): Promise<DicomJsonDataset[]> {
  const doFetch = request.fetchImpl ?? fetch;
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
  const url = withQuery(request.path, request.query);

  let response: Response;
  let text: string;
  try {
    response = await doFetch(url, {
      headers: {
        Accept: 'application/dicom+json',
        Authorization: `Bearer ${request.accessToken}`,
      },
      signal,
      // The bearer token is the credential; cookies have no business here.
      credentials: 'omit',
    });
    text = await response.text();
  } catch (error) {
    if (timeout.aborted) {
      throw new DicomwebError(
        { kind: 'timeout' },
        `${url}: no answer within ${request.timeoutMs} ms`,
        {
          cause: error,
        },
      );
    }
    // A cancellation by the caller is not a failure of the source: let it through as is.
    if (request.signal?.aborted) throw error;
    throw new DicomwebError({ kind: 'network' }, `${url}: gateway unreachable`, { cause: error });
  }

  if (!response.ok) {
    const parsed = parseJson(text);
    throw new DicomwebError(
      { kind: 'http', status: response.status, body: parsed.ok ? parsed.value : undefined },
      `${url}: HTTP ${response.status}`,
    );
  }

  // QIDO-RS may answer 204, or 200 with an empty body, when nothing matches.
  if (response.status === 204 || text.trim() === '') return [];
  const parsed = parseJson(text);
  if (!parsed.ok) {
    throw new DicomwebError({ kind: 'invalidBody' }, `${url}: the answer is not JSON`);
  }
  if (!isDatasetList(parsed.value)) {
    throw new DicomwebError(
      { kind: 'invalidBody' },
      `${url}: the answer is not a DICOM JSON array`,
    );
  }
  return parsed.value;
}

// The text of some attributes as the instance's own file writes them, for when a source's
// DICOM JSON lost them (domain/viewer/misreadSeparators.ts). The file is asked through the
// gateway as stored (WADO-RS instance retrieve) and read only as far as the pixel data: the
// rest of the answer is cancelled, so a large image costs its header, not its pixels.
import type { DataSet } from 'dicom-parser';
import { createGatewayClient, gateway } from './api/gatewayClient';
import { invalidAnswer } from './api/gatewayError';
import { firstPartOf } from './cornerstone/multipartBody';

const ACCEPT = 'multipart/related; type="application/dicom"; transfer-syntax=*';
const PIXEL_DATA = 'x7fe00010';

export interface InstanceFileRequest {
  /** Gateway path of the instance (`sourcePath(…, 'studies/…/series/…/instances/…')`). */
  path: string;
  /** The signed-in user's token when absent (lib/api/accessToken.ts). */
  accessToken?: string;
  /** DICOM JSON tags (`00280030`) whose text is wanted. */
  tags: readonly string[];
  timeoutMs: number;
  signal?: AbortSignal;
  fetchImpl?: typeof fetch;
}

type ParseDicom = (bytes: Uint8Array, options: { untilTag: string }) => DataSet;

/** The header when these bytes hold all of it (up to the pixel data, or the whole file). */
function headerOf(parse: ParseDicom, body: Uint8Array, contentType: string, complete: boolean) {
  try {
    const dataSet = parse(firstPartOf(contentType, body).data, { untilTag: PIXEL_DATA });
    return complete || dataSet.elements[PIXEL_DATA] ? dataSet : null;
  } catch (error) {
    // Cut inside an element: more bytes are needed, unless there are none to come.
    if (complete) throw error;
    return null;
  }
}

function joined(chunks: Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * Tag → the attribute's text in the file (values `\`-separated, as DICOM writes them), for
 * the wanted tags the file has. Throws a GatewayError when the gateway or the source fail,
 * and the parser's error when the answer is not a DICOM file.
 */
export async function fetchInstanceFileText(
  request: InstanceFileRequest,
): Promise<Map<string, string>> {
  const { parseDicom } = await import('dicom-parser');
  const client =
    request.accessToken === undefined && request.fetchImpl === undefined
      ? gateway
      : createGatewayClient({
          ...(request.accessToken !== undefined
            ? { accessToken: () => request.accessToken ?? null }
            : {}),
          ...(request.fetchImpl ? { fetch: request.fetchImpl } : {}),
        });
  const response = await client.send(request.path, {
    accept: ACCEPT,
    timeoutMs: request.timeoutMs,
    ...(request.signal ? { signal: request.signal } : {}),
  });
  if (!response.body) throw invalidAnswer(`GET ${request.path}`, 'no file in the answer');
  const contentType = response.headers.get('content-type') ?? '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  let dataSet: DataSet | null = null;
  // Parsed again only once the bytes have doubled: a file without pixel data, read to its
  // end, costs a few parses rather than one per network chunk.
  let nextTry = 0;
  try {
    while (!dataSet) {
      const { done, value } = await reader.read();
      if (value) {
        chunks.push(value);
        length += value.length;
      }
      if (!done && length < nextTry) continue;
      nextTry = length * 2;
      dataSet = headerOf(parseDicom, joined(chunks, length), contentType, done);
    }
  } finally {
    // The pixels that may still be on their way are not needed.
    await reader.cancel().catch(() => undefined);
  }
  const out = new Map<string, string>();
  for (const tag of request.tags) {
    const text = dataSet.string(`x${tag.toLowerCase()}`);
    if (text !== undefined) out.set(tag, text);
  }
  return out;
}

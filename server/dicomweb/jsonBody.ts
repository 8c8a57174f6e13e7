// JSON answers are the only ones the gateway reads (to rewrite URLs in them, or to check
// ownership); they are bounded so a broken source cannot make the gateway swell.
import type { Readable } from 'node:stream';
import { GatewayError } from '../errors';

export const MAX_JSON_BYTES = 64 * 1024 * 1024;

export const invalidAnswer = (): GatewayError =>
  new GatewayError(502, 'upstream_invalid', 'Réponse invalide de la source.');

export async function readJsonBody(body: Readable, maxBytes = MAX_JSON_BYTES): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      body.destroy();
      throw invalidAnswer();
    }
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks, size).toString('utf8')) as unknown;
  } catch {
    throw invalidAnswer();
  }
}

export function isJsonType(contentType: string | undefined): boolean {
  return /^application\/(dicom\+)?json\s*(;|$)/i.test(contentType ?? '');
}

// What the gateway does for a download: hands out a one-minute address for the study's ZIP
// (followed by the browser itself, so the file streams to disk instead of through the page),
// and records an image the viewer saved — before the file is given to the user, so that a
// refused or unrecorded export never reaches the disk.
import { gateway } from '../../../lib/api/gatewayClient';
import { invalidAnswer } from '../../../lib/api/gatewayError';

export type ImageFormat = 'png' | 'jpeg';

export interface ImageExport {
  format: ImageFormat;
  annotations: boolean;
  seriesInstanceUID: string;
  sopInstanceUID: string;
  /** The source the image came from (one of the study key's). */
  source: string;
}

/** The address of the study's ZIP, valid a minute and once. */
export async function studyDownloadUrl(studyKey: string, source?: string): Promise<string> {
  const body = await gateway.json(`/api/studies/${encodeURIComponent(studyKey)}/download-ticket`, {
    method: 'POST',
    json: source ? { source } : {},
  });
  const url = (body as { url?: unknown } | undefined)?.url;
  if (typeof url !== 'string' || !url.startsWith('/api/downloads/')) {
    throw invalidAnswer('POST download-ticket', 'no download address in the answer');
  }
  return url;
}

export async function recordImageExport(studyKey: string, image: ImageExport): Promise<void> {
  await gateway.send(`/api/studies/${encodeURIComponent(studyKey)}/exports`, {
    method: 'POST',
    json: image,
  });
}

// Where the source's rendering of an image is asked (WADO-RS /rendered, through the
// gateway): one builder for the viewer's preview, for the launch asking it ahead in the
// browser and for the gateway asking it at claim time (server/launch/claimLookup.ts), so
// all are the same request and the first answers the others.
import type { PreviewRequest } from './firstImagePreview';
import { instancePath } from './instancePath';

export interface PreviewAddress {
  sourceId: string;
  studyInstanceUID: string;
  seriesInstanceUID: string;
}

/** PNG, not JPEG: the preview shows the stored grey levels exactly, no artefacts. */
export const PREVIEW_ACCEPT = 'image/png';

export function previewPath(address: PreviewAddress, request: PreviewRequest): string {
  const instance = instancePath({ ...address, sopInstanceUID: request.sopInstanceUID });
  return `${instance}/frames/${request.frame}/rendered${request.query ? `?${request.query}` : ''}`;
}

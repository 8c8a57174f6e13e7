// Where the source's rendering of an image is asked (WADO-RS /rendered, through the
// gateway): one builder for the viewer's preview and for the launch asking it ahead, so
// the two are the same request and the first answers the second.
import type { PreviewRequest } from '../../domain/viewer/firstImagePreview';
import { instancePath } from '../cornerstone/frameImageId';

export interface PreviewAddress {
  sourceId: string;
  studyInstanceUID: string;
  seriesInstanceUID: string;
}

/** PNG, not JPEG: the preview shows the stored grey levels exactly, no artefacts. */
export const PREVIEW_ACCEPT = 'image/png';

export function previewPath(address: PreviewAddress, request: PreviewRequest): string {
  const path = instancePath({ ...address, sopInstanceUID: request.sopInstanceUID });
  return `${path}/frames/${request.frame}/rendered${request.query ? `?${request.query}` : ''}`;
}

// The first image as the source renders it (domain/viewer/firstImagePreview.ts says which
// and how), decoded to a bitmap (lib/api/previewBitmap.ts refuses what is not a picture).
import type { PreviewRequest } from '../../../domain/viewer/firstImagePreview';
import { gateway } from '../../../lib/api/gatewayClient';
import { previewBitmapOf } from '../../../lib/api/previewBitmap';
import {
  PREVIEW_ACCEPT,
  previewPath,
  type PreviewAddress,
} from '../../../domain/viewer/previewPath';

export async function fetchPreview(
  address: PreviewAddress,
  request: PreviewRequest,
  signal?: AbortSignal,
): Promise<ImageBitmap> {
  const res = await gateway.send(previewPath(address, request), {
    accept: PREVIEW_ACCEPT,
    ...(signal ? { signal } : {}),
  });
  return previewBitmapOf(res);
}

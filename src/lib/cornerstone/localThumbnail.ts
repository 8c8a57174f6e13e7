// A series preview decoded in the browser, for sources that cannot render one (Orthanc
// without its GDCM plugin refuses /rendered for JPEG-LS and JPEG 2000 images).
import { Enums, utilities } from '@cornerstonejs/core';

export async function localThumbnail(imageId: string, sizePx: number): Promise<string> {
  const canvas = document.createElement('canvas');
  canvas.width = sizePx;
  canvas.height = sizePx;
  await utilities.loadImageToCanvas({
    canvas,
    imageId,
    thumbnail: true,
    // Below what the user looks at, above bulk prefetching.
    requestType: Enums.RequestType.Thumbnail,
    priority: 0,
  });
  return canvas.toDataURL('image/png');
}

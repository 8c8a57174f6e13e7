// A series' thumbnail: the source's rendering, shown from a blob URL; when the source cannot
// render it, the image decoded here instead — a second WebGL rendering, which competes with
// the series' background loading, so the source's rendering is worth keeping.
import { useEffect, useState } from 'react';
import { localThumbnail } from '../../../lib/cornerstone/localThumbnail';
import { fetchRenderedThumbnail, type InstanceAddress } from '../api/fetchRenderedThumbnail';

export function useSeriesThumbnail(
  address: InstanceAddress | null,
  /** The same image for Cornerstone, to decode locally when the source cannot render it. */
  imageId: string | null,
  sizePx: number,
): { url: string | null; failed: boolean } {
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const { sourceId, studyInstanceUID, seriesInstanceUID, sopInstanceUID } = address ?? {};

  useEffect(() => {
    if (!sourceId || !studyInstanceUID || !seriesInstanceUID || !sopInstanceUID) return;
    const controller = new AbortController();
    let objectUrl: string | null = null;
    const instance = { sourceId, studyInstanceUID, seriesInstanceUID, sopInstanceUID };
    void fetchRenderedThumbnail(instance, sizePx, controller.signal)
      .then((blob) => {
        objectUrl = URL.createObjectURL(blob);
        setUrl(objectUrl);
      })
      .catch(async () => {
        if (controller.signal.aborted) return;
        if (!imageId) throw new Error('no local fallback');
        const dataUrl = await localThumbnail(imageId, sizePx);
        if (!controller.signal.aborted) setUrl(dataUrl);
      })
      .catch(() => {
        if (!controller.signal.aborted) setFailed(true);
      });
    return () => {
      controller.abort();
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [sourceId, studyInstanceUID, seriesInstanceUID, sopInstanceUID, imageId, sizePx]);

  return { url, failed };
}

// A series' preview: the source renders its middle image (WADO-RS /rendered — Orthanc has
// no /thumbnail), fetched with the bearer token and shown from a blob URL; when the source
// cannot render it, the image is decoded here instead — a second WebGL rendering, which
// competes with the series' background loading, so the source's rendering is worth keeping.
import { useEffect, useState } from 'react';
import { instancePath } from '../../../lib/cornerstone/frameImageId';
import { localThumbnail } from '../../../lib/cornerstone/localThumbnail';
import styles from '../viewer.module.css';

// As drawn (.thumbnail in viewer.module.css).
const THUMBNAIL_CSS_PX = 64;

interface Props {
  sourceId: string;
  studyInstanceUID: string;
  seriesInstanceUID: string;
  sopInstanceUID: string | null;
  /** The same image for Cornerstone, to decode locally when the source cannot render it. */
  imageId: string | null;
  accessToken: string;
  alt: string;
  fallback: string;
}

/** The thumbnail in device pixels: sharp on a phone's screen, small on a laptop's. */
function thumbnailPixels(devicePixelRatio: number): number {
  const ratio = Number.isFinite(devicePixelRatio) ? Math.min(Math.max(devicePixelRatio, 1), 2) : 1;
  return Math.round(THUMBNAIL_CSS_PX * ratio);
}

export function SeriesThumbnail(props: Props) {
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const { sourceId, studyInstanceUID, seriesInstanceUID, sopInstanceUID, imageId, accessToken } =
    props;

  useEffect(() => {
    if (!sopInstanceUID) return;
    const controller = new AbortController();
    let objectUrl: string | null = null;
    const path = instancePath({ sourceId, studyInstanceUID, seriesInstanceUID, sopInstanceUID });
    const px = thumbnailPixels(window.devicePixelRatio);
    fetch(`${path}/rendered?viewport=${px},${px}`, {
      // One type only: Orthanc's DICOMweb plugin answers 400 to a list ("image/jpeg,
      // image/png"), and JPEG is the rendered type every WADO-RS origin server must offer.
      headers: { Accept: 'image/jpeg', Authorization: `Bearer ${accessToken}` },
      credentials: 'omit',
      signal: controller.signal,
    })
      .then(async (res) => {
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        objectUrl = URL.createObjectURL(await res.blob());
        setUrl(objectUrl);
      })
      .catch(async () => {
        if (controller.signal.aborted) return;
        if (!imageId) throw new Error('no local fallback');
        const dataUrl = await localThumbnail(imageId, px);
        if (!controller.signal.aborted) setUrl(dataUrl);
      })
      .catch(() => {
        if (!controller.signal.aborted) setFailed(true);
      });
    return () => {
      controller.abort();
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [sourceId, studyInstanceUID, seriesInstanceUID, sopInstanceUID, imageId, accessToken]);

  if (url && !failed) return <img className={styles.thumbnail} src={url} alt={props.alt} />;
  return (
    <span className={styles.thumbnail} aria-hidden="true">
      {props.fallback}
    </span>
  );
}

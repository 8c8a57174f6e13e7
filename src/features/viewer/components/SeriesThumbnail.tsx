// A series' preview in the panel (hooks/useSeriesThumbnail.ts says where it comes from), or
// its modality while there is none.
import { useSeriesThumbnail } from '../hooks/useSeriesThumbnail';
import type { InstanceAddress } from '../api/fetchRenderedThumbnail';
import styles from '../viewer.module.css';

// As drawn (.thumbnail in viewer.module.css).
const THUMBNAIL_CSS_PX = 64;

interface Props {
  /** The series' middle instance, null while its metadata is not in. */
  instance: InstanceAddress | null;
  /** The same image for Cornerstone, to decode locally when the source cannot render it. */
  imageId: string | null;
  alt: string;
  fallback: string;
}

/** The thumbnail in device pixels: sharp on a phone's screen, small on a laptop's. */
function thumbnailPixels(devicePixelRatio: number): number {
  const ratio = Number.isFinite(devicePixelRatio) ? Math.min(Math.max(devicePixelRatio, 1), 2) : 1;
  return Math.round(THUMBNAIL_CSS_PX * ratio);
}

export function SeriesThumbnail({ instance, imageId, alt, fallback }: Props) {
  const size = thumbnailPixels(window.devicePixelRatio);
  const { url, failed } = useSeriesThumbnail(instance, imageId, size);
  if (url && !failed) return <img className={styles.thumbnail} src={url} alt={alt} />;
  return (
    <span className={styles.thumbnail} aria-hidden="true">
      {fallback}
    </span>
  );
}

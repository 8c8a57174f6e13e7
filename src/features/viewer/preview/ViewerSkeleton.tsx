// What the viewer route shows while the workspace's code (Cornerstone3D) loads: the
// workspace's own frame, with the first image's preview where the view will be, so that
// the image does not move when the real view replaces it.
import { useTranslation } from 'react-i18next';
import { ViewerHeaderBar } from '../components/ViewerHeaderBar';
import styles from '../viewer.module.css';
import { FirstImagePreview } from './FirstImagePreview';

export function ViewerSkeleton({ preview }: { preview: ImageBitmap | null }) {
  const { t } = useTranslation();
  return (
    <div className={styles.workspace} data-testid="viewer-loading">
      <ViewerHeaderBar />
      <div className={styles.toolbarPlaceholder} />
      <div className={styles.body}>
        <div className={styles.seriesPanel} />
        <div className={styles.views}>
          {preview ? (
            <FirstImagePreview bitmap={preview} />
          ) : (
            <p role="status" className={styles.paneMessage}>
              {t('viewer.loadingViewer')}
            </p>
          )}
        </div>
      </div>
    </div>
  );
}

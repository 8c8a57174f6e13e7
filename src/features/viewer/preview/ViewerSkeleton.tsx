// What the viewer route shows while the workspace's code (Cornerstone3D) loads: the
// workspace's own frame, with the first image's preview where the view will be, so that
// the image does not move when the real view replaces it — and, above it, who it is of.
import { useTranslation } from 'react-i18next';
import { birthText, nameText, type PersonFacts } from '../../../domain/identity/personText';
import { ViewerHeaderBar } from '../components/ViewerHeaderBar';
import styles from '../viewer.module.css';
import { FirstImagePreview } from './FirstImagePreview';

export function ViewerSkeleton({
  preview,
  person,
}: {
  preview: ImageBitmap | null;
  /** Who the study's series name (OpenedStudy.person). */
  person?: PersonFacts | undefined;
}) {
  const { t, i18n } = useTranslation();
  const name = person ? nameText(person.name) : '';
  const born = person ? birthText(person, i18n.language === 'en' ? 'en' : 'fr') : '';
  return (
    <div className={styles.workspace} data-testid="viewer-loading">
      <ViewerHeaderBar>
        {name !== '' && (
          // Not the page's heading: the workspace's comes with its tools.
          <p
            className={`${styles.studyTitle} ${styles.skeletonTitle}`}
            data-testid="skeleton-patient"
          >
            <span>{name}</span> {born !== '' && <span className={styles.muted}>{born}</span>}
          </p>
        )}
      </ViewerHeaderBar>
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

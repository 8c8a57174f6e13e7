// « Télécharger » in the viewer: the image on screen as PNG or JPEG (with or without its
// annotations) or the whole study as a DICOM ZIP, each after the health-data step. A
// disclosure of plain buttons (Tab moves through them, Escape closes it) rather than an ARIA
// menu, which would promise arrow-key behaviour for little gain.
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import styles from './Download.module.css';
import { HealthDataDialog } from './HealthDataDialog';
import { useDownloads, type CaptureImage } from './useDownloads';

export interface DownloadMenuProps {
  /** The study's sealed key, as the viewer's route has it (`/study/:key`). */
  studyKey: string;
  /** Draws the active view's image (lib/cornerstone/viewportSnapshot.ts's snapshotViewport). */
  captureImage: CaptureImage;
  /** Images can be saved once a view shows one; the study any time. */
  imageAvailable: boolean;
}

export function DownloadMenu({ studyKey, captureImage, imageAvailable }: DownloadMenuProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [annotations, setAnnotations] = useState(false);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const close = () => {
    setOpen(false);
    triggerRef.current?.focus();
  };
  const downloads = useDownloads({ studyKey, captureImage, onStarted: close });
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && open && !downloads.pending) {
      event.stopPropagation();
      close();
    }
  };
  return (
    <div className={styles.menu} onKeyDown={onKeyDown} data-testid="download-menu">
      <button
        ref={triggerRef}
        type="button"
        className={styles.trigger}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((v) => !v)}
      >
        {t('download.menu.button')}
      </button>
      <div
        id={panelId}
        className={styles.panel}
        hidden={!open}
        role="group"
        aria-label={t('download.menu.title')}
      >
        <button
          type="button"
          className={styles.choice}
          disabled={!imageAvailable || downloads.busy}
          onClick={() => downloads.ask({ kind: 'image', format: 'png', annotations })}
        >
          {t('download.menu.imagePng')}
        </button>
        <button
          type="button"
          className={styles.choice}
          disabled={!imageAvailable || downloads.busy}
          onClick={() => downloads.ask({ kind: 'image', format: 'jpeg', annotations })}
        >
          {t('download.menu.imageJpeg')}
        </button>
        <label className={styles.option}>
          <input
            type="checkbox"
            checked={annotations}
            onChange={(e) => setAnnotations(e.target.checked)}
          />
          {t('download.menu.annotations')}
        </label>
        <button
          type="button"
          className={styles.choice}
          disabled={downloads.busy}
          onClick={() => downloads.ask({ kind: 'study' })}
        >
          {t('download.menu.study')}
        </button>
        <p className={styles.hint}>{t('download.menu.studyHint')}</p>
      </div>
      <p className={styles.status} role="status" aria-live="polite">
        {downloads.status}
      </p>
      {downloads.pending && (
        <HealthDataDialog
          pending={downloads.pending}
          onConfirm={downloads.confirm}
          onCancel={downloads.cancel}
        />
      )}
    </div>
  );
}

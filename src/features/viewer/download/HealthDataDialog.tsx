import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import styles from './Download.module.css';

/** What is about to be saved, for the dialog to say it. */
export type PendingDownload =
  { kind: 'image'; format: 'png' | 'jpeg'; annotations: boolean } | { kind: 'study' };

/**
 * The step before any file leaves the viewer: it holds health data, and once saved the person
 * who saved it answers for it. A native modal <dialog> (focus trapped, Escape cancels);
 * « Annuler » comes first and has the focus, so that a stray Enter saves nothing.
 */
export function HealthDataDialog({
  pending,
  onConfirm,
  onCancel,
}: {
  pending: PendingDownload;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const bodyId = useId();
  useEffect(() => {
    // Where the keyboard was, to give it back: the dialog leaves the page without closing.
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    cancelRef.current?.focus();
    return () => {
      if (before?.isConnected) before.focus();
    };
  }, []);
  const file =
    pending.kind === 'study'
      ? t('download.confirm.fileStudy')
      : t('download.confirm.fileImage', {
          format: pending.format.toUpperCase(),
          annotations: pending.annotations ? t('download.confirm.withAnnotations') : '',
        });
  return (
    <dialog
      ref={ref}
      className={styles.dialog}
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onClose={onCancel}
      onKeyDown={(event) => {
        // The dialog has the keyboard: the viewer's shortcuts (on the window) must not act,
        // nor hold Escape back from closing it.
        event.stopPropagation();
        if (event.key === 'Escape') {
          event.preventDefault();
          onCancel();
        }
      }}
      data-testid="download-confirm"
    >
      <h2 id={titleId}>{t('download.confirm.title')}</h2>
      <p id={bodyId}>{t('download.confirm.body')}</p>
      <p>{file}</p>
      <p>{t('download.confirm.traced')}</p>
      <div className={styles.buttons}>
        <button ref={cancelRef} type="button" className={styles.cancel} onClick={onCancel}>
          {t('download.confirm.cancel')}
        </button>
        <button type="button" className={styles.confirm} onClick={onConfirm}>
          {t('download.confirm.confirm')}
        </button>
      </div>
    </dialog>
  );
}

// The study list's « Télécharger l'examen »: the whole study as a DICOM ZIP, after the same
// health-data step as in the viewer. The list has no sealed key per row until a study is
// opened, so the row gives a way to seal one (lib/api/opaqueKeys.ts's sealKey).
import { useTranslation } from 'react-i18next';
import styles from './Download.module.css';
import { HealthDataDialog } from './HealthDataDialog';
import { useDownloads } from './useDownloads';

export interface StudyDownloadButtonProps {
  /** Seals the row's study value (`{ studyInstanceUID, sourceIds, patient? }`) as the viewer does. */
  studyKey: () => Promise<string>;
  /** For the accessible name: which study of the list this button saves. */
  date: string;
  description: string;
}

export function StudyDownloadButton({ studyKey, date, description }: StudyDownloadButtonProps) {
  const { t } = useTranslation();
  const downloads = useDownloads({ studyKey });
  return (
    <>
      <button
        type="button"
        className={styles.cancel}
        aria-label={t('download.row.label', { date, description })}
        disabled={downloads.busy}
        onClick={() => downloads.ask({ kind: 'study' })}
      >
        {t('download.row.button')}
      </button>
      {downloads.status && (
        <span role="status" className={styles.status}>
          {downloads.status}
        </span>
      )}
      {downloads.pending && (
        <HealthDataDialog
          pending={downloads.pending}
          onConfirm={downloads.confirm}
          onCancel={downloads.cancel}
        />
      )}
    </>
  );
}

// A study that holds no image but a report (sent to the DRIMbox on its own, or the images
// not archived): the viewer says so in one plain sentence and shows the report, rather than
// an error that hides the document the user came for.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { PatientIdentifier } from '../../../domain/identity/patientIdentifier';
import { StudyReportPanel } from './StudyReportPanel';
import styles from './ReportOnlyStudy.module.css';

export default function ReportOnlyStudy({
  sourceId,
  studyInstanceUID,
  seriesUIDs,
  patient,
}: {
  sourceId: string;
  studyInstanceUID: string;
  seriesUIDs: readonly string[];
  patient?: readonly PatientIdentifier[] | undefined;
}) {
  const { t } = useTranslation();
  return (
    <main className={styles.page} data-testid="report-only-study">
      <p>
        <Link to="/">{t('viewer.back')}</Link>
      </p>
      <p className={styles.notice} data-testid="viewer-no-images">
        {t('viewer.reportOnly.noImages')}
      </p>
      <StudyReportPanel
        sourceId={sourceId}
        studyInstanceUID={studyInstanceUID}
        seriesUIDs={seriesUIDs}
        patient={patient}
      />
    </main>
  );
}

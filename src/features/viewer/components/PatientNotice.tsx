// A patient's viewer says what it is for before anything else: to inform, not to diagnose
// (as the Orthanc Stone viewer and commercial portals do). Visible, not a tooltip: a patient
// reading their own scan must not take a shade of grey for a finding.
import { useTranslation } from 'react-i18next';
import { Info } from 'lucide-react';
import own from './StudyNotices.module.css';

export function PatientNotice({ about }: { about: string | null }) {
  const { t } = useTranslation();
  return (
    <section
      className={own.patientNotice}
      aria-labelledby="patient-notice-title"
      data-testid="patient-notice"
    >
      <Info aria-hidden="true" focusable="false" size={20} className={own.patientNoticeIcon} />
      <div>
        <p id="patient-notice-title" className={own.patientNoticeTitle}>
          {t('viewer.patientView.notice')}
        </p>
        <p className={own.patientNoticeText}>
          {about && `${about} `}
          {t('viewer.patientView.noticeDetail')}
        </p>
      </div>
    </section>
  );
}

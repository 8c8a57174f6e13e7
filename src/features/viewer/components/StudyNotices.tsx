// What the viewer left out of a study, said plainly: series of another patient held under
// the same UID (never naming that patient), and the other exams a launch asked for that no
// source held. Text only: names come from the sources.
import { useTranslation } from 'react-i18next';
import { nameText } from '../../../domain/identity/personText';
import type { OpenedStudy } from '../api/openStudy';
import own from './StudyNotices.module.css';

export function StudyNotices({ study }: { study: OpenedStudy }) {
  const { t } = useTranslation();
  const { setAside, missing } = study;
  const missingValues = missing
    ? [
        ...missing.studyUids.map((value) => t('viewer.isolation.missingUid', { value })),
        ...missing.accessionNumbers.map((value) =>
          t('viewer.isolation.missingAccession', { value }),
        ),
      ]
    : [];
  if (!setAside && missingValues.length === 0) return null;
  return (
    <div className={own.notices}>
      {setAside && (
        <p role="alert" className={own.warning} data-testid="isolation-notice">
          {t('viewer.isolation.setAside', {
            count: setAside.count,
            source: study.source.label,
            name: nameText(setAside.shown?.name ?? null) || t('viewer.isolation.thePatient'),
          })}
        </p>
      )}
      {missingValues.length > 0 && (
        <p role="status" className={own.note} data-testid="missing-exams-notice">
          {t('viewer.isolation.missing', { values: missingValues.join(', ') })}
        </p>
      )}
    </div>
  );
}

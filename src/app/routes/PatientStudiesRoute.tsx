import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { extendedSearchAction } from '../../features/consent/components/ExtendedSearchAction';
import { usePatientKey } from '../../features/studies/api/getPatientKey';
import { PatientStudiesPage } from '../../features/studies/components/PatientStudiesPage';
import { useAuth } from '../../lib/auth/useAuth';
import { useConfig } from '../configContext';
import styles from '../pages.module.css';

/** `/patient/:key` — the key is opened by the gateway; no identifier is ever in the URL. */
export function PatientStudiesRoute() {
  const { t } = useTranslation();
  const { key = '' } = useParams();
  const config = useConfig();
  const { status } = useAuth();
  const resolved = usePatientKey(key);

  if (status === 'restoring' || (status === 'signedIn' && resolved.isPending)) {
    return (
      <p role="status" className={styles.muted}>
        {t('studies.list.loadingKey')}
      </p>
    );
  }
  if (status === 'signedOut') {
    return (
      <p role="alert" className={styles.notice}>
        {t('auth.sessionExpired')}
      </p>
    );
  }
  if (resolved.isError || !resolved.data) {
    return (
      <div className={styles.intro}>
        <p role="alert" className={styles.notice}>
          {resolved.isError ? t('studies.list.keyFailed') : t('studies.list.keyInvalid')}
        </p>
        <Link to="/">{t('studies.list.back')}</Link>
      </div>
    );
  }

  const patient = resolved.data;
  return (
    <>
      <p>
        <Link to="/">{t('studies.list.newSearch')}</Link>
      </p>
      <PatientStudiesPage
        title={t('studies.list.recordTitle')}
        label={patient.label}
        identifiers={patient.identifiers}
        sources={config.sources}
        // The consent feature's action for consent-gated sources (issue 6).
        renderSourceAction={extendedSearchAction}
      />
    </>
  );
}

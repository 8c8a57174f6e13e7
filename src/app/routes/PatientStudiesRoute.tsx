import { useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigationType, useParams } from 'react-router-dom';
import { extendedSearchAction } from '../../features/consent/components/ExtendedSearchAction';
import { usePatientKey } from '../../features/studies/api/getPatientKey';
import { PatientStudiesPage } from '../../features/studies/components/PatientStudiesPage';
import { useAuth } from '../../lib/auth/useAuth';
import { useConfig } from '../configContext';
import styles from '../pages.module.css';
import { studyDownloadAction } from '../studyDownloadAction';

/** `/patient/:key` — the key is opened by the gateway; no identifier is ever in the URL. */
export function PatientStudiesRoute() {
  const { t } = useTranslation();
  const { key = '' } = useParams();
  const config = useConfig();
  const { status, notice, login } = useAuth();
  const resolved = usePatientKey(key);
  const navigationType = useNavigationType();
  // A new list opens at its top (the list first, issue 18), not wherever the search page was
  // scrolled to when « Voir les examens » was clicked; Back keeps the browser's restoration.
  const scrolledFor = useRef<string | null>(null);
  useLayoutEffect(() => {
    if (scrolledFor.current === key) return;
    scrolledFor.current = key;
    if (navigationType !== 'POP') window.scrollTo(0, 0);
  }, [key, navigationType]);

  if (status === 'restoring' || (status === 'signedIn' && resolved.isPending)) {
    return (
      <p role="status" className={styles.muted}>
        {t('studies.list.loadingKey')}
      </p>
    );
  }
  if (status === 'signedOut') {
    // Expired only when this page saw it expire: after a logout, Back lands here too.
    return (
      <div className={styles.intro}>
        <p role="alert" className={styles.notice}>
          {notice === 'sessionExpired' ? t('auth.sessionExpired') : t('auth.signedOut')}
        </p>
        <button type="button" onClick={() => void login(`/patient/${key}`)}>
          {t('header.login')}
        </button>
      </div>
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
  // The list comes first (issue 18: in view, a few Tab presses away); a new search is also
  // the header's home link.
  return (
    <>
      <PatientStudiesPage
        title={t('studies.list.recordTitle')}
        label={patient.label}
        identifiers={patient.identifiers}
        sources={config.sources}
        // The consent feature's action for consent-gated sources (issue 6).
        renderSourceAction={extendedSearchAction}
        // The viewer's download, beside each study's « Ouvrir » (issue 18).
        renderStudyAction={studyDownloadAction}
      />
      <p>
        <Link to="/">{t('studies.list.newSearch')}</Link>
      </p>
    </>
  );
}

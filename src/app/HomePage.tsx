import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { INS_OID } from '../domain/identity/patientIdentifier';
import { useAuth } from '../lib/auth/useAuth';
import { SourceStatusList } from '../features/sources/components/SourceStatusList';
import { PatientSearch } from '../features/studies/components/PatientSearch';
import { PatientStudiesPage } from '../features/studies/components/PatientStudiesPage';
import { useConfig } from './configContext';
import styles from './pages.module.css';
import { studyDownloadAction } from './studyDownloadAction';

export function HomePage() {
  const { t } = useTranslation();
  const config = useConfig();
  const { status, principal, notice } = useAuth();
  const ownIdentifiers = useMemo(
    () =>
      principal?.role === 'patient' && principal.ins && principal.insOid
        ? [{ issuer: principal.insOid, id: principal.ins }]
        : null,
    [principal],
  );

  if (status === 'restoring') {
    return (
      <p role="status" className={styles.muted}>
        {t('auth.restoring')}
      </p>
    );
  }

  if (status === 'signedOut' || !principal) {
    return (
      <div className={styles.intro}>
        <h1>{t('home.signedOutTitle')}</h1>
        {notice && (
          <p role="alert" className={styles.notice}>
            {t(`auth.${notice}`)}
          </p>
        )}
        <p>{t('home.signedOutBody')}</p>
      </div>
    );
  }

  // A patient sees their own studies at once: the gateway binds them to their INS anyway.
  if (principal.role === 'patient') {
    return ownIdentifiers ? (
      <PatientStudiesPage
        title={t('studies.list.ownTitle')}
        identifiers={ownIdentifiers}
        sources={config.sources}
        renderStudyAction={studyDownloadAction}
      />
    ) : (
      <p role="alert" className={styles.notice}>
        {t('studies.list.noIns')}
      </p>
    );
  }

  return (
    <div className={styles.home}>
      {principal.role === 'professional' && (
        <PatientSearch
          sources={config.sources}
          // The local region's data uses test INS: preselect their OID there only.
          defaultOid={config.demo?.insOid ?? INS_OID.nir}
        />
      )}
      <SourceStatusList sources={config.sources} />
    </div>
  );
}

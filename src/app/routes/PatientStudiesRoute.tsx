import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { parsePatientKeyValue } from '../../domain/federation/patientKeyValue';
import { extendedSearchAction } from '../../features/consent/components/ExtendedSearchAction';
import { PatientStudiesPage } from '../../features/studies/components/PatientStudiesPage';
import { patientKeyQueryKey } from '../../features/studies/patientKeyQuery';
import { useAuth } from '../../lib/auth/useAuth';
import { resolveOpaqueKey } from '../../lib/opaqueKeys';
import { useConfig } from '../configContext';
import styles from '../pages.module.css';

/** `/patient/:key` — the key is opened by the gateway; no identifier is ever in the URL. */
export function PatientStudiesRoute() {
  const { t } = useTranslation();
  const { key = '' } = useParams();
  const config = useConfig();
  const { status, accessToken } = useAuth();

  const resolved = useQuery({
    queryKey: patientKeyQueryKey(key),
    queryFn: async () => {
      if (!accessToken) throw new Error('not signed in');
      return parsePatientKeyValue(await resolveOpaqueKey(key, 'patient', accessToken));
    },
    enabled: accessToken !== null && key !== '',
    staleTime: Infinity,
    retry: false,
  });

  if (status === 'restoring' || (accessToken !== null && resolved.isPending)) {
    return (
      <p role="status" className={styles.muted}>
        {t('studies.list.loadingKey')}
      </p>
    );
  }
  if (status === 'signedOut' || accessToken === null) {
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
        renderSourceAction={extendedSearchAction(patient)}
      />
    </>
  );
}

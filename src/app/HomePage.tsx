import { useTranslation } from 'react-i18next';
import { probeFor } from '../domain/probePatient';
import { useAuth } from '../lib/auth/useAuth';
import { SourceStatusList } from '../features/sources/components/SourceStatusList';
import { useConfig } from './configContext';
import styles from './pages.module.css';

export function HomePage() {
  const { t } = useTranslation();
  const config = useConfig();
  const { status, principal, accessToken, notice } = useAuth();

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

  return (
    <SourceStatusList
      sources={config.sources}
      probe={probeFor(principal, config)}
      accessToken={accessToken}
    />
  );
}

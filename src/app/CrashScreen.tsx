import { useTranslation } from 'react-i18next';
import styles from './screens.module.css';

export function CrashScreen() {
  const { t } = useTranslation();
  return (
    <main className={styles.screen} id="main">
      <div role="alert" className={styles.box}>
        <h1>{t('crash.title')}</h1>
        <p>{t('crash.body')}</p>
        <button type="button" onClick={() => window.location.reload()}>
          {t('crash.reload')}
        </button>
      </div>
    </main>
  );
}

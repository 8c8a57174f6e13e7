import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import styles from './pages.module.css';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <div className={styles.intro}>
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <Link to="/">{t('notFound.home')}</Link>
    </div>
  );
}

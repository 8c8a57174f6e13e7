// The viewer's top bar, the same while its code loads (ViewerSkeleton) and once it runs
// (ViewerWorkspace), so that nothing moves when one replaces the other.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import styles from '../viewer.module.css';

export function ViewerHeaderBar({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <header className={styles.bar}>
      <Link to="/" className={styles.backLink}>
        {t('viewer.back')}
      </Link>
      {children}
    </header>
  );
}

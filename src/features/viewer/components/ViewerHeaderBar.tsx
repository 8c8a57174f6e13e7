// The viewer's top bar, the same while its code loads (ViewerSkeleton) and once it runs
// (ViewerWorkspace), so that nothing moves when one replaces the other: back link, the
// study's title, and the study's own actions (downloads) at its end.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import styles from '../viewer.module.css';

export function ViewerHeaderBar({
  children,
  actions,
}: {
  children?: ReactNode;
  /** Actions on the whole study (the download menu), after the title. */
  actions?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <header className={styles.bar}>
      <Link to="/" className={styles.backLink}>
        {t('viewer.back')}
      </Link>
      {children}
      {actions && <div className={styles.barActions}>{actions}</div>}
    </header>
  );
}

import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAuth } from '../lib/auth/useAuth';
import { useConfig } from './configContext';
import { describeRole } from './describeRole';
import { LanguageSwitch } from './LanguageSwitch';
import { PreferencesMenu } from './PreferencesMenu';
import styles from './Header.module.css';

export function Header() {
  const { t } = useTranslation();
  const config = useConfig();
  const { status, principal, login, logout } = useAuth();

  return (
    <header className={styles.header}>
      <div className={styles.brand}>
        <Link to="/" className={styles.product}>
          {t('app.productName')}
        </Link>
        <span className={styles.region}>{config.region.name}</span>
      </div>
      <div className={styles.tools}>
        <LanguageSwitch />
        {status === 'signedIn' && principal && (
          <div className={styles.user} aria-label={t('header.signedInAs')} role="group">
            <span className={styles.userName} data-testid="user-name">
              {principal.displayName ?? t('user.unnamed')}
            </span>
            <span className={styles.userRole} data-testid="user-role">
              {describeRole(principal, t)}
            </span>
          </div>
        )}
        {status === 'signedIn' && principal?.role === 'professional' && <PreferencesMenu />}
        {status === 'signedIn' && principal?.role === 'patient' && (
          <Link to="/mes-acces" className={styles.link} data-testid="my-access-link">
            {t('consent.myAccess.link')}
          </Link>
        )}
        {status === 'signedIn' && (
          <button type="button" data-testid="logout-button" onClick={() => void logout()}>
            {t('header.logout')}
          </button>
        )}
        {status === 'signedOut' && (
          <button
            type="button"
            className={styles.primary}
            data-testid="login-button"
            onClick={() => void login()}
          >
            {t('header.login')}
          </button>
        )}
      </div>
    </header>
  );
}

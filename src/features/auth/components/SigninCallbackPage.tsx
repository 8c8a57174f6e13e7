import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useAuth } from '../../../lib/auth/useAuth';
import { CALLBACK_PATH } from '../userManager';
import styles from './AuthPages.module.css';

export function SigninCallbackPage() {
  const { t } = useTranslation();
  const { completeSignin } = useAuth();
  const navigate = useNavigate();
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let active = true;
    completeSignin().then(
      (returnTo) => {
        // replace: the one-time code and state must not stay in the history.
        if (active) void navigate(returnTo, { replace: true });
      },
      (error: unknown) => {
        console.warn('sign-in callback failed', error);
        if (!active) return;
        setFailed(true);
        void navigate(CALLBACK_PATH, { replace: true });
      },
    );
    return () => {
      active = false;
    };
  }, [completeSignin, navigate]);

  return (
    <main className={styles.page} id="main">
      {failed ? (
        <div role="alert" className={styles.box}>
          <h1>{t('auth.failedTitle')}</h1>
          <p>{t('auth.failedBody')}</p>
          <Link to="/" replace>
            {t('auth.backHome')}
          </Link>
        </div>
      ) : (
        <p role="status" className={styles.box}>
          {t('auth.completing')}
        </p>
      )}
    </main>
  );
}

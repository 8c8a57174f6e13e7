import { useTranslation } from 'react-i18next';
import { LANGUAGES, currentLanguage } from '../lib/i18n';
import styles from './Header.module.css';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const active = currentLanguage();
  return (
    <div role="group" aria-label={t('header.language')} className={styles.languages}>
      {LANGUAGES.map((lng) => (
        <button
          key={lng}
          type="button"
          lang={lng}
          className={styles.language}
          aria-pressed={lng === active}
          title={t(`languages.${lng}`)}
          onClick={() => void i18n.changeLanguage(lng)}
        >
          {lng.toUpperCase()}
        </button>
      ))}
    </div>
  );
}

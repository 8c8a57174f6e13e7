// The signed-in professional's own settings, in the header (kept in this browser only:
// lib/preferences). A disclosure (<details>): opened and closed with Enter or Space like
// any button, Escape closes it and gives the focus back to its summary.
import { useId, useRef } from 'react';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAutoComparePreference } from '../lib/preferences/useAutoComparePreference';
import styles from './PreferencesMenu.module.css';

export function PreferencesMenu() {
  const { t } = useTranslation();
  const { autoCompare, setAutoCompare, persisted, available } = useAutoComparePreference();
  const menu = useRef<HTMLDetailsElement>(null);
  const noteId = useId();
  if (!available) return null;

  const closeOnEscape = (event: KeyboardEvent<HTMLDetailsElement>) => {
    const details = menu.current;
    if (event.key !== 'Escape' || !details?.open) return;
    details.open = false;
    details.querySelector('summary')?.focus();
  };

  return (
    <details
      ref={menu}
      className={styles.menu}
      data-testid="preferences-menu"
      onKeyDown={closeOnEscape}
    >
      <summary className={styles.summary}>{t('preferences.menu')}</summary>
      <div className={styles.panel}>
        <label className={styles.option}>
          <input
            type="checkbox"
            checked={autoCompare}
            aria-describedby={noteId}
            data-testid="preference-auto-compare"
            onChange={(event) => setAutoCompare(event.target.checked)}
          />
          <span>{t('preferences.autoCompare')}</span>
        </label>
        <p id={noteId} className={styles.note} role={persisted ? undefined : 'status'}>
          {persisted ? t('preferences.keptHere') : t('preferences.notKept')}
        </p>
      </div>
    </details>
  );
}

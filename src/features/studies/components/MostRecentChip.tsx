import { useTranslation } from 'react-i18next';
import styles from './Studies.module.css';

/**
 * Says that the list keeps only the N most recent studies (a GP's software asked for it
 * through IID `mostRecentResults`): a hidden limit would look like missing exams.
 */
export function MostRecentChip({ count, onRemove }: { count: number; onRemove: () => void }) {
  const { t } = useTranslation();
  return (
    <p className={styles.limitChip} data-testid="most-recent-chip">
      <span>{t('studies.list.mostRecent', { count })}</span>
      <button type="button" className={styles.smallButton} onClick={onRemove}>
        {t('studies.list.showAll')}
      </button>
    </p>
  );
}

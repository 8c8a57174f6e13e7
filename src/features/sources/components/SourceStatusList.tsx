import { useTranslation } from 'react-i18next';
import type { PublicSource } from '../../../domain/publicConfig';
import { SourceStatusCard } from './SourceStatusCard';
import styles from './SourceStatus.module.css';

/** Every configured source with its live state: one failing source never hides the others. */
export function SourceStatusList({ sources }: { sources: readonly PublicSource[] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="sources-title" className={styles.section}>
      <h2 id="sources-title">{t('sources.title')}</h2>
      <p className={styles.intro}>{t('sources.intro')}</p>
      <ul className={styles.grid}>
        {sources.map((source) => (
          <SourceStatusCard key={source.id} source={source} />
        ))}
      </ul>
    </section>
  );
}

import { useTranslation } from 'react-i18next';
import type { ProbeChoice } from '../../../domain/probePatient';
import type { PublicSource } from '../../../domain/publicConfig';
import { SourceStatusCard } from './SourceStatusCard';
import styles from './SourceStatus.module.css';

/** Every configured source with its live state: one failing source never hides the others. */
export function SourceStatusList({
  sources,
  probe,
}: {
  sources: readonly PublicSource[];
  probe: ProbeChoice;
}) {
  const { t } = useTranslation();
  const intro =
    probe.kind === 'none'
      ? t('sources.introNone')
      : probe.whose === 'self'
        ? t('sources.introSelf')
        : t('sources.introTestPatient');

  return (
    <section aria-labelledby="sources-title" className={styles.section}>
      <h2 id="sources-title">{t('sources.title')}</h2>
      <p className={styles.intro}>{intro}</p>
      <ul className={styles.grid}>
        {sources.map((source) => (
          <SourceStatusCard key={source.id} source={source} probe={probe} />
        ))}
      </ul>
    </section>
  );
}

import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicConfig } from '../domain/publicConfig';
import { ConfigErrorScreen } from './ConfigErrorScreen';
import { CrashScreen } from './CrashScreen';
import { ConfigLoadError, loadConfig, readInlineConfig, type ConfigProblem } from './loadConfig';
import styles from './screens.module.css';

type Loading =
  | { state: 'loading' }
  | { state: 'ready'; config: PublicConfig }
  | { state: 'failed'; problem: ConfigProblem }
  | { state: 'crashed' };

/** Renders its children only once the region's settings are read and valid. */
export function ConfigGate({ children }: { children: (config: PublicConfig) => ReactNode }) {
  const { t } = useTranslation();
  const [loading, setLoading] = useState<Loading>(() => {
    const inline = readInlineConfig();
    return inline ? { state: 'ready', config: inline } : { state: 'loading' };
  });
  const needsFetch = loading.state === 'loading';

  useEffect(() => {
    if (!needsFetch) return;
    let active = true;
    loadConfig().then(
      (config) => {
        if (active) setLoading({ state: 'ready', config });
      },
      (error: unknown) => {
        console.error('configuration not loaded', error);
        if (!active) return;
        // Anything else than a ConfigLoadError is a bug of ours, not of the region's file.
        setLoading(
          error instanceof ConfigLoadError
            ? { state: 'failed', problem: error.problem }
            : { state: 'crashed' },
        );
      },
    );
    return () => {
      active = false;
    };
  }, [needsFetch]);

  switch (loading.state) {
    case 'loading':
      return (
        <main className={styles.screen} id="main">
          <p role="status">{t('app.loadingConfig')}</p>
        </main>
      );
    case 'failed':
      return <ConfigErrorScreen problem={loading.problem} />;
    case 'crashed':
      return <CrashScreen />;
    case 'ready':
      return children(loading.config);
  }
}

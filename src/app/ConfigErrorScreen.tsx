import { useTranslation } from 'react-i18next';
import type { ConfigProblem } from './loadConfig';
import styles from './screens.module.css';

function useProblemText(problem: ConfigProblem): string {
  const { t } = useTranslation();
  switch (problem.kind) {
    case 'network':
      return t('config.problem.network');
    case 'http':
      return t('config.problem.http', { status: problem.status });
    case 'json':
      return t('config.problem.json');
    case 'shape':
      return t('config.problem.shape', {
        path: problem.path,
        expected: t(`config.expected.${problem.expected}`),
      });
  }
}

export function ConfigErrorScreen({ problem }: { problem: ConfigProblem }) {
  const { t } = useTranslation();
  const problemText = useProblemText(problem);
  return (
    <main className={styles.screen} id="main">
      <div role="alert" className={styles.box} data-testid="config-error">
        <h1>{t('app.productName')}</h1>
        <p>{t('config.unreadable', { problem: problemText })}</p>
        <p>{t('config.help')}</p>
        <button type="button" onClick={() => window.location.reload()}>
          {t('config.retry')}
        </button>
      </div>
    </main>
  );
}

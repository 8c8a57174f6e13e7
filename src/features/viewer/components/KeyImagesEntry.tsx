// « Images clés » at the top of the series panel: the radiologist's selection shown as one
// more stack, with their note (plain text — it comes from the source), or why it is missing.
import { useTranslation } from 'react-i18next';
import type { KeyImagesState } from '../hooks/useKeyImages';
import styles from '../viewer.module.css';
import own from './KeyImages.module.css';

interface Props {
  state: KeyImagesState;
  pressed: boolean;
  onShow: () => void;
}

export function KeyImagesEntry({ state, pressed, onShow }: Props) {
  const { t } = useTranslation();
  if (state.kind === 'none') return null;
  const ready = state.kind === 'ready' ? state : null;
  const missing =
    state.kind === 'loading' ? 0 : state.kind === 'ready' ? state.selection.missing : state.missing;
  return (
    <li>
      <button
        type="button"
        className={`${styles.seriesButton} ${own.entry}`}
        aria-pressed={pressed}
        disabled={!ready}
        onClick={onShow}
        data-testid="series-key-images"
        data-state={state.kind}
        title={t('viewer.keyImages.show')}
      >
        <span className={`${styles.thumbnail} ${own.badge}`} aria-hidden="true">
          ★
        </span>
        <span className={styles.seriesText}>
          <span>{t('viewer.keyImages.title')}</span>
          <span className={styles.muted} aria-live="polite">
            {ready
              ? t('viewer.keyImages.count', { count: ready.selection.images.length })
              : state.kind === 'loading'
                ? t('viewer.keyImages.loading')
                : t('viewer.keyImages.unavailable')}
          </span>
          {ready?.selection.descriptions.map((d) => (
            <span key={d} className={own.note}>
              {d}
            </span>
          ))}
          {missing > 0 && (
            <span className={own.warning} data-testid="key-images-missing">
              {t('viewer.keyImages.missing', { count: missing })}
            </span>
          )}
        </span>
      </button>
    </li>
  );
}

// What became of a launch's `keyImagesOnly=true`: said plainly, since the GP asked for
// something the viewer could not (or could only partly) honour.
import { useTranslation } from 'react-i18next';
import type { KeyImagesState } from '../hooks/useKeyImages';
import own from './KeyImages.module.css';

export function KeyImagesNotice({
  asked,
  state,
}: {
  /** The launch asked for the key images only. */
  asked: boolean;
  state: KeyImagesState;
}) {
  const { t } = useTranslation();
  const message = !asked
    ? null
    : state.kind === 'none'
      ? t('viewer.keyImages.noneInStudy')
      : state.kind === 'unavailable'
        ? t('viewer.keyImages.notFound')
        : state.kind === 'ready'
          ? t('viewer.keyImages.shownOnly')
          : null;
  return (
    <p role="status" aria-live="polite" className={own.notice} data-testid="key-images-notice">
      {message}
    </p>
  );
}

// A compared prior's series under its row in the priors panel, to drag onto a view: dropped
// on a view, the series is shown there (StackPane's drop target) — re-pairing it with the
// current series beside it. Each view's header menu does the same from the keyboard.
import { useTranslation } from 'react-i18next';
import { isImageModality } from '../../../domain/dicom/modalities';
import { orderForPanel, type SeriesSummary } from '../../../domain/viewer/firstSeries';
import { SERIES_DRAG_TYPE } from '../components/StackPane';
import type { DraggedSeries } from './draggedSeries';
import styles from './Compare.module.css';

export function PriorSeriesList({
  prior,
  series,
}: {
  prior: number;
  series: readonly SeriesSummary[];
}) {
  const { t } = useTranslation();
  const images = orderForPanel(series.filter((s) => isImageModality(s.modality)));
  return (
    <ul className={styles.seriesList} aria-label={t('viewer.compare.priorSeries')}>
      {images.map((s) => (
        <li key={s.seriesInstanceUID}>
          <span
            className={styles.seriesItem}
            draggable
            onDragStart={(e) => {
              const payload: DraggedSeries = { prior, seriesInstanceUID: s.seriesInstanceUID };
              e.dataTransfer.setData(SERIES_DRAG_TYPE, JSON.stringify(payload));
              e.dataTransfer.effectAllowed = 'link';
            }}
            data-testid={`prior${prior}-series-${s.seriesInstanceUID}`}
          >
            {t('viewer.series.item', {
              number: s.seriesNumber ?? '—',
              modality: s.modality || '—',
              description: s.description || t('viewer.series.noDescription'),
            })}
          </span>
        </li>
      ))}
    </ul>
  );
}

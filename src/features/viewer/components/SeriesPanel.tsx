import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isImageModality } from '../../../domain/dicom/modalities';
import { derivedKind } from '../../../domain/viewer/derivedObjects';
import { orderForPanel } from '../../../domain/viewer/firstSeries';
import { SegmentList } from '../derived/SegmentList';
import { useSeriesProgress, type SeriesProgressStore } from '../hooks/seriesProgress';
import type { SeriesState } from '../session/seriesState';
import type { ViewerSession } from '../session/viewerSession';
import { SeriesThumbnail } from './SeriesThumbnail';
import styles from '../viewer.module.css';

interface Props {
  session: ViewerSession;
  contents: ReadonlyMap<string, SeriesState>;
  /** False until the first image is on screen: previews must not delay it. */
  showThumbnails: boolean;
  shownInActive: string | null;
  onShow: (seriesInstanceUID: string) => void;
  /** The « Images clés » entry, listed first; the KO series it comes from are not listed. */
  keyImages?: ReactNode;
}

export function SeriesPanel({
  session,
  contents,
  showThumbnails,
  shownInActive,
  onShow,
  keyImages,
}: Props) {
  const { t } = useTranslation();
  const { study, progress } = session;
  return (
    <nav className={styles.seriesPanel} aria-label={t('viewer.series.title')}>
      <h2 className={styles.panelTitle}>{t('viewer.series.title')}</h2>
      <ul className={styles.seriesList}>
        {keyImages}
        {orderForPanel(study.series.filter((x) => x.modality !== 'KO')).map((s) => {
          const content = contents.get(s.seriesInstanceUID);
          const ready = content?.state === 'ready' ? content.series : null;
          const middleIndex = ready ? Math.floor(ready.frames.length / 2) : -1;
          const middle = ready?.frames[middleIndex];
          const image = isImageModality(s.modality);
          const kind = derivedKind(s.modality);
          // A SEG, RTSTRUCT or RTDOSE: shown over its series, alone, or saying why it is not.
          const derived =
            content?.state === 'declined' ||
            content?.state === 'overlay' ||
            content?.state === 'alone';
          const label = t('viewer.series.item', {
            number: s.seriesNumber ?? '—',
            modality: s.modality || '—',
            description: s.description || t('viewer.series.noDescription'),
          });
          return (
            <li key={s.seriesInstanceUID}>
              <button
                type="button"
                className={styles.seriesButton}
                aria-pressed={shownInActive === s.seriesInstanceUID}
                disabled={!(image && ready) && !derived}
                onClick={() => onShow(s.seriesInstanceUID)}
                data-testid={`series-${s.seriesInstanceUID}`}
                title={image || kind ? t('viewer.series.showIn') : t('viewer.series.notImage')}
              >
                {image && showThumbnails ? (
                  <SeriesThumbnail
                    instance={
                      middle
                        ? {
                            sourceId: study.source.id,
                            studyInstanceUID: study.studyInstanceUID,
                            seriesInstanceUID: s.seriesInstanceUID,
                            sopInstanceUID: middle.sopInstanceUID,
                          }
                        : null
                    }
                    imageId={ready?.imageIds[middleIndex] ?? null}
                    alt={t('viewer.series.thumbnailAlt', { number: s.seriesNumber ?? '—' })}
                    fallback={s.modality}
                  />
                ) : (
                  <span className={styles.thumbnail} aria-hidden="true">
                    {s.modality}
                  </span>
                )}
                <span className={styles.seriesText}>
                  <span>{label}</span>
                  <span className={styles.muted}>
                    {content?.state === 'otherPatient'
                      ? t('viewer.isolation.seriesOtherPatientShort')
                      : image
                        ? t('viewer.series.count', {
                            count: ready?.frames.length ?? s.numberOfInstances ?? 0,
                          })
                        : kind
                          ? t(`derived.kind.${kind}`)
                          : t('viewer.series.notImage')}
                  </span>
                  <SeriesProgressRow store={progress} seriesInstanceUID={s.seriesInstanceUID} />
                </span>
              </button>
              <SegmentList seriesInstanceUID={s.seriesInstanceUID} state={content} />
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/** A series' background-loading bar: re-rendered alone as the load moves. */
function SeriesProgressRow({
  store,
  seriesInstanceUID,
}: {
  store: SeriesProgressStore;
  seriesInstanceUID: string;
}) {
  const { t } = useTranslation();
  const p = useSeriesProgress(store, seriesInstanceUID);
  if (!p) return null;
  return (
    <span className={styles.progressRow}>
      <progress
        max={p.total}
        value={p.loaded}
        aria-label={t('viewer.series.progress', { loaded: p.loaded, total: p.total })}
        data-testid={`series-progress-${seriesInstanceUID}`}
        data-complete={p.loaded + p.failed >= p.total}
      />
      <span className={styles.muted}>
        {p.loaded >= p.total
          ? t('viewer.series.loaded')
          : t('viewer.series.progress', { loaded: p.loaded, total: p.total })}
      </span>
    </span>
  );
}

// One view in compare mode: a stack view under a header that says whose study it is (the
// current's, or a prior's with the menu that re-pairs it), or, for a prior that is still
// opening or could not be opened, that said in French in its place — its failure never
// reaches the current study's views.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { isImageModality } from '../../../domain/dicom/modalities';
import type { ViewerEngine } from '../../../lib/cornerstone/renderingEngine';
import { StackPane } from '../components/StackPane';
import type { SeriesState } from '../session/seriesState';
import { useSessionValue } from '../session/useViewerSession';
import type { ViewerSession } from '../session/viewerSession';
import type { PlannedPane } from './panePlan';
import { PaneHeader, type StudyTone } from './PaneHeader';
import type { PriorState } from './usePriorSession';
import styles from '../viewer.module.css';

interface Props {
  engine: ViewerEngine;
  pane: PlannedPane;
  index: number;
  active: boolean;
  onActivate: () => void;
  /** The prior this view shows (undefined: the current study). */
  prior: PriorState | undefined;
  state: SeriesState | null;
  /** « Actuel — 12/03/2026 », « Antérieur 1 — … ». */
  title: string;
  currentSession: ViewerSession;
  onCurrentRendered: () => void;
  onChooseSeries: (seriesInstanceUID: string) => void;
  onDropSeries: (payload: string) => void;
}

const toneOf = (study: number): StudyTone =>
  study === 0 ? 'current' : study === 1 ? 'prior1' : 'prior2';

export function ComparedPane(p: Props) {
  const { t } = useTranslation();
  const { pane, prior } = p;
  const tone = toneOf(pane.study);
  const place = pane.label
    ? t(`viewer.compare.place.${pane.label}`, { defaultValue: pane.label })
    : null;
  const priorSession = prior?.kind === 'open' ? prior.session : null;
  const preview = useSessionValue(priorSession, (s) => s.preview, null);
  const onPriorRendered = useCallback(() => priorSession?.firstImageSettled(), [priorSession]);
  const label = place ? `${p.title} — ${place}` : p.title;

  if (pane.study > 0 && prior?.kind !== 'open') {
    const failure = prior?.kind === 'failed' ? prior.failure : null;
    const message = failure
      ? failure.kind === 'sourcesDown'
        ? t('viewer.compare.failed.sourcesDown', { reason: t(`failure.${failure.reason}`) })
        : t(`viewer.compare.failed.${failure.kind}`)
      : prior?.kind === 'noImage'
        ? t('viewer.compare.noImage')
        : t('viewer.compare.openingPrior');
    return (
      <section
        className={`${styles.pane} ${p.active ? styles.paneActive : ''}`}
        aria-label={label}
        data-testid={pane.testId}
        data-viewport-id={pane.viewportId}
        data-render-state={failure || prior?.kind === 'noImage' ? 'error' : 'loading'}
        data-prior-state={prior?.kind ?? 'none'}
        data-place={pane.label}
        onPointerDown={p.onActivate}
      >
        <PaneHeader tone={tone} title={p.title} place={place} testId={pane.testId} />
        <div className={styles.paneBody}>
          <p
            className={failure ? styles.paneError : styles.paneMessage}
            role={failure ? 'alert' : 'status'}
            data-testid={`${pane.testId}-message`}
          >
            {message}
          </p>
        </div>
      </section>
    );
  }

  const choices =
    prior?.kind === 'open'
      ? {
          series: prior.study.series.filter((s) => isImageModality(s.modality)),
          value: pane.seriesUID,
          onChange: p.onChooseSeries,
        }
      : undefined;
  const firstOfSession =
    pane.study === 0 ? p.currentSession.firstSeriesUID : priorSession?.firstSeriesUID;
  return (
    <StackPane
      engine={p.engine}
      viewportId={pane.viewportId}
      index={p.index}
      testId={pane.testId}
      sliderTestId={pane.sliderTestId}
      label={label}
      content={p.state}
      active={p.active}
      onActivate={p.onActivate}
      onRendered={pane.study === 0 ? p.onCurrentRendered : onPriorRendered}
      onFailed={pane.study === 0 ? p.onCurrentRendered : onPriorRendered}
      flips={pane}
      place={pane.label}
      studyTone={tone}
      emptyMessage={pane.study > 0 ? t('viewer.compare.noPair') : undefined}
      preview={
        pane.study > 0 && pane.image === null && pane.seriesUID === firstOfSession ? preview : null
      }
      header={
        <PaneHeader
          tone={tone}
          title={p.title}
          place={place}
          testId={pane.testId}
          {...(choices ? { choices } : {})}
        />
      }
      {...(pane.study > 0 ? { onDropSeries: p.onDropSeries } : {})}
    />
  );
}

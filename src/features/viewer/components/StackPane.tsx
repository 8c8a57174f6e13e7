// One view showing a series as a stack: its viewport (hooks/useStackViewport.ts), the
// overlay and slice slider over it, and what it says when it cannot draw. What the toolbar
// and keyboard do to it are functions on its viewport (lib/cornerstone/viewportCommands.ts),
// called by the workspace on the active view.
import { useEffect, useRef, useState, type DragEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ViewerEngine } from '../../../lib/cornerstone/renderingEngine';
import { stackViewportOf } from '../../../lib/cornerstone/stackViewport';
import { AS_STORED, goTo, type Flips } from '../../../lib/cornerstone/viewportCommands';
import { DerivedAloneView } from '../derived/DerivedAloneView';
import { DerivedOverlayLayer } from '../derived/DerivedOverlayLayer';
import { useStackViewport } from '../hooks/useStackViewport';
import { FirstImagePreview } from '../preview/FirstImagePreview';
import type { SeriesState } from '../session/seriesState';
import { ViewportOverlay } from './ViewportOverlay';
import styles from '../viewer.module.css';

type RenderState = 'empty' | 'loading' | 'rendered' | 'error';

interface Props {
  engine: ViewerEngine;
  viewportId: string;
  index: number;
  content: SeriesState | null;
  active: boolean;
  onActivate: () => void;
  /** Called each time the view draws an image (the workspace waits for the first one). */
  onRendered?: () => void;
  /** Called when the view cannot show an image: the workspace stops waiting for one. */
  onFailed?: () => void;
  /** The source's rendering of the image this view opens on, shown until it is drawn. */
  preview?: ImageBitmap | null;
  /** Its name for the e2e specs (`viewport-N` unless said). */
  testId?: string;
  /** Its slice slider's name for the e2e specs (`slice-slider-N` unless said). */
  sliderTestId?: string;
  /** How it is named to a screen reader (« Vue N » unless said). */
  label?: string;
  /** How it hangs its images (a hanging protocol's mirrored mammogram). */
  flips?: Flips;
  /** The protocol's name for its place (« RCC »), said in the DOM for the e2e specs. */
  place?: string | null;
  /** Above the image: in a comparison, which study this is and when (compare/PaneHeader.tsx). */
  header?: ReactNode;
  /** Which study it shows, for the colour cue that doubles the header's words. */
  studyTone?: 'current' | 'prior1' | 'prior2';
  /** What it says with no series to show (« Vue vide — choisissez une série » unless said). */
  emptyMessage?: string;
  /** A series dragged onto it (a prior's series list): the drag's payload. */
  onDropSeries?: (payload: string) => void;
}

/** The drag payload's type: a series of a prior, dropped onto a view to re-pair it. */
export const SERIES_DRAG_TYPE = 'application/x-drim-series';

export function StackPane({
  engine,
  viewportId,
  index,
  content,
  active,
  onActivate,
  onRendered,
  onFailed,
  preview = null,
  testId,
  sliderTestId,
  label: labelGiven,
  flips = AS_STORED,
  place,
  header,
  studyTone,
  emptyMessage,
  onDropSeries,
}: Props) {
  const { t } = useTranslation();
  const elementRef = useRef<HTMLDivElement>(null);
  const [dropping, setDropping] = useState(false);
  // A derived object (SEG, RTSTRUCT, RTDOSE) shows the series it lies over, drawn over.
  const series = content?.state === 'ready' || content?.state === 'overlay' ? content.series : null;
  // Or alone, on its own geometry, when that series is not in the study.
  const alone = content?.state === 'alone' ? content : null;
  const [aloneDrawn, setAloneDrawn] = useState<unknown>(null);
  const {
    view,
    rendered,
    failure: error,
  } = useStackViewport(engine, viewportId, elementRef, series, onRendered, flips);
  // A derived object that cannot be drawn says why (features/viewer/derived).
  const declined = content?.state === 'declined' ? content.problem : null;
  // Another person's images under this series UID: said, never drawn.
  const otherPatient = content?.state === 'otherPatient';
  // Its image failed, its series has none or could not be read, or it is explained rather
  // than drawn: this view will not draw.
  const cannotShow =
    declined !== null ||
    otherPatient ||
    error !== null ||
    content?.state === 'failed' ||
    content?.state === 'empty';
  useEffect(() => {
    if (cannotShow) onFailed?.();
  }, [cannotShow, onFailed]);
  const renderState: RenderState =
    declined || otherPatient
      ? 'error'
      : alone
        ? aloneDrawn === alone
          ? 'rendered'
          : 'loading'
        : !series
          ? 'empty'
          : error
            ? 'error'
            : rendered
              ? 'rendered'
              : 'loading';

  const label = labelGiven ?? t('viewer.overlay.viewport', { index: index + 1 });
  const accepts = (e: DragEvent) =>
    onDropSeries !== undefined && e.dataTransfer.types.includes(SERIES_DRAG_TYPE);
  let message: string | null = null;
  if (!content) message = emptyMessage ?? t('viewer.overlay.empty');
  else if (content.state === 'loading' || (series && renderState === 'loading'))
    message = t('viewer.overlay.loading');
  else if (content.state === 'failed') message = t('viewer.error.metadata', { reason: '' });
  else if (content.state === 'empty') message = t('viewer.error.noImage');
  if (error) message = t(`viewer.error.${error}`);
  if (declined) message = t(`derived.problem.${declined}`);
  if (otherPatient) message = t('viewer.isolation.seriesOtherPatient');
  const showPreview =
    preview !== null &&
    (content?.state === 'loading' || (series !== null && renderState === 'loading'));
  if (showPreview) message = null;

  return (
    <section
      className={`${styles.pane} ${active ? styles.paneActive : ''} ${dropping ? styles.paneDropping : ''}`}
      aria-label={label}
      data-testid={testId ?? `viewport-${index}`}
      data-viewport-id={viewportId}
      data-render-state={renderState}
      data-image-index={view?.imageIndex ?? ''}
      data-tone={studyTone}
      data-place={place}
      data-hung={`${flips.flipHorizontal ? 'h' : ''}${flips.flipVertical ? 'v' : ''}`}
      onPointerDown={onActivate}
      onFocus={onActivate}
      onDragOver={(e) => {
        if (!accepts(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'link';
        setDropping(true);
      }}
      onDragLeave={() => setDropping(false)}
      onDrop={(e) => {
        setDropping(false);
        if (!accepts(e)) return;
        e.preventDefault();
        onDropSeries?.(e.dataTransfer.getData(SERIES_DRAG_TYPE));
      }}
    >
      {header}
      <div className={styles.paneBody}>
        {/* Cornerstone draws into this element; keyboard focus stays on the workspace. */}
        <div
          ref={elementRef}
          className={styles.canvasHost}
          // The series shown before stays in Cornerstone's viewport: not under this message.
          style={declined || otherPatient || alone ? { visibility: 'hidden' } : undefined}
          onContextMenu={(e) => e.preventDefault()}
        />
        {content?.state === 'overlay' && (
          <DerivedOverlayLayer
            engine={engine}
            viewportId={viewportId}
            host={elementRef}
            seriesInstanceUID={content.seriesInstanceUID}
            content={content.derived}
            overName={`${content.series.summary.modality} ${content.series.summary.description}`.trim()}
          />
        )}
        {alone && (
          <DerivedAloneView
            seriesInstanceUID={alone.seriesInstanceUID}
            content={alone.derived}
            onRendered={() => {
              setAloneDrawn(alone);
              onRendered?.();
            }}
          />
        )}
        {showPreview && preview && <FirstImagePreview bitmap={preview} />}
        {series && view && <ViewportOverlay series={series} view={view} />}
        {series && view && view.imageCount > 1 && (
          <input
            type="range"
            className={styles.sliceSlider}
            min={1}
            max={view.imageCount}
            value={view.imageIndex + 1}
            aria-label={t('viewer.tools.slice')}
            aria-valuetext={t('viewer.overlay.slice', {
              index: view.imageIndex + 1,
              count: view.imageCount,
            })}
            onChange={(e) => {
              const vp = stackViewportOf(engine, viewportId);
              if (vp) goTo(vp, Number(e.target.value) - 1);
            }}
            data-testid={sliderTestId ?? `slice-slider-${index}`}
          />
        )}
        {message && (
          <p
            className={error || declined || otherPatient ? styles.paneError : styles.paneMessage}
            role={error || declined || otherPatient ? 'alert' : 'status'}
          >
            {message}
          </p>
        )}
      </div>
    </section>
  );
}

// The text around an image: who, which study and series, where in the stack, how it is
// windowed and zoomed, the orientation letters and a scale bar. Everything comes from
// the series' own metadata and is rendered as React text — descriptions with markup in
// them are shown as the characters they are.
import { useTranslation } from 'react-i18next';
import {
  edgeMarkers,
  orientationVectors,
  type Vec3,
} from '../../../domain/viewer/orientationMarkers';
import { scaleBarFor } from '../../../domain/viewer/scaleBar';
import { windowOfRange } from '../../../domain/viewer/windowPresets';
import type { StackViewState } from '../../../lib/cornerstone/stackViewport';
import type { LoadedSeries } from '../session/seriesState';
import styles from '../viewer.module.css';
import { mediumDate } from '../../../domain/dateText';
import { nuclearOverlayText } from './nuclearOverlayText';

const SCALE_BAR_MAX_PX = 120;

function vec(v: readonly number[] | null): Vec3 | null {
  if (!v || v.length < 3) return null;
  return [v[0] ?? 0, v[1] ?? 0, v[2] ?? 0];
}

function cross(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

export function ViewportOverlay({ series, view }: { series: LoadedSeries; view: StackViewState }) {
  const { t, i18n } = useTranslation();
  const facts = series.facts;
  const frame = series.frames[view.imageIndex];
  const number = (n: number, digits = 0) =>
    n.toLocaleString(i18n.language, {
      maximumFractionDigits: digits,
      minimumFractionDigits: digits,
    });

  // Orientation letters only when the image says how it lies in the patient.
  const up = vec(view.viewUp);
  const normal = vec(view.viewPlaneNormal);
  const hasOrientation = orientationVectors(frame?.imageOrientationPatient) !== null;
  const markers =
    hasOrientation && up && normal
      ? edgeMarkers(cross(up, normal), [-up[0], -up[1], -up[2]])
      : null;

  let positionMm: number | null = null;
  const iop = orientationVectors(frame?.imageOrientationPatient);
  const ipp = frame?.imagePositionPatient;
  if (iop && ipp && ipp.length >= 3) {
    const n = cross(iop[0], iop[1]);
    positionMm = (ipp[0] ?? 0) * n[0] + (ipp[1] ?? 0) * n[1] + (ipp[2] ?? 0) * n[2];
  }

  const mmPerPx =
    facts.scale.kind !== 'none' && view.parallelScale && view.heightPx > 0
      ? (2 * view.parallelScale) / view.heightPx
      : null;
  const bar = mmPerPx ? scaleBarFor(mmPerPx, SCALE_BAR_MAX_PX) : null;
  const window = view.voi ? windowOfRange(view.voi) : null;
  const nuclear = nuclearOverlayText(t, i18n.language, series.nuclear, view.imageIndex, view.voi);
  const born = mediumDate(facts.patientBirthDate, i18n.language);

  return (
    <div className={styles.overlay} data-testid="viewport-overlay">
      <div className={styles.topLeft}>
        <span data-testid="overlay-patient">{facts.patientName}</span>
        {born && (
          <span>
            {facts.patientSex === 'F'
              ? t('viewer.overlay.bornF', { date: born })
              : facts.patientSex === 'M'
                ? t('viewer.overlay.bornM', { date: born })
                : t('viewer.overlay.bornUnknown', { date: born })}
          </span>
        )}
        <span data-testid="overlay-study">
          {[mediumDate(facts.studyDate, i18n.language), facts.studyDescription]
            .filter(Boolean)
            .join(' — ')}
        </span>
        {/* Under the study's lines, in their column: over the image it hid them. */}
        {facts.scale.kind !== 'patient' && (
          <p className={styles.scaleWarning} role="note" data-testid="scale-warning">
            {t(`viewer.scale.${facts.scale.kind}`)}
          </p>
        )}
      </div>
      <div className={styles.topRight}>
        <span data-testid="overlay-series">
          {t('viewer.overlay.series', {
            number: series.summary.seriesNumber ?? '—',
            description: facts.seriesDescription || series.summary.description,
          })}
        </span>
        <span>{facts.modality}</span>
        {nuclear.unit && <span data-testid="overlay-pet-unit">{nuclear.unit}</span>}
        {nuclear.frame && <span data-testid="overlay-nm-frame">{nuclear.frame}</span>}
        {nuclear.unavailable && (
          <p className={styles.scaleWarning} role="note" data-testid="overlay-suv-unavailable">
            {nuclear.unavailable}
          </p>
        )}
      </div>
      <div className={styles.bottomLeft}>
        <span data-testid="overlay-slice">
          {t('viewer.overlay.slice', { index: view.imageIndex + 1, count: view.imageCount })}
        </span>
        {positionMm !== null && (
          <span>{t('viewer.overlay.position', { mm: number(positionMm, 1) })}</span>
        )}
      </div>
      <div className={styles.bottomRight}>
        {window && (
          <span data-testid="overlay-window">
            {nuclear.window ??
              t('viewer.overlay.window', {
                width: number(window.width),
                center: number(window.center),
              })}
          </span>
        )}
        <span data-testid="overlay-zoom">
          {t('viewer.overlay.zoom', { zoom: number(view.zoom, 2) })}
        </span>
      </div>
      {markers && (
        <>
          <span className={`${styles.marker} ${styles.markerTop}`} data-testid="marker-top">
            {markers.top}
          </span>
          <span className={`${styles.marker} ${styles.markerBottom}`} data-testid="marker-bottom">
            {markers.bottom}
          </span>
          <span className={`${styles.marker} ${styles.markerLeft}`} data-testid="marker-left">
            {markers.left}
          </span>
          <span className={`${styles.marker} ${styles.markerRight}`} data-testid="marker-right">
            {markers.right}
          </span>
        </>
      )}
      {bar && (
        <div className={styles.scaleBar} data-testid="scale-bar">
          <div className={styles.scaleBarLine} style={{ width: `${bar.px}px` }} />
          <span>{bar.label}</span>
        </div>
      )}
    </div>
  );
}

// A derived object whose series is not in the study, drawn on its own geometry over black
// (and said so): a segmentation's frames slice by slice, a dose grid frame by frame. Its
// slices are fitted to the view; the same painting as over a stack view
// (paintOverlay.ts), with a fixed mapping instead of Cornerstone's.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { doseAt } from '../../../domain/viewer/doseGrid';
import {
  imageToPatient,
  patientToImage,
  type ImagePlane,
  type Vec3,
} from '../../../domain/viewer/patientPlane';
import { planeAt, type DerivedContent } from './derivedContent';
import { DerivedInfo } from './DerivedInfo';
import { segmentDisplay, useDisplayVersion } from './overlayDisplay';
import { paintDerived } from './paintOverlay';
import styles from './Derived.module.css';

interface Props {
  seriesInstanceUID: string;
  content: DerivedContent;
  /** Called after each paint (the workspace waits for the first one). */
  onRendered?: () => void;
}

interface Extent {
  rows: number;
  columns: number;
  planes: ImagePlane[];
}

function extentOf(content: DerivedContent): Extent {
  if (content.kind === 'segmentation') {
    return { rows: content.seg.rows, columns: content.seg.columns, planes: content.ownPlanes };
  }
  if (content.kind === 'dose') {
    const { grid } = content;
    return {
      rows: grid.rows,
      columns: grid.columns,
      planes: grid.positions.map((p) => planeAt(grid.plane, p)),
    };
  }
  return { rows: 0, columns: 0, planes: [] };
}

/** Patient ↔ view (CSS px) for a plane fitted into a width × height box. */
function fit(plane: ImagePlane, extent: Extent, width: number, height: number) {
  const mmWide = extent.columns * plane.columnSpacing;
  const mmHigh = extent.rows * plane.rowSpacing;
  const scale = Math.min(width / mmWide, height / mmHigh);
  const ox = (width - mmWide * scale) / 2;
  const oy = (height - mmHigh * scale) / 2;
  return {
    toCanvas: (w: Vec3): [number, number] => {
      const [c, r] = patientToImage(w, plane);
      return [
        ox + (c + 0.5) * plane.columnSpacing * scale,
        oy + (r + 0.5) * plane.rowSpacing * scale,
      ];
    },
    toWorld: (x: number, y: number): Vec3 =>
      imageToPatient(
        (x - ox) / (plane.columnSpacing * scale) - 0.5,
        (y - oy) / (plane.rowSpacing * scale) - 0.5,
        plane,
      ),
  };
}

export function DerivedAloneView({ seriesInstanceUID, content, onRendered }: Props) {
  const { t } = useTranslation();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const hostRef = useRef<HTMLDivElement>(null);
  const version = useDisplayVersion();
  const extent = useMemo(() => extentOf(content), [content]);
  const count = extent.planes.length;
  // A dose opens on its hottest frame, a segmentation on its middle slice.
  const [index, setIndex] = useState(() => {
    if (content.kind !== 'dose') return Math.floor(count / 2);
    const size = content.grid.rows * content.grid.columns;
    return Math.min(count - 1, Math.floor(maxIndex(content.grid.values) / size));
  });
  const [probe, setProbe] = useState<number | 'outside' | null>(null);
  const [size, setSize] = useState<[number, number]>([0, 0]);
  const plane = extent.planes[index] ?? null;

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const observer = new ResizeObserver(() => setSize([host.clientWidth, host.clientHeight]));
    observer.observe(host);
    setSize([host.clientWidth, host.clientHeight]);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    const [width, height] = size;
    if (!canvas || !ctx || !plane || width === 0 || height === 0) return;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    const { toCanvas } = fit(plane, extent, width, height);
    paintDerived(ctx, content, { imageIndex: index, plane, toCanvas, ratio }, (n) =>
      segmentDisplay(seriesInstanceUID, n),
    );
    onRendered?.();
    // onRendered is the workspace's stable callback.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [content, extent, plane, index, size, version, seriesInstanceUID]);

  return (
    <div
      ref={hostRef}
      className={styles.alone}
      data-testid="derived-alone"
      data-kind={content.kind}
      data-slice-index={index}
      onPointerMove={(e) => {
        if (content.kind !== 'dose' || !plane) return;
        const box = e.currentTarget.getBoundingClientRect();
        const { toWorld } = fit(plane, extent, size[0], size[1]);
        setProbe(
          doseAt(content.grid, toWorld(e.clientX - box.left, e.clientY - box.top)) ?? 'outside',
        );
      }}
      onPointerLeave={() => setProbe(null)}
    >
      <canvas ref={canvasRef} aria-label={t(`derived.kind.${content.kind}`)} role="img" />
      <DerivedInfo content={content} over={null} probe={probe} />
      {count > 1 && (
        <input
          type="range"
          className={styles.slider}
          min={1}
          max={count}
          value={index + 1}
          aria-label={t('derived.sliceSlider')}
          aria-valuetext={t('derived.slice', { index: index + 1, count })}
          onChange={(e) => setIndex(Number(e.target.value) - 1)}
          data-testid="derived-slice-slider"
        />
      )}
    </div>
  );
}

function maxIndex(values: Float32Array): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if ((values[i] ?? 0) > (values[best] ?? 0)) best = i;
  return best;
}

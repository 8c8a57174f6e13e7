// A derived object drawn over the stack view of the series it lies on: a canvas above
// Cornerstone's, repainted after each of its renders (slice, pan, zoom, window) with the
// mapping Cornerstone uses then (lib/cornerstone/overlayGeometry.ts), and after each display
// choice of the series panel.
import { useEffect, useRef, useState, type RefObject } from 'react';
import { doseAt } from '../../../domain/viewer/doseGrid';
import type { ViewerEngine } from '../../../lib/cornerstone/renderingEngine';
import { viewGeometryOf, watchRenders } from '../../../lib/cornerstone/overlayGeometry';
import type { DerivedContent } from './derivedContent';
import { DerivedInfo } from './DerivedInfo';
import { segmentDisplay, useDisplayVersion } from './overlayDisplay';
import { paintDerived } from './paintOverlay';
import styles from './Derived.module.css';

interface Props {
  engine: ViewerEngine;
  viewportId: string;
  /** The element Cornerstone draws into (its renders are listened to there). */
  host: RefObject<HTMLDivElement | null>;
  /** The derived series (its display choices are kept under it). */
  seriesInstanceUID: string;
  content: DerivedContent;
  /** How the series it lies over is named. */
  overName: string;
}

export function DerivedOverlayLayer({
  engine,
  viewportId,
  host,
  seriesInstanceUID,
  content,
  overName,
}: Props) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const version = useDisplayVersion();
  const [probe, setProbe] = useState<number | 'outside' | null>(null);

  useEffect(() => {
    const element = host.current;
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!element || !canvas || !ctx) return;
    const paint = () => {
      const ratio = window.devicePixelRatio || 1;
      const width = Math.round(element.clientWidth * ratio);
      const height = Math.round(element.clientHeight * ratio);
      if (canvas.width !== width) canvas.width = width;
      if (canvas.height !== height) canvas.height = height;
      const g = viewGeometryOf(engine, viewportId);
      if (!g) {
        ctx.clearRect(0, 0, width, height);
        return;
      }
      paintDerived(ctx, content, { ...g, ratio }, (n) => segmentDisplay(seriesInstanceUID, n));
      canvas.dataset['imageIndex'] = String(g.imageIndex);
    };
    paint();
    return watchRenders(element, paint);
  }, [engine, viewportId, host, content, seriesInstanceUID, version]);

  useEffect(() => {
    const element = host.current;
    if (!element || content.kind !== 'dose') return;
    const move = (e: PointerEvent) => {
      const g = viewGeometryOf(engine, viewportId);
      if (!g) return;
      const box = element.getBoundingClientRect();
      const world = g.toWorld([e.clientX - box.left, e.clientY - box.top]);
      setProbe(doseAt(content.grid, world) ?? 'outside');
    };
    const leave = () => setProbe(null);
    element.addEventListener('pointermove', move);
    element.addEventListener('pointerleave', leave);
    return () => {
      element.removeEventListener('pointermove', move);
      element.removeEventListener('pointerleave', leave);
    };
  }, [engine, viewportId, host, content]);

  return (
    <>
      <canvas
        ref={canvasRef}
        className={styles.layer}
        data-testid="derived-overlay"
        data-kind={content.kind}
        aria-hidden="true"
      />
      <DerivedInfo content={content} over={overName} probe={probe} />
    </>
  );
}

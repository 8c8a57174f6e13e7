// Draws a derived object over one slice onto a 2D canvas, given where the slice lies and how
// patient points map to the canvas (CSS pixels): a label map as colour at each segment's
// opacity, contours as closed lines, a dose as a colour wash above a threshold with isodose
// lines. Framework- and Cornerstone-free: the same code draws over a stack view and alone.
import { doseSlice, isoline, jet, WASH_THRESHOLD } from '../../../domain/viewer/doseGrid';
import {
  imageToPatient,
  normalOf,
  type ImagePlane,
  type Vec3,
} from '../../../domain/viewer/patientPlane';
import {
  alongNormal,
  type DerivedContent,
  type DoseContent,
  type SegmentationContent,
  type StructureSetContent,
} from './derivedContent';
import type { SegmentDisplay } from './overlayDisplay';

export interface PaintGeometry {
  /** The slice's index in the stack it is drawn over (its own slices when alone). */
  imageIndex: number;
  /** The slice's plane; a dose is cut through it. */
  plane: ImagePlane | null;
  toCanvas: (world: Vec3) => [number, number];
  /** Device pixels per CSS pixel of the canvas drawn on. */
  ratio: number;
}

/** Isodose line colours, highest level first (95, 80, 50, 20 %). */
export const ISODOSE_COLOURS = ['#ff2020', '#ffa000', '#30d030', '#40a0ff'] as const;

/** A dose's display items: its colour wash and its isodose lines. */
export const WASH_ITEM = 0;
export const ISODOSE_ITEM = -1;

/** The display of item `n` (segment number, ROI number, or a dose's items above). */
export type DisplayOf = (n: number) => SegmentDisplay;

/** Maps the pixels of an image on `plane` (offscreen canvas coordinates) onto the canvas. */
function setPlaneTransform(
  ctx: CanvasRenderingContext2D,
  plane: ImagePlane,
  g: PaintGeometry,
): void {
  const p00 = g.toCanvas(imageToPatient(0, 0, plane));
  const p10 = g.toCanvas(imageToPatient(1, 0, plane));
  const p01 = g.toCanvas(imageToPatient(0, 1, plane));
  const a = p10[0] - p00[0];
  const b = p10[1] - p00[1];
  const c = p01[0] - p00[0];
  const d = p01[1] - p00[1];
  // Offscreen pixel (i, j) covers [i, i + 1): its centre, i + 0.5, lands on the pixel's centre.
  const e = p00[0] - 0.5 * (a + c);
  const f = p00[1] - 0.5 * (b + d);
  const r = g.ratio;
  ctx.setTransform(a * r, b * r, c * r, d * r, e * r, f * r);
}

let scratch: HTMLCanvasElement | null = null;
function scratchCanvas(width: number, height: number): CanvasRenderingContext2D | null {
  scratch ??= document.createElement('canvas');
  if (scratch.width !== width) scratch.width = width;
  if (scratch.height !== height) scratch.height = height;
  return scratch.getContext('2d');
}

function drawRgba(
  ctx: CanvasRenderingContext2D,
  rgba: ImageData,
  plane: ImagePlane,
  g: PaintGeometry,
  smooth: boolean,
): void {
  const off = scratchCanvas(rgba.width, rgba.height);
  if (!off || !scratch) return;
  off.putImageData(rgba, 0, 0);
  ctx.save();
  setPlaneTransform(ctx, plane, g);
  ctx.imageSmoothingEnabled = smooth;
  ctx.drawImage(scratch, 0, 0);
  ctx.restore();
}

function paintSegmentation(
  ctx: CanvasRenderingContext2D,
  content: SegmentationContent,
  g: PaintGeometry,
  displayOf: DisplayOf,
): void {
  const { seg } = content;
  for (const frame of content.framesBySlice.get(g.imageIndex) ?? []) {
    const info = seg.frames[frame - 1];
    const segment = seg.segments.find((s) => s.number === info?.segmentNumber);
    const plane = seg.planes[frame - 1] ?? g.plane;
    const coverage = content.coverage[frame - 1];
    if (!info || !segment || !plane || !coverage) continue;
    const display = displayOf(segment.number);
    if (!display.visible || display.opacity <= 0) continue;
    const rgba = new ImageData(seg.columns, seg.rows);
    const [r, gr, b] = segment.colorRgb;
    for (let i = 0; i < coverage.length; i++) {
      const c = coverage[i] ?? 0;
      if (c <= 0) continue;
      const o = i * 4;
      rgba.data[o] = r;
      rgba.data[o + 1] = gr;
      rgba.data[o + 2] = b;
      rgba.data[o + 3] = Math.round(255 * c * display.opacity);
    }
    drawRgba(ctx, rgba, plane, g, false);
  }
}

function paintStructureSet(
  ctx: CanvasRenderingContext2D,
  content: StructureSetContent,
  g: PaintGeometry,
  displayOf: DisplayOf,
): void {
  ctx.save();
  ctx.setTransform(g.ratio, 0, 0, g.ratio, 0, 0);
  ctx.lineWidth = 2;
  ctx.lineJoin = 'round';
  for (const [r, c] of content.contoursBySlice.get(g.imageIndex) ?? []) {
    const roi = content.set.rois[r];
    const contour = roi?.contours[c];
    if (!roi || !contour || !displayOf(roi.number).visible) continue;
    // A line at half opacity is hard to see: the slider's middle (the default) is opaque.
    ctx.globalAlpha = Math.min(1, Math.max(0.2, displayOf(roi.number).opacity * 2));
    ctx.strokeStyle = `rgb(${roi.colorRgb.join(',')})`;
    ctx.beginPath();
    contour.points.forEach((p, i) => {
      const [x, y] = g.toCanvas(p);
      if (i === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    });
    ctx.closePath();
    ctx.stroke();
  }
  ctx.restore();
}

function paintDose(
  ctx: CanvasRenderingContext2D,
  content: DoseContent,
  g: PaintGeometry,
  displayOf: DisplayOf,
): void {
  if (!g.plane) return;
  const { grid, max, levels } = content;
  const along = alongNormal(g.plane);
  const values = doseSlice(grid, along);
  if (!values || !(max.dose > 0)) return;
  const wash = displayOf(WASH_ITEM);
  if (wash.visible && wash.opacity > 0) {
    const rgba = new ImageData(grid.columns, grid.rows);
    for (let i = 0; i < values.length; i++) {
      const t = (values[i] ?? 0) / max.dose;
      if (t < WASH_THRESHOLD) continue;
      const [r, gr, b] = jet(t);
      const o = i * 4;
      rgba.data[o] = r;
      rgba.data[o + 1] = gr;
      rgba.data[o + 2] = b;
      rgba.data[o + 3] = Math.round(255 * wash.opacity);
    }
    drawRgba(ctx, rgba, grid.plane, g, false);
  }
  // Isodose lines through the cut plane: grid (column, row) → patient, on the cut plane.
  const shift = along - alongNormal(grid.plane);
  const normal = normalOf(grid.plane);
  const toCanvas = (c: number, r: number) => {
    const p = imageToPatient(c, r, grid.plane);
    return g.toCanvas([
      p[0] + normal[0] * shift,
      p[1] + normal[1] * shift,
      p[2] + normal[2] * shift,
    ]);
  };
  if (!displayOf(ISODOSE_ITEM).visible) return;
  ctx.save();
  ctx.setTransform(g.ratio, 0, 0, g.ratio, 0, 0);
  ctx.lineWidth = 1.5;
  levels.forEach((level, i) => {
    ctx.strokeStyle = ISODOSE_COLOURS[i] ?? '#ffffff';
    ctx.beginPath();
    for (const [[c0, r0], [c1, r1]] of isoline(values, grid.columns, grid.rows, level.dose)) {
      const [x0, y0] = toCanvas(c0, r0);
      const [x1, y1] = toCanvas(c1, r1);
      ctx.moveTo(x0, y0);
      ctx.lineTo(x1, y1);
    }
    ctx.stroke();
  });
  ctx.restore();
}

/** Clears the canvas and draws the object over the slice `g` describes. */
export function paintDerived(
  ctx: CanvasRenderingContext2D,
  content: DerivedContent,
  g: PaintGeometry,
  displayOf: DisplayOf,
): void {
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  if (content.kind === 'segmentation') paintSegmentation(ctx, content, g, displayOf);
  else if (content.kind === 'structureSet') paintStructureSet(ctx, content, g, displayOf);
  else paintDose(ctx, content, g, displayOf);
}

// What a view needs to draw a derived object over its referenced series (or alone, on its
// own geometry): the object as read (domain/viewer/derivedObjects.ts), its pixel data, and
// where each frame or contour lies in the referenced stack — all worked out once, when the
// object is loaded, so drawing a slice only looks things up.
import {
  doseStoredValues,
  segFrameCoverage,
  type DoseObject,
  type SegmentationObject,
  type StructureSetObject,
} from '../../../domain/viewer/derivedObjects';
import { sliceOfContour } from '../../../domain/viewer/contourGeometry';
import {
  framePositions,
  isodoseLevels,
  maxDose,
  scaledDoses,
  type DoseGrid,
  type IsodoseLevel,
} from '../../../domain/viewer/doseGrid';
import {
  dot,
  imagePlaneOf,
  imageToPatient,
  normalOf,
  type ImagePlane,
  type Vec3,
} from '../../../domain/viewer/patientPlane';
import { mapSegFrames, sliceTolerance } from '../../../domain/viewer/segmentationFrames';
import { DerivedObjectError } from '../../../domain/viewer/derivedObjects';
import type { LoadedSeries } from '../session/seriesState';

export interface SegmentationContent {
  kind: 'segmentation';
  seg: SegmentationObject;
  /** Coverage 0–1 of each frame (index = frame − 1). */
  coverage: Float32Array[];
  /** Frames (1-based) drawn over each slice of the referenced stack; empty when alone. */
  framesBySlice: Map<number, number[]>;
  /** Frames that lie on no slice of the referenced series: not drawn, said. */
  unmatched: number;
  /** Alone (no referenced series): the planes its frames lie on, one per slice. */
  ownPlanes: ImagePlane[];
}

export interface StructureSetContent {
  kind: 'structureSet';
  set: StructureSetObject;
  /** Index of [roi, contour] pairs drawn over each slice. */
  contoursBySlice: Map<number, [number, number][]>;
  /** Contours that lie on no slice: not drawn, said. */
  unplaced: number;
}

export interface DoseContent {
  kind: 'dose';
  dose: DoseObject;
  grid: DoseGrid;
  max: { dose: number; at: Vec3 };
  levels: IsodoseLevel[];
}

export type DerivedContent = SegmentationContent | StructureSetContent | DoseContent;

/** Where a referenced series' slices lie: their planes (spacing 1 when unknown, unused here). */
function slicePlanes(series: LoadedSeries): { sopInstanceUID: string; plane: ImagePlane | null }[] {
  return series.frames.map((f) => ({
    sopInstanceUID: f.sopInstanceUID,
    plane: imagePlaneOf(f.imagePositionPatient, f.imageOrientationPatient, [1, 1]),
  }));
}

export function segmentationContent(
  seg: SegmentationObject,
  pixelData: Uint8Array,
  referenced: LoadedSeries | null,
): SegmentationContent {
  const coverage = seg.frames.map((f) => segFrameCoverage(pixelData, seg, f.frame));
  const framesBySlice = new Map<number, number[]>();
  let unmatched = 0;
  if (referenced) {
    const planes = slicePlanes(referenced);
    const first = planes.find((p) => p.plane)?.plane ?? null;
    const normal: Vec3 = first ? normalOf(first) : [0, 0, 1];
    const slices = planes.map((p) => ({
      sopInstanceUID: p.sopInstanceUID,
      position: p.plane?.position ?? null,
    }));
    const mapping = mapSegFrames(seg.frames, slices, normal, sliceTolerance(slices, normal));
    for (const m of mapping.matches) {
      const list = framesBySlice.get(m.slice) ?? [];
      list.push(m.frame);
      framesBySlice.set(m.slice, list);
    }
    unmatched = mapping.unmatched.length;
    if (mapping.matches.length === 0) throw new DerivedObjectError('noFrames');
    return { kind: 'segmentation', seg, coverage, framesBySlice, unmatched, ownPlanes: [] };
  }
  // Alone: its frames grouped by the plane they lie on, in order along the normal.
  const groups = new Map<string, { along: number; plane: ImagePlane; frames: number[] }>();
  seg.frames.forEach((f, i) => {
    const plane = seg.planes[i];
    if (!plane) return;
    const along = alongNormal(plane);
    const key = along.toFixed(2);
    const group = groups.get(key) ?? { along, plane, frames: [] };
    group.frames.push(f.frame);
    groups.set(key, group);
  });
  const ordered = [...groups.values()].sort((a, b) => a.along - b.along);
  ordered.forEach((g, i) => framesBySlice.set(i, g.frames));
  return {
    kind: 'segmentation',
    seg,
    coverage,
    framesBySlice,
    unmatched,
    ownPlanes: ordered.map((g) => g.plane),
  };
}

export function structureSetContent(
  set: StructureSetObject,
  referenced: LoadedSeries,
): StructureSetContent {
  const planes = slicePlanes(referenced);
  const first = planes.find((p) => p.plane)?.plane ?? null;
  const normal: Vec3 = first ? normalOf(first) : [0, 0, 1];
  const tolerance = sliceTolerance(
    planes.map((p) => ({ sopInstanceUID: p.sopInstanceUID, position: p.plane?.position ?? null })),
    normal,
  );
  const contoursBySlice = new Map<number, [number, number][]>();
  let unplaced = 0;
  set.rois.forEach((roi, r) => {
    roi.contours.forEach((contour, c) => {
      const slice = sliceOfContour(contour, planes, tolerance);
      if (slice === null) {
        unplaced++;
        return;
      }
      const list = contoursBySlice.get(slice) ?? [];
      list.push([r, c]);
      contoursBySlice.set(slice, list);
    });
  });
  return { kind: 'structureSet', set, contoursBySlice, unplaced };
}

export function doseContent(dose: DoseObject, pixelData: Uint8Array): DoseContent {
  const values = scaledDoses(doseStoredValues(pixelData, dose), dose.scaling);
  if (!values) throw new DerivedObjectError('noScaling');
  const grid: DoseGrid = {
    plane: dose.plane,
    rows: dose.rows,
    columns: dose.columns,
    positions: framePositions(dose.offsets, dose.plane),
    values,
  };
  const { dose: maximum, index } = maxDose(grid);
  const size = dose.rows * dose.columns;
  const frame = Math.floor(index / size);
  const inFrame = index % size;
  const inPlane = imageToPatient(
    inFrame % dose.columns,
    Math.floor(inFrame / dose.columns),
    dose.plane,
  );
  const n = normalOf(dose.plane);
  const shift = (grid.positions[frame] ?? 0) - alongNormal(dose.plane);
  const at: Vec3 = [
    inPlane[0] + n[0] * shift,
    inPlane[1] + n[1] * shift,
    inPlane[2] + n[2] * shift,
  ];
  return {
    kind: 'dose',
    dose,
    grid,
    max: { dose: maximum, at },
    levels: isodoseLevels(maximum, null),
  };
}

/** Where a plane lies along its normal (mm). */
export function alongNormal(plane: ImagePlane): number {
  return dot(plane.position, normalOf(plane));
}

/** The plane moved along its normal to lie `along` mm from the origin. */
export function planeAt(plane: ImagePlane, along: number): ImagePlane {
  const n = normalOf(plane);
  const shift = along - alongNormal(plane);
  const p = plane.position;
  return { ...plane, position: [p[0] + n[0] * shift, p[1] + n[1] * shift, p[2] + n[2] * shift] };
}

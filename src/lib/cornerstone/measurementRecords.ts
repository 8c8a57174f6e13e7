// The measurements on screen, read back from Cornerstone's annotation state for the
// comparison list (lengths and ROI areas made on one study and on another). Cornerstone
// keeps every view's annotations in one global state: each names the image it was drawn on,
// which tells whose study it belongs to.
import { eventTarget } from '@cornerstonejs/core';
import {
  EllipticalROITool,
  Enums as ToolEnums,
  LengthTool,
  RectangleROITool,
  annotation,
} from '@cornerstonejs/tools';

export type MeasurementKind = 'length' | 'area';

export interface MeasurementRecord {
  uid: string;
  kind: MeasurementKind;
  /** The image it was drawn on (a frame's `wadors:` image id). */
  imageId: string;
  /** mm for a length, mm² for an area; null until computed, or without a scale. */
  value: number | null;
  /** As Cornerstone states it: 'mm', 'mm²', or 'px' for an image without a scale. */
  unit: string;
}

const KIND_OF_TOOL: Readonly<Record<string, MeasurementKind>> = {
  [LengthTool.toolName]: 'length',
  [EllipticalROITool.toolName]: 'area',
  [RectangleROITool.toolName]: 'area',
};

interface StatsLike {
  length?: unknown;
  unit?: unknown;
  area?: unknown;
  areaUnit?: unknown;
  isEmptyArea?: unknown;
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Lengths and ROI areas, in the order they were made. */
export function readMeasurements(): MeasurementRecord[] {
  const out: MeasurementRecord[] = [];
  for (const a of annotation.state.getAllAnnotations()) {
    const kind = KIND_OF_TOOL[a.metadata?.toolName ?? ''];
    const imageId = a.metadata?.referencedImageId;
    if (!kind || !imageId || !a.annotationUID) continue;
    const cached = (a.data as { cachedStats?: Record<string, StatsLike> }).cachedStats ?? {};
    const stats = Object.values(cached)[0] ?? {};
    const value =
      kind === 'length'
        ? finite(stats.length)
          ? stats.length
          : null
        : finite(stats.area) && stats.isEmptyArea !== true
          ? stats.area
          : null;
    const unit = kind === 'length' ? stats.unit : stats.areaUnit;
    out.push({
      uid: a.annotationUID,
      kind,
      imageId,
      value,
      unit: typeof unit === 'string' ? unit : '',
    });
  }
  return out;
}

const CHANGES = [
  ToolEnums.Events.ANNOTATION_COMPLETED,
  ToolEnums.Events.ANNOTATION_MODIFIED,
  ToolEnums.Events.ANNOTATION_REMOVED,
];

/**
 * Calls `changed` once per animation frame at most while measurements are made, moved or
 * removed (a handle dragged fires an event at every mouse move).
 */
export function watchMeasurements(changed: () => void): () => void {
  let frame: number | null = null;
  const onChange = () => {
    if (frame !== null) return;
    frame = requestAnimationFrame(() => {
      frame = null;
      changed();
    });
  };
  for (const name of CHANGES) eventTarget.addEventListener(name, onChange);
  return () => {
    if (frame !== null) cancelAnimationFrame(frame);
    for (const name of CHANGES) eventTarget.removeEventListener(name, onChange);
  };
}

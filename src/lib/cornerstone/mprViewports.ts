// Axial, sagittal and coronal reformats of a CT/MR series, linked by crosshairs. The volume
// is built from the series' frames as they are in the image cache, so entering MPR after
// the series has loaded in the background costs little.
import { Enums, setVolumesForViewports, volumeLoader, type Types } from '@cornerstonejs/core';
import { ToolGroupManager } from '@cornerstonejs/tools';
import type { ViewerEngine } from './renderingEngine';
import { MPR_TOOL_GROUP } from './viewerTools';

export const MPR_PLANES = ['axial', 'sagittal', 'coronal'] as const;
export type MprPlane = (typeof MPR_PLANES)[number];

const ORIENTATION: Readonly<Record<MprPlane, Enums.OrientationAxis>> = {
  axial: Enums.OrientationAxis.AXIAL,
  sagittal: Enums.OrientationAxis.SAGITTAL,
  coronal: Enums.OrientationAxis.CORONAL,
};

export function mprViewportId(plane: MprPlane): string {
  return `drim-mpr-${plane}`;
}

export interface MprSeries {
  seriesInstanceUID: string;
  imageIds: string[];
}

/**
 * Shows the series in the three planes' elements; `rendered` once the sagittal plane (the
 * one that needs the whole volume) is drawn. Returns what takes the views down.
 */
export function showMpr(
  engine: ViewerEngine,
  elements: Readonly<Partial<Record<MprPlane, HTMLDivElement | null>>>,
  series: MprSeries,
  events: { rendered: () => void; failed: () => void },
): () => void {
  let cancelled = false;
  const ids = MPR_PLANES.map(mprViewportId);
  for (const plane of MPR_PLANES) {
    const element = elements[plane];
    if (!element) continue;
    engine.enableElement({
      viewportId: mprViewportId(plane),
      element,
      type: Enums.ViewportType.ORTHOGRAPHIC,
      defaultOptions: { orientation: ORIENTATION[plane], background: [0, 0, 0] },
    });
  }
  const group = ToolGroupManager.getToolGroup(MPR_TOOL_GROUP);
  for (const id of ids) group?.addViewport(id, engine.id);

  const volumeId = `cornerstoneStreamingImageVolume:${series.seriesInstanceUID}`;
  // Renders before the volume is set (a resize meanwhile) draw an empty plane: not counted.
  let volumeShown = false;
  const onRendered = () => {
    if (volumeShown && !cancelled) events.rendered();
  };
  const sagittal = elements.sagittal;
  sagittal?.addEventListener(Enums.Events.IMAGE_RENDERED, onRendered);
  (async () => {
    const volume = (await volumeLoader.createAndCacheVolume(volumeId, {
      imageIds: series.imageIds,
    })) as Types.IStreamingImageVolume;
    if (cancelled) return;
    volume.load();
    await setVolumesForViewports(engine, [{ volumeId }], ids);
    volumeShown = true;
    if (!cancelled) engine.renderViewports(ids);
  })().catch(() => {
    if (!cancelled) events.failed();
  });
  const resize = new ResizeObserver(() => engine.resize(true, true));
  for (const plane of MPR_PLANES) {
    const element = elements[plane];
    if (element) resize.observe(element);
  }
  return () => {
    cancelled = true;
    resize.disconnect();
    sagittal?.removeEventListener(Enums.Events.IMAGE_RENDERED, onRendered);
    group?.removeViewports(engine.id);
    for (const id of ids) engine.disableElement(id);
  };
}

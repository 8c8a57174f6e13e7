// Where a stack view draws its image, for what is drawn over it by hand (a derived object's
// label map, contours, dose): the shown image's plane in patient coordinates and the
// patient ↔ canvas mapping (CSS pixels) Cornerstone uses at that moment, so pan, zoom,
// flips and rotation carry the overlay with the image.
import { Enums, metaData, type Types } from '@cornerstonejs/core';
import { imagePlaneOf, type ImagePlane, type Vec3 } from '../../domain/viewer/patientPlane';
import type { ViewerEngine } from './renderingEngine';
import { stackViewportOf } from './stackViewport';

export interface ViewGeometry {
  /** Index of the shown image in the stack. */
  imageIndex: number;
  plane: ImagePlane | null;
  toCanvas: (world: Vec3) => [number, number];
  toWorld: (canvas: [number, number]) => Vec3;
}

interface PlaneModule {
  imagePositionPatient?: number[];
  rowCosines?: number[];
  columnCosines?: number[];
  rowPixelSpacing?: number;
  columnPixelSpacing?: number;
}

export function viewGeometryOf(engine: ViewerEngine, viewportId: string): ViewGeometry | null {
  const vp = stackViewportOf(engine, viewportId);
  if (!vp || vp.getImageIds().length === 0) return null;
  const imageId = vp.getCurrentImageId();
  const m = (imageId ? metaData.get('imagePlaneModule', imageId) : undefined) as
    PlaneModule | undefined;
  const plane = imagePlaneOf(
    m?.imagePositionPatient,
    m?.rowCosines && m.columnCosines ? [...m.rowCosines, ...m.columnCosines] : null,
    m?.rowPixelSpacing && m.columnPixelSpacing ? [m.rowPixelSpacing, m.columnPixelSpacing] : null,
  );
  return {
    imageIndex: vp.getCurrentImageIdIndex(),
    plane,
    toCanvas: (w) => {
      const [x, y] = vp.worldToCanvas([w[0], w[1], w[2]] as Types.Point3);
      return [x, y];
    },
    toWorld: (c) => {
      const [x, y, z] = vp.canvasToWorld(c as Types.Point2);
      return [x, y, z];
    },
  };
}

/** Calls `drawn` after each render of the view (image change, window, pan, zoom…). */
export function watchRenders(element: HTMLElement, drawn: () => void): () => void {
  element.addEventListener(Enums.Events.IMAGE_RENDERED, drawn);
  return () => element.removeEventListener(Enums.Events.IMAGE_RENDERED, drawn);
}

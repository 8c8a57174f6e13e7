// Read-only access to what the viewports show, for the end-to-end tests' pixel checks
// (pixel values under a point, the VOI, measurements' values). Installed only when the
// page was told it is under test (`window.__drimViewerTestEnabled`, set by Playwright
// before any script runs), so users' pages never carry it.
import { Enums, cache, getRenderingEngine, metaData, type Types } from '@cornerstonejs/core';
import { wadors } from '@cornerstonejs/dicom-image-loader';
import { annotation, state as toolsState } from '@cornerstonejs/tools';

type Point3 = [number, number, number];

interface ViewportLike {
  id: string;
  element: HTMLDivElement;
  canvas: HTMLCanvasElement;
  worldToCanvas: (p: Types.Point3) => Types.Point2;
  canvasToWorld: (p: Types.Point2) => Types.Point3;
  getZoom: () => number;
  getCamera: () => Types.ICamera;
}

declare global {
  interface Window {
    __drimViewerTestEnabled?: boolean;
    __drimViewerTest?: Record<string, unknown>;
  }
}

function viewportOf(engineId: string, viewportId: string): ViewportLike {
  const engine = getRenderingEngine(engineId);
  const vp = engine?.getViewport(viewportId) as unknown as ViewportLike | undefined;
  if (!vp) throw new Error(`no viewport ${viewportId}`);
  return vp;
}

function isStack(vp: unknown): vp is Types.IStackViewport {
  return (vp as { type?: unknown }).type === Enums.ViewportType.STACK;
}

function valueAtWorld(vp: ViewportLike, world: Point3): number | null {
  if (isStack(vp)) {
    const image = vp.getCornerstoneImage();
    const data = vp.getImageData();
    if (!image || !data) return null;
    const ijk = (data.imageData.worldToIndex?.(world) ?? []) as number[];
    const i = Math.round(ijk[0] ?? -1);
    const j = Math.round(ijk[1] ?? -1);
    if (i < 0 || j < 0 || i >= image.columns || j >= image.rows) return null;
    const raw = image.getPixelData()[j * image.columns + i];
    if (raw === undefined) return null;
    const scaled = image.preScale?.scaled === true;
    return scaled ? raw : raw * (image.slope ?? 1) + (image.intercept ?? 0);
  }
  const volumeVp = vp as unknown as Types.IVolumeViewport;
  const data = volumeVp.getImageData();
  if (!data) return null;
  const ijk = ((data.imageData.worldToIndex?.(world) ?? []) as number[]).map(Math.round);
  const [i = -1, j = -1, k = -1] = ijk;
  const [nx, ny, nz] = data.dimensions;
  if (i < 0 || j < 0 || k < 0 || i >= nx || j >= ny || k >= nz) return null;
  const value = data.voxelManager?.getAtIJK(i, j, k);
  return typeof value === 'number' ? value : null;
}

/** Mean colour [r, g, b] (0–255) of the displayed canvas in a 3×3 block around a canvas point (CSS px). */
function colourAtCanvas(vp: ViewportLike, x: number, y: number): [number, number, number] {
  const canvas = vp.canvas;
  const ratio = canvas.width / Math.max(1, canvas.clientWidth);
  const copy = document.createElement('canvas');
  copy.width = canvas.width;
  copy.height = canvas.height;
  const ctx = copy.getContext('2d');
  if (!ctx) throw new Error('no 2D context');
  ctx.drawImage(canvas, 0, 0);
  const px = ctx.getImageData(Math.round(x * ratio) - 1, Math.round(y * ratio) - 1, 3, 3).data;
  const sum = [0, 0, 0];
  for (let p = 0; p < px.length; p += 4) {
    for (let c = 0; c < 3; c++) sum[c] = (sum[c] ?? 0) + (px[p + c] ?? 0);
  }
  const n = px.length / 4;
  return [(sum[0] ?? 0) / n, (sum[1] ?? 0) / n, (sum[2] ?? 0) / n];
}

function colourAt(vp: ViewportLike, world: Point3): [number, number, number] {
  const [x, y] = vp.worldToCanvas(world);
  return colourAtCanvas(vp, x, y);
}

/** Mean luminance (0–255, Rec. 601 weights) around a canvas point (CSS px). */
function luminanceAtCanvas(vp: ViewportLike, x: number, y: number): number {
  const [r, g, b] = colourAtCanvas(vp, x, y);
  return 0.299 * r + 0.587 * g + 0.114 * b;
}

function luminanceAt(vp: ViewportLike, world: Point3): number {
  const [x, y] = vp.worldToCanvas(world);
  return luminanceAtCanvas(vp, x, y);
}

/** A cached volume's value at a world point (nearest voxel), whichever view shows it. */
function volumeValueAt(volumeId: string, world: Point3): number | null {
  const volume = cache.getVolume(volumeId);
  if (!volume?.imageData || !volume.voxelManager) return null;
  const ijk = (volume.imageData.worldToIndex(world) as number[]).map(Math.round);
  const [i = -1, j = -1, k = -1] = ijk;
  const [nx, ny, nz] = volume.dimensions;
  if (i < 0 || j < 0 || k < 0 || i >= nx || j >= ny || k >= nz) return null;
  const value = volume.voxelManager.getAtIJK(i, j, k);
  return typeof value === 'number' ? value : null;
}

interface PlaneModule {
  imagePositionPatient?: number[];
  rowCosines?: number[];
  columnCosines?: number[];
  rowPixelSpacing?: number;
  columnPixelSpacing?: number;
}

function cachedValueAt(imageId: string, x: number, y: number): number | null {
  const image = cache.getImage(imageId);
  const plane = metaData.get('imagePlaneModule', imageId) as PlaneModule | undefined;
  const [px = 0, py = 0] = plane?.imagePositionPatient ?? [];
  const [rx = 1, ry = 0] = plane?.rowCosines ?? [];
  const [cx = 0, cy = 1] = plane?.columnCosines ?? [];
  if (!image || !plane?.rowPixelSpacing || !plane.columnPixelSpacing) return null;
  const column = Math.round(((x - px) * rx + (y - py) * ry) / plane.columnPixelSpacing);
  const row = Math.round(((x - px) * cx + (y - py) * cy) / plane.rowPixelSpacing);
  if (column < 0 || row < 0 || column >= image.columns || row >= image.rows) return null;
  const raw = image.getPixelData()[row * image.columns + column];
  if (raw === undefined) return null;
  return image.preScale?.scaled === true ? raw : raw * (image.slope ?? 1) + (image.intercept ?? 0);
}

export function installTestHook(engineId: string): void {
  if (typeof window === 'undefined' || window.__drimViewerTestEnabled !== true) return;
  window.__drimViewerTest = {
    state(viewportId: string) {
      const vp = viewportOf(engineId, viewportId);
      const props = (
        vp as unknown as { getProperties: () => Types.ViewportProperties }
      ).getProperties();
      return {
        imageIndex: isStack(vp) ? vp.getCurrentImageIdIndex() : null,
        imageCount: isStack(vp) ? vp.getImageIds().length : null,
        voi: props.voiRange ?? null,
        invert: props.invert ?? false,
        zoom: vp.getZoom(),
        viewUp: vp.getCamera().viewUp,
        viewPlaneNormal: vp.getCamera().viewPlaneNormal,
      };
    },
    /** Stored value of the displayed frame at (column, row), for images without geometry. */
    valueAtPixel(viewportId: string, column: number, row: number) {
      const vp = viewportOf(engineId, viewportId);
      if (!isStack(vp)) return null;
      const image = vp.getCornerstoneImage();
      return image?.getPixelData()[row * image.columns + column] ?? null;
    },
    valueAtWorld: (viewportId: string, world: Point3) =>
      valueAtWorld(viewportOf(engineId, viewportId), world),
    luminanceAt: (viewportId: string, world: Point3) =>
      luminanceAt(viewportOf(engineId, viewportId), world),
    /** Colour on screen at a world point (colour maps: PET, NM). */
    /** The colour map a stack view is drawn with (Cornerstone's name), null when none set. */
    colormapName(viewportId: string) {
      const vp = viewportOf(engineId, viewportId);
      return isStack(vp) ? (vp.getProperties().colormap?.name ?? null) : null;
    },
    /** Luminance on screen of the displayed frame's pixel (column, row). */
    luminanceAtPixel(viewportId: string, column: number, row: number) {
      const vp = viewportOf(engineId, viewportId);
      if (!isStack(vp)) return null;
      const world = vp.getImageData()?.imageData.indexToWorld?.([column, row, 0]) as
        Point3 | undefined;
      return world ? luminanceAt(vp, world) : null;
    },
    /** Page coordinates (CSS px) of a world point, for mouse gestures. */
    worldToPage(viewportId: string, world: Point3) {
      const vp = viewportOf(engineId, viewportId);
      const [x, y] = vp.worldToCanvas(world);
      const rect = vp.element.getBoundingClientRect();
      return [rect.left + x, rect.top + y];
    },
    /** Page coordinates (CSS px) where the displayed frame's pixel (column, row) is drawn. */
    pixelToPage(viewportId: string, column: number, row: number) {
      const vp = viewportOf(engineId, viewportId);
      if (!isStack(vp)) return null;
      const world = vp.getImageData()?.imageData.indexToWorld?.([column, row, 0]) as
        Point3 | undefined;
      if (!world) return null;
      const [x, y] = vp.worldToCanvas(world);
      const rect = vp.element.getBoundingClientRect();
      return [rect.left + x, rect.top + y];
    },
    /** World point under a page position (CSS px): where a click there lands in the patient. */
    pageToWorld(viewportId: string, pageX: number, pageY: number) {
      const vp = viewportOf(engineId, viewportId);
      const rect = vp.element.getBoundingClientRect();
      return [...vp.canvasToWorld([pageX - rect.left, pageY - rect.top])];
    },
    /**
     * Where the image on screen lies: its ImagePositionPatient, FrameOfReferenceUID and slice
     * thickness (mm) — what a comparison's slice synchronisation is checked on.
     */
    imagePlane(viewportId: string) {
      const vp = viewportOf(engineId, viewportId);
      if (!isStack(vp)) return null;
      const imageId = vp.getCurrentImageId();
      const plane = metaData.get('imagePlaneModule', imageId) as
        (PlaneModule & { frameOfReferenceUID?: string; sliceThickness?: number }) | undefined;
      return {
        imageIndex: vp.getCurrentImageIdIndex(),
        imagePositionPatient: plane?.imagePositionPatient ?? null,
        frameOfReferenceUID: plane?.frameOfReferenceUID ?? null,
        sliceThickness: plane?.sliceThickness ?? null,
      };
    },
    /** ImagePositionPatient of every image of the stack, in display order. */
    stackPositions(viewportId: string) {
      const vp = viewportOf(engineId, viewportId);
      if (!isStack(vp)) return null;
      return vp.getImageIds().map((id) => {
        const plane = metaData.get('imagePlaneModule', id) as PlaneModule | undefined;
        return plane?.imagePositionPatient ?? null;
      });
    },
    /** The stack's image ids in order (each names its frame's SOP Instance UID). */
    imageIds(viewportId: string) {
      const vp = viewportOf(engineId, viewportId);
      return isStack(vp) ? vp.getImageIds() : null;
    },
    /** Bytes of decoded images held by Cornerstone's cache (the bounded one). */
    cacheBytes: () => cache.getCacheSize(),
    /** How many of these image ids the loader or Cornerstone still hold metadata for. */
    metadataHeld: (imageIds: string[]) =>
      imageIds.filter(
        (id) =>
          wadors.metaDataManager.get(id) !== undefined ||
          metaData.get('imagePixelModule', id) !== undefined,
      ).length,
    /** Decoded images still in Cornerstone's cache, whatever their size. */
    imagesCached: (imageIds: string[]) => imageIds.filter((id) => cache.isLoaded(id)).length,
    /**
     * Modality value of each cached image at an in-plane point (x, y mm; z is the image's
     * own), null for an image not in the cache: checks what background loading put there
     * without displaying it.
     */
    cachedValuesAt: (imageIds: string[], x: number, y: number) =>
      imageIds.map((id) => cachedValueAt(id, x, y)),
    /**
     * Luminance on screen at a page position (CSS px), wherever the image lies there: what a
     * user sees at that spot, independent of the camera, so rotations and flips can be
     * checked against where an object must appear.
     */
    luminanceAtPage(viewportId: string, pageX: number, pageY: number) {
      const vp = viewportOf(engineId, viewportId);
      const rect = vp.element.getBoundingClientRect();
      return luminanceAtCanvas(vp, pageX - rect.left, pageY - rect.top);
    },
    /** Camera flips and the rotation a user sees (degrees clockwise). */
    presentation(viewportId: string) {
      const vp = viewportOf(engineId, viewportId);
      const camera = vp.getCamera();
      const rotation = isStack(vp) ? (vp.getViewPresentation().rotation ?? 0) : null;
      return {
        rotation,
        flipHorizontal: camera.flipHorizontal ?? false,
        flipVertical: camera.flipVertical ?? false,
      };
    },
    /** Mean displayed colour [r, g, b] around a world point: colour maps, fusion. */
    colourAt: (viewportId: string, world: Point3) =>
      colourAt(viewportOf(engineId, viewportId), world),
    /** The volumes a volume view shows, bottom layer first (fusion: CT, then PET). */
    volumeIds(viewportId: string) {
      const vp = viewportOf(engineId, viewportId) as unknown as {
        getActors?: () => { referencedId?: string; uid: string }[];
      };
      return vp.getActors?.().map((a) => a.referencedId ?? a.uid) ?? [];
    },
    /**
     * The colour (0–255 each) a volume layer's colour map gives a value in this view, with
     * the view's window: what a pixel of that value must look like where the layer is opaque.
     */
    layerColour(viewportId: string, volumeId: string, value: number) {
      const vp = viewportOf(engineId, viewportId) as unknown as {
        getActors: () => {
          referencedId?: string;
          actor: {
            getProperty: () => {
              getRGBTransferFunction: (i: number) => {
                getColor: (v: number, out: number[]) => void;
              } | null;
            };
          };
        }[];
      };
      const entry = vp.getActors().find((a) => a.referencedId === volumeId);
      const tf = entry?.actor.getProperty().getRGBTransferFunction(0);
      if (!tf) return null;
      const rgb = [0, 0, 0];
      tf.getColor(value, rgb);
      return rgb.map((c) => c * 255);
    },
    /** A cached volume's value at a world point: read from the data, not from the screen. */
    volumeValueAt: (volumeId: string, world: Point3) => volumeValueAt(volumeId, world),
    /** Where a view looks: its focal point (the slice a volume view shows) and normal. */
    camera(viewportId: string) {
      const camera = viewportOf(engineId, viewportId).getCamera();
      return {
        focalPoint: camera.focalPoint,
        viewPlaneNormal: camera.viewPlaneNormal,
        parallelScale: camera.parallelScale,
      };
    },
    measurements() {
      const all = annotation.state.getAllAnnotations();
      // A volume streaming in under the same frame of reference (a PET/CT's, read ahead)
      // marks its annotations invalidated with no render to compute them again: one is
      // asked, so that a later read has stats computed on the data as it now is.
      if (!toolsState.isInteractingWithTool && all.some((a) => a.invalidated === true)) {
        getRenderingEngine(engineId)?.render();
      }
      return all.map((a) => ({
        toolName: a.metadata?.toolName,
        stats: Object.values(
          (a.data as { cachedStats?: Record<string, Record<string, unknown>> }).cachedStats ?? {},
        )[0],
        // World points of the handles, to tell where the gesture landed from what was measured.
        points: (a.data as { handles?: { points?: Point3[] } }).handles?.points ?? [],
        // Stats are computed at render time, also while a handle still follows the mouse:
        // they are final once no tool is being drawn or dragged and the annotation is not
        // invalidated. (A handle's activeHandleIndex is no such sign: Cornerstone also sets
        // it while the pointer merely hovers over the handle.)
        settled: a.invalidated !== true && !toolsState.isInteractingWithTool,
      }));
    },
  };
}

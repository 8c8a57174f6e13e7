// The image a stack view shows, as a PNG or JPEG file: what the user sees (window, zoom,
// rotation), drawn from the viewport's own canvas, with Cornerstone's annotation layer (an
// SVG over the canvas) drawn on top when asked. The viewer's overlay text (patient, study)
// is ordinary page content beside the canvas and is never part of the file.
import type { ViewerEngine } from './renderingEngine';
import { stackViewportOf } from './stackViewport';

export type SnapshotType = 'image/png' | 'image/jpeg';

export interface ImageAddress {
  sourceId: string;
  studyInstanceUID: string;
  seriesInstanceUID: string;
  sopInstanceUID: string;
}

export interface ViewportSnapshot {
  blob: Blob;
  /** The instance on screen (from its WADO-RS image id), null when it cannot be told. */
  address: ImageAddress | null;
  width: number;
  height: number;
}

const JPEG_QUALITY = 0.92;

/** The instance an image id of ours addresses (`wadors:…/dicomweb/{source}/studies/…`). */
export function addressOfImageId(imageId: string): ImageAddress | null {
  const m =
    /\/dicomweb\/([^/]+)\/studies\/([0-9.]+)\/series\/([0-9.]+)\/instances\/([0-9.]+)(\/|$)/.exec(
      imageId,
    );
  if (!m) return null;
  return {
    sourceId: decodeURIComponent(m[1] ?? ''),
    studyInstanceUID: m[2] ?? '',
    seriesInstanceUID: m[3] ?? '',
    sopInstanceUID: m[4] ?? '',
  };
}

async function annotationLayer(element: HTMLElement): Promise<HTMLImageElement | null> {
  const svg = element.querySelector<SVGSVGElement>('svg.svg-layer');
  if (!svg || svg.childElementCount === 0) return null;
  const clone = svg.cloneNode(true) as SVGSVGElement;
  // As an image the layer needs its size in attributes: its CSS says 100 %.
  clone.setAttribute('width', String(svg.clientWidth));
  clone.setAttribute('height', String(svg.clientHeight));
  clone.setAttribute('viewBox', `0 0 ${svg.clientWidth} ${svg.clientHeight}`);
  const text = new XMLSerializer().serializeToString(clone);
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
  await image.decode();
  return image;
}

/** The view's image as a file, or null when the view shows nothing (yet). */
export async function snapshotViewport(
  engine: ViewerEngine,
  viewportId: string,
  options: { type: SnapshotType; annotations: boolean },
): Promise<ViewportSnapshot | null> {
  const viewport = stackViewportOf(engine, viewportId);
  const imageId = viewport?.getCurrentImageId();
  if (!viewport || !imageId) return null;
  const source = viewport.getCanvas();
  if (source.width === 0 || source.height === 0) return null;
  const out = document.createElement('canvas');
  out.width = source.width;
  out.height = source.height;
  const context = out.getContext('2d');
  if (!context) return null;
  // JPEG has no transparency: what is not image is black, as on screen.
  context.fillStyle = '#000';
  context.fillRect(0, 0, out.width, out.height);
  context.drawImage(source, 0, 0);
  if (options.annotations) {
    const layer = await annotationLayer(viewport.element);
    if (layer) context.drawImage(layer, 0, 0, out.width, out.height);
  }
  const blob = await new Promise<Blob | null>((resolve) =>
    out.toBlob(resolve, options.type, options.type === 'image/jpeg' ? JPEG_QUALITY : undefined),
  );
  if (!blob) return null;
  return { blob, address: addressOfImageId(imageId), width: out.width, height: out.height };
}

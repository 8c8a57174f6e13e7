// Planar NM in millimetres. A planar or whole-body NM image has PixelSpacing but no
// ImagePositionPatient / ImageOrientationPatient (the detector sweeps, there is no patient
// plane): the loader then reports its geometry as defaults, and Cornerstone's tools measure it
// in pixels although the spacing is the file's own. Stated as a calibration of that same
// spacing (Cornerstone's 'calibratedPixelSpacing' module, scale 1: nothing is rescaled), the
// tools measure in mm, as the overlay's scale says (domain/viewer/measurementSpacing.ts).
import { metaData } from '@cornerstonejs/core';
import { instanceOfImageId } from './frameImageId';

const PRIORITY = 10_000;

const spacingByInstance = new Map<
  string,
  { rowPixelSpacing: number; columnPixelSpacing: number; scale: number }
>();

let installed = false;

function provider(type: string, imageId: unknown): unknown {
  if (type !== 'calibratedPixelSpacing' || typeof imageId !== 'string') return undefined;
  return spacingByInstance.get(instanceOfImageId(imageId));
}

type Element = { Value?: unknown[] };

function numbers(ds: Readonly<Record<string, unknown>>, tag: string): number[] {
  const value = (ds[tag] as Element | undefined)?.Value ?? [];
  return value.map((v) => (typeof v === 'number' ? v : Number(v))).filter(Number.isFinite);
}

/**
 * For an NM instance with PixelSpacing and no patient plane, states that spacing for its
 * frames (any frame's image id). Other instances are left as the loader reads them.
 */
export function registerNmSpacing(
  firstFrameImageId: string,
  ds: Readonly<Record<string, unknown>>,
): void {
  const modality = (ds['00080060'] as Element | undefined)?.Value?.[0];
  if (modality !== 'NM') return;
  if (numbers(ds, '00200037').length === 6 && numbers(ds, '00200032').length === 3) return;
  const [row, column] = numbers(ds, '00280030');
  if (!(row !== undefined && row > 0 && column !== undefined && column > 0)) return;
  if (!installed) {
    installed = true;
    metaData.addProvider(provider, PRIORITY);
  }
  spacingByInstance.set(instanceOfImageId(firstFrameImageId), {
    rowPixelSpacing: row,
    columnPixelSpacing: column,
    scale: 1,
  });
}

export function forgetNmSpacing(): void {
  spacingByInstance.clear();
}

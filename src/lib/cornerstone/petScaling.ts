// PET frames loaded in SUVbw. Cornerstone3D's way (as OHIF does it): a metadata provider
// answers 'scalingModule' { suvbw } for a PT image id, the DICOM image loader reads it
// (getScalingParameters) and multiplies each decoded value after the modality rescale, and
// the tools then call the values SUV (AnnotationTool.isSuvScaled, getPixelValueUnits). The
// factor must be known before the instance's first frame is asked for: a frame decoded
// without it is cached in Bq/ml.
import { metaData } from '@cornerstonejs/core';
import type { SuvScaling } from '../../domain/viewer/petSuv';
import { instanceOfImageId, instancePath, type FrameAddress } from './frameImageId';

/** Above the loader's own providers, which do not answer these modules. */
const PRIORITY = 10_000;

/** Per instance (its WADO-RS URL without the scheme): what the loader and tools ask for. */
const scalingByInstance = new Map<string, { suvbw: number }>();
/** Per instance of a PET not in SUV: its stored units, which the tools name. */
const unitsByInstance = new Map<string, string>();

/** Units as Cornerstone's tools print them (PS3.3 C.8.9.1.1.3 names → symbols). */
const UNIT_SYMBOL: Readonly<Record<string, string>> = {
  BQML: 'Bq/ml',
  CNTS: 'counts',
  GML: 'g/ml',
};

let installed = false;

function provider(type: string, imageId: unknown): unknown {
  if (typeof imageId !== 'string') return undefined;
  if (type === 'scalingModule') return scalingByInstance.get(instanceOfImageId(imageId));
  if (type === 'petSeriesModule') {
    const units = unitsByInstance.get(instanceOfImageId(imageId));
    return units ? { units } : undefined;
  }
  return undefined;
}

function install(): void {
  if (installed) return;
  installed = true;
  metaData.addProvider(provider, PRIORITY);
}

/**
 * Tells the loader each instance's SUVbw factor (or, without SUV, the units the tools must
 * name). Call before any frame of these instances is requested.
 */
export function registerPetScaling(
  series: Omit<FrameAddress, 'sopInstanceUID' | 'frame'>,
  origin: string,
  scaling: SuvScaling,
  sopInstanceUIDs: readonly string[],
): void {
  install();
  for (const sopInstanceUID of sopInstanceUIDs) {
    const key = `${origin}${instancePath({ ...series, sopInstanceUID })}`;
    const suvbw = scaling.ok ? scaling.suvbwBySop.get(sopInstanceUID) : undefined;
    if (suvbw !== undefined) {
      scalingByInstance.set(key, { suvbw });
      unitsByInstance.delete(key);
    } else {
      scalingByInstance.delete(key);
      unitsByInstance.set(key, UNIT_SYMBOL[scaling.storedUnits] ?? scaling.storedUnits);
    }
  }
}

/** The factor a PET image id is loaded with, if any (tests, fusion). */
export function suvbwOfImageId(imageId: string): number | null {
  return scalingByInstance.get(instanceOfImageId(imageId))?.suvbw ?? null;
}

/** Forgets every factor, with the rest of a session's metadata. */
export function forgetPetScaling(): void {
  scalingByInstance.clear();
  unitsByInstance.clear();
}

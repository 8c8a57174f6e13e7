// What a PET or NM series needs beyond its frames, read once from its metadata: the SUVbw
// factor of each instance (or why there is none), and what each NM frame shows.
import { str, type DicomDataset } from '../dicom/dicomJson';
import { nmFrameLabels, type NmFrameLabel } from './nmFrames';
import { suvScalingOf, type SuvCalculator, type SuvScaling } from './petSuv';
import type { FrameRef } from './seriesInstances';

export interface NuclearSeries {
  /** A PET's SUV scaling, null for NM. */
  suv: SuvScaling | null;
  /** Aligned with the series' frames: each NM frame's detector and energy window. */
  frameLabels: readonly (NmFrameLabel | null)[] | null;
}

const SOP_INSTANCE_UID = '00080018';

/** Null for any other modality than PT or NM. */
export function nuclearSeriesOf(
  modality: string,
  instances: readonly DicomDataset[],
  frames: readonly FrameRef[],
  /** calculate-suv (lib/cornerstone/suvCalculator.ts). */
  calculateSuv: SuvCalculator,
): NuclearSeries | null {
  if (modality === 'PT') return { suv: suvScalingOf(instances, calculateSuv), frameLabels: null };
  if (modality !== 'NM') return null;
  const bySop = new Map<string, NmFrameLabel[]>();
  for (const ds of instances) bySop.set(str(ds, SOP_INSTANCE_UID), nmFrameLabels(ds));
  const frameLabels = frames.map((f) => bySop.get(f.sopInstanceUID)?.[f.frame - 1] ?? null);
  return { suv: null, frameLabels: frameLabels.some((l) => l !== null) ? frameLabels : null };
}
